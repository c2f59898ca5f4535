import { RoundsError, type ModerationAction, type Question, type QuestionStatus } from '@rounds/shared';
import type { SessionNotifier } from './qa-groups';
import type { QaStore, QuestionRow } from './qa-store';

/** Who is looking: their own questions and, for moderators, every author stay visible to them. */
export interface Viewer {
  userId: string;
  canModerate: boolean;
}

const shownToAudience: readonly QuestionStatus[] = ['approved', 'answered'];
/** An author may still change or take back a question in these states. */
const openToAuthor: readonly QuestionStatus[] = ['pending', 'approved'];

/**
 * The rules of a session's Q&A: who sees which question and its author, who may change it, and who
 * hears of each change. Moderators see every question (withdrawn ones excepted) with its author;
 * the audience sees approved and answered ones, without the author when asked anonymously, plus
 * their own pending and dismissed ones. The dispatcher has checked the permission and rate limit.
 */
export class QaService {
  readonly #store: QaStore;
  #notify: SessionNotifier | undefined;

  constructor(store: QaStore) {
    this.#store = store;
  }

  /** Set by the socket layer once it exists. */
  setNotifier(notifier: SessionNotifier): void {
    this.#notify = notifier;
  }

  async open(sessionId: string, viewer: Viewer) {
    const [moderated, rows, myVotes] = await Promise.all([
      this.#store.moderated(sessionId),
      this.#store.list(sessionId),
      this.#store.votesOf(sessionId, viewer.userId),
    ]);
    const questions = rows.filter((row) => visibleTo(row, viewer)).map((row) => view(row, viewer));
    return { sessionId, questions, myVotes, moderated, canModerate: viewer.canModerate };
  }

  async ask(sessionId: string, viewer: Viewer, text: string, anonymous: boolean): Promise<Question> {
    const row = await this.#store.insert({ sessionId, authorId: viewer.userId, text, anonymous });
    return this.#announce(row, viewer);
  }

  /** The author changes the text; in a moderated session the question goes back to the moderators. */
  async edit(sessionId: string, viewer: Viewer, questionId: string, text: string): Promise<Question> {
    const row = await this.#ownOpenQuestion(sessionId, viewer, questionId);
    const moderated = await this.#store.moderated(sessionId);
    await this.#store.update(row.id, { text, ...(moderated && row.status === 'approved' && { status: 'pending' as const }) });
    return this.#publish(sessionId, row.id, viewer, row.status);
  }

  async withdraw(sessionId: string, viewer: Viewer, questionId: string): Promise<void> {
    const row = await this.#ownOpenQuestion(sessionId, viewer, questionId);
    await this.#store.update(row.id, { status: 'withdrawn', pinned: false });
    await this.#publish(sessionId, row.id, viewer, row.status);
  }

  async vote(sessionId: string, viewer: Viewer, questionId: string, voted: boolean) {
    const row = await this.#store.find(sessionId, questionId);
    if (!row || !shownToAudience.includes(row.status)) throw new RoundsError('qa.notFound', `No question ${questionId} to vote on`);
    const votes = await this.#store.setVote(row.id, viewer.userId, voted);
    if (votes !== row.votes) await this.#publish(sessionId, row.id, viewer, row.status);
    return { questionId: row.id, votes, voted };
  }

  async moderate(sessionId: string, viewer: Viewer, questionId: string, action: ModerationAction): Promise<Question> {
    const row = await this.#store.find(sessionId, questionId);
    if (!row || row.status === 'withdrawn') throw new RoundsError('qa.notFound', `No question ${questionId}`);
    const changed =
      action === 'pin'
        ? await this.#pin(row)
        : (await this.#store.update(row.id, moderationChange(action, row)), [row.id]);
    for (const id of changed.filter((changedId) => changedId !== row.id)) await this.#publish(sessionId, id, viewer, 'approved');
    return this.#publish(sessionId, row.id, viewer, row.status);
  }

  /** Pinning shows the question as the one being answered: a pending one is approved on the way. */
  async #pin(row: QuestionRow): Promise<string[]> {
    if (row.status === 'pending' || row.status === 'dismissed') await this.#store.update(row.id, { status: 'approved' });
    return this.#store.pinOnly(row.sessionId, row.id);
  }

  async #ownOpenQuestion(sessionId: string, viewer: Viewer, questionId: string): Promise<QuestionRow> {
    const row = await this.#store.find(sessionId, questionId);
    if (!row || row.status === 'withdrawn' || (row.authorId !== viewer.userId && !visibleTo(row, viewer))) {
      throw new RoundsError('qa.notFound', `No question ${questionId}`);
    }
    if (row.authorId !== viewer.userId || !openToAuthor.includes(row.status)) {
      throw new RoundsError('qa.notEditable', 'Only your own question, until it is answered or dismissed');
    }
    return row;
  }

  /**
   * Tells the crew and the audience what changed, each in their own view, and returns the actor's
   * view. `before`: the status the audience last saw, so a question leaving their view is removed.
   */
  async #publish(sessionId: string, questionId: string, actor: Viewer, before?: QuestionStatus): Promise<Question> {
    return this.#announce((await this.#store.find(sessionId, questionId))!, actor, before);
  }

  /** `#publish` for a row already read. */
  #announce(row: QuestionRow, actor: Viewer, before?: QuestionStatus): Question {
    const { sessionId, id: questionId } = row;
    const notify = this.#notify;
    if (notify) {
      const crew = { userId: '', canModerate: true };
      if (row.status === 'withdrawn') notify.crew(sessionId, 'qa.questionRemoved', { sessionId, questionId });
      else notify.crew(sessionId, 'qa.questionChanged', { sessionId, question: view(row, crew) });
      const audience = { userId: '', canModerate: false };
      if (shownToAudience.includes(row.status)) notify.audience(sessionId, 'qa.questionChanged', { sessionId, question: view(row, audience) });
      else if (before && shownToAudience.includes(before)) notify.audience(sessionId, 'qa.questionRemoved', { sessionId, questionId });
      // The author follows their own question while the audience cannot see it (every tab of theirs).
      if (row.status === 'pending' || row.status === 'dismissed') {
        notify.person(sessionId, row.authorId, 'qa.questionChanged', { sessionId, question: view(row, { userId: row.authorId, canModerate: false }) });
      }
    }
    return view(row, actor);
  }
}

function moderationChange(action: Exclude<ModerationAction, 'pin'>, row: QuestionRow) {
  switch (action) {
    case 'approve':
      return { status: row.status === 'pending' || row.status === 'dismissed' ? ('approved' as const) : row.status };
    case 'dismiss':
      return { status: 'dismissed' as const, pinned: false };
    case 'answer':
      return { status: 'answered' as const, pinned: false, answeredAt: new Date() };
    case 'unpin':
      return { pinned: false };
  }
}

function visibleTo(row: QuestionRow, viewer: Viewer): boolean {
  if (row.status === 'withdrawn') return false;
  return viewer.canModerate || shownToAudience.includes(row.status) || row.authorId === viewer.userId;
}

/** The question as this viewer may see it: anonymous authors are hidden from the audience (not from themselves). */
function view(row: QuestionRow, viewer: Viewer): Question {
  const showAuthor = !row.anonymous || viewer.canModerate || row.authorId === viewer.userId;
  return {
    id: row.id,
    sessionId: row.sessionId,
    text: row.text,
    anonymous: row.anonymous,
    authorName: showAuthor ? row.authorName : null,
    authorId: showAuthor ? row.authorId : null,
    status: row.status,
    pinned: row.pinned,
    votes: row.votes,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}
