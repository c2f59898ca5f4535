import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ModerationAction, Question, ServerToClientEvents } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import type { StageRequest } from '../stage/stage-transport';
import { useRounds } from '../store';

/**
 * Told after every `qa.join` for the open session: `error` null once the socket is in the session's
 * groups (polls and chat then load their lists), else the sentence to show.
 */
export type JoinListener = (sessionId: string, error: string | null) => void;

/** A notification heard while a `qa.join` is on its way, applied again over its answer. */
type Heard = { kind: 'changed'; question: Question } | { kind: 'removed'; questionId: string };

/**
 * The session's Q&A for this tab: opens it with `qa.join` and again after every reconnect (the answer
 * is the whole current state, so nothing is missed), keeps the store in step with `qa.questionChanged`
 * and `qa.questionRemoved`, and sends the asks, edits, votes and moderation. One session at a time.
 */
export class QaController {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #request: StageRequest;
  #sessionId: string | null = null;
  /** Counts joins, so only the newest answer reaches the store. */
  #joinCount = 0;
  /**
   * Changes heard while a join is on its way. The answer may have been read before some of them,
   * so they are applied again over it, in order; the last word on each question is the newest.
   */
  #heardDuringJoin: Heard[] | null = null;
  readonly #joinListeners = new Set<JoinListener>();
  /** The session whose join answered since the last (re)connect: its groups are joined. */
  #joinedSessionId: string | null = null;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest) {
    this.#socket = socket;
    this.#request = request;
    const store = () => useRounds.getState();

    socket.on('connect', () => {
      store().setQaOnline(true);
      if (this.#sessionId) void this.#join(this.#sessionId);
    });
    socket.on('disconnect', () => {
      this.#joinedSessionId = null;
      store().setQaOnline(false);
    });
    socket.on('qa.questionChanged', ({ sessionId, question }) => {
      if (sessionId !== this.#sessionId) return;
      this.#heardDuringJoin?.push({ kind: 'changed', question });
      store().upsertQuestion(question);
    });
    socket.on('qa.questionRemoved', ({ sessionId, questionId }) => {
      if (sessionId !== this.#sessionId) return;
      this.#heardDuringJoin?.push({ kind: 'removed', questionId });
      this.#remove(questionId);
    });
  }

  /** Opens the session's Q&A (the panel mounted); joins now, or as soon as the socket connects. */
  open(sessionId: string): void {
    this.#sessionId = sessionId;
    useRounds.getState().openQa(sessionId);
    useRounds.getState().setQaOnline(this.#socket.connected);
    if (this.#socket.connected) void this.#join(sessionId);
  }

  /** The panel went away. The server keeps the socket in the session's groups; what it hears is ignored. */
  close(sessionId: string): void {
    if (this.#sessionId !== sessionId) return;
    this.#sessionId = null;
    this.#joinedSessionId = null;
    this.#joinCount++;
    this.#heardDuringJoin = null;
    useRounds.getState().closeQa();
  }

  /**
   * The one join for the session's interaction: polls and chat load their lists from here, when the
   * socket is in the session's groups (on open and after every reconnect), so `qa.join` is sent once.
   * Returns the unsubscribe.
   */
  onJoined(listener: JoinListener): () => void {
    this.#joinListeners.add(listener);
    return () => this.#joinListeners.delete(listener);
  }

  /** The session whose groups this connection is in now, or null (not yet, or the socket is down). */
  get joinedSessionId(): string | null {
    return this.#joinedSessionId;
  }

  /** Tries the join again after it failed. */
  retry(): void {
    if (this.#sessionId) this.open(this.#sessionId);
  }

  async ask(text: string, anonymous: boolean): Promise<Question> {
    const { question } = await this.#request('qa.ask', { sessionId: this.#open(), text, anonymous });
    useRounds.getState().upsertQuestion(question);
    return question;
  }

  async edit(questionId: string, text: string): Promise<void> {
    const { question } = await this.#request('qa.edit', { sessionId: this.#open(), questionId, text });
    useRounds.getState().upsertQuestion(question);
  }

  async withdraw(questionId: string): Promise<void> {
    await this.#request('qa.withdraw', { sessionId: this.#open(), questionId });
    useRounds.getState().removeQuestion(questionId);
  }

  /** Upvotes, or takes the vote back; the count and "I voted" come from the ack. */
  async vote(questionId: string, voted: boolean): Promise<void> {
    const answer = await this.#request('qa.vote', { sessionId: this.#open(), questionId, voted });
    useRounds.getState().setMyVote(answer.questionId, answer.voted, answer.votes);
  }

  async moderate(questionId: string, action: ModerationAction): Promise<void> {
    const { question } = await this.#request('qa.moderate', { sessionId: this.#open(), questionId, action });
    useRounds.getState().upsertQuestion(question);
  }

  async #join(sessionId: string): Promise<void> {
    const count = ++this.#joinCount;
    const heard: Heard[] = [];
    this.#heardDuringJoin = heard;
    try {
      const state = await this.#request('qa.join', { sessionId });
      if (count !== this.#joinCount) return;
      const store = useRounds.getState();
      store.setQaState(state);
      for (const change of heard) {
        if (change.kind === 'changed') store.upsertQuestion(change.question);
        else this.#remove(change.questionId);
      }
      this.#joinedSessionId = sessionId;
      for (const listener of this.#joinListeners) listener(sessionId, null);
    } catch (error) {
      if (count !== this.#joinCount) return;
      // Without a connection the next `connect` joins again; say nothing until then.
      if (!this.#socket.connected) return;
      useRounds.getState().setQaError(error instanceof ApiError ? error.advice : 'The questions could not be loaded.');
      for (const listener of this.#joinListeners) listener(sessionId, adviceFor(error, 'The session could not be opened.'));
    } finally {
      if (count === this.#joinCount) this.#heardDuringJoin = null;
    }
  }

  /**
   * Drops a question, except my own pending or dismissed one: an edit sends an approved question back
   * to the moderators, and the audience (my own browser included) hears it removed, maybe after my ack;
   * the author alone hears that their question was dismissed (`qa.questionChanged` to their person group).
   */
  #remove(questionId: string): void {
    const store = useRounds.getState();
    const known = store.questions.find((q) => q.id === questionId);
    if ((known?.status === 'pending' || known?.status === 'dismissed') && !store.canModerate) return;
    store.removeQuestion(questionId);
  }

  #open(): string {
    if (!this.#sessionId) throw new ApiError('qa.notFound', 'The Q&A is not open.');
    return this.#sessionId;
  }
}
