import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, Poll, ServerToClientEvents } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';
import type { StageRequest } from '../stage/stage-transport';
import { useRounds } from '../store';
import type { QaController } from './qa-controller';

/**
 * The session's polls for this tab. Live changes need the socket in the session's groups, which the
 * Q&A's `qa.join` does; so the list loads with `poll.list` each time that join answers (on open and
 * after every reconnect), and `poll.changed` keeps it in step. The crew prepare, launch, close and
 * reveal; everyone votes once.
 */
export class PollController {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #request: StageRequest;
  readonly #qa: QaController;
  #sessionId: string | null = null;
  /** Counts loads, so only the newest answer reaches the store. */
  #loadCount = 0;
  /** Changes heard while a `poll.list` is on its way: the answer may be older, so they are applied over it. */
  #heardDuringLoad: Poll[] | null = null;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest, qa: QaController) {
    this.#socket = socket;
    this.#request = request;
    this.#qa = qa;
    qa.onJoined((sessionId, error) => {
      if (sessionId !== this.#sessionId) return;
      if (error) useRounds.getState().setPollError(error);
      else void this.#load(sessionId);
    });
    socket.on('poll.changed', ({ sessionId, poll }) => {
      if (sessionId !== this.#sessionId) return;
      this.#heardDuringLoad?.push(poll);
      useRounds.getState().upsertPoll(poll);
    });
  }

  /** The polls panel mounted: loads now if the session is joined, else when the join answers. */
  open(sessionId: string): void {
    this.#sessionId = sessionId;
    useRounds.getState().openPolls(sessionId);
    if (this.#qa.joinedSessionId === sessionId) void this.#load(sessionId);
  }

  close(sessionId: string): void {
    if (this.#sessionId !== sessionId) return;
    this.#sessionId = null;
    this.#loadCount++;
    this.#heardDuringLoad = null;
    useRounds.getState().closePolls();
  }

  /** Tries again after a failed load (or a failed join, which the Q&A retries). */
  retry(): void {
    if (!this.#sessionId) return;
    if (this.#qa.joinedSessionId === this.#sessionId) void this.#load(this.#sessionId);
    else this.#qa.retry();
  }

  async create(question: string, options: string[], multiple: boolean): Promise<void> {
    const { poll } = await this.#request('poll.create', { sessionId: this.#open(), question, options, multiple });
    useRounds.getState().upsertPoll(poll);
  }

  async launch(pollId: string): Promise<void> {
    const { poll } = await this.#request('poll.launch', { sessionId: this.#open(), pollId });
    useRounds.getState().upsertPoll(poll);
  }

  async closePoll(pollId: string): Promise<void> {
    const { poll } = await this.#request('poll.close', { sessionId: this.#open(), pollId });
    useRounds.getState().upsertPoll(poll);
  }

  async reveal(pollId: string, revealed: boolean): Promise<void> {
    const { poll } = await this.#request('poll.reveal', { sessionId: this.#open(), pollId, revealed });
    useRounds.getState().upsertPoll(poll);
  }

  /**
   * Casts my one ballot. Refused as already voted (from another tab, say): the list is loaded again,
   * so the page shows the vote on record instead of the form.
   */
  async vote(pollId: string, optionIds: string[]): Promise<void> {
    const sessionId = this.#open();
    try {
      const answer = await this.#request('poll.vote', { sessionId, pollId, optionIds });
      useRounds.getState().setMyChoice(answer.pollId, answer.optionIds);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'poll.alreadyVoted') await this.#load(sessionId);
      throw error;
    }
  }

  async #load(sessionId: string): Promise<void> {
    const count = ++this.#loadCount;
    const heard: Poll[] = [];
    this.#heardDuringLoad = heard;
    try {
      const state = await this.#request('poll.list', { sessionId });
      if (count !== this.#loadCount) return;
      const store = useRounds.getState();
      store.setPollState(state);
      for (const poll of heard) store.upsertPoll(poll);
    } catch (error) {
      // Without a connection the next join loads again; say nothing until then.
      if (count !== this.#loadCount || !this.#socket.connected) return;
      useRounds.getState().setPollError(adviceFor(error, 'The polls could not be loaded.'));
    } finally {
      if (count === this.#loadCount) this.#heardDuringLoad = null;
    }
  }

  #open(): string {
    if (!this.#sessionId) throw new ApiError('poll.notFound', 'The polls are not open.');
    return this.#sessionId;
  }
}
