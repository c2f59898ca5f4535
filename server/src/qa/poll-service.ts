import { RoundsError, type Poll } from '@rounds/shared';
import type { Db } from '../db/database';
import type { SessionNotifier } from './qa-groups';
import type { Viewer } from './qa-service';

interface PollRow {
  id: string;
  sessionId: string;
  question: string;
  multiple: boolean;
  status: 'draft' | 'open' | 'closed';
  revealed: boolean;
  createdAt: Date;
}

/**
 * Polls of a session: the crew prepare them (drafts only they see), launch, close and reveal them;
 * each person votes once in an open poll (the ballot's primary key is the rule). Results go live to
 * the crew on every vote, and to the audience once revealed. Closed polls are kept.
 */
export class PollService {
  readonly #db: Db;
  #notify: SessionNotifier | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  setNotifier(notifier: SessionNotifier): void {
    this.#notify = notifier;
  }

  async list(sessionId: string, viewer: Viewer) {
    let query = this.#db.selectFrom('polls').selectAll().where('sessionId', '=', sessionId).orderBy('createdAt').orderBy('id');
    if (!viewer.canModerate) query = query.where('status', '!=', 'draft');
    const rows = await query.execute();
    const polls = await Promise.all(rows.map((row) => this.#view(row, viewer)));
    const choices = await this.#db
      .selectFrom('pollChoices as c')
      .innerJoin('polls as p', 'p.id', 'c.pollId')
      .select(['c.pollId', 'c.optionId'])
      .where('p.sessionId', '=', sessionId)
      .where('c.userId', '=', viewer.userId)
      .execute();
    const myChoices: Record<string, string[]> = {};
    for (const { pollId, optionId } of choices) (myChoices[pollId] ??= []).push(optionId);
    return { polls, myChoices };
  }

  async create(sessionId: string, viewer: Viewer, draft: { question: string; options: string[]; multiple: boolean }): Promise<Poll> {
    const id = await this.#db.transaction().execute(async (tx) => {
      const poll = await tx
        .insertInto('polls')
        .values({ sessionId, createdBy: viewer.userId, question: draft.question, multiple: draft.multiple, status: 'draft' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('pollOptions')
        .values(draft.options.map((label, position) => ({ pollId: poll.id, position, label })))
        .execute();
      return poll.id;
    });
    return this.#publish(sessionId, id, viewer);
  }

  async launch(sessionId: string, viewer: Viewer, pollId: string): Promise<Poll> {
    await this.#transition(sessionId, pollId, 'draft', { status: 'open', openedAt: new Date() });
    return this.#publish(sessionId, pollId, viewer);
  }

  async close(sessionId: string, viewer: Viewer, pollId: string): Promise<Poll> {
    await this.#transition(sessionId, pollId, 'open', { status: 'closed', closedAt: new Date() });
    return this.#publish(sessionId, pollId, viewer);
  }

  async reveal(sessionId: string, viewer: Viewer, pollId: string, revealed: boolean): Promise<Poll> {
    await this.#row(sessionId, pollId, viewer);
    await this.#db.updateTable('polls').set({ revealed }).where('id', '=', pollId).execute();
    return this.#publish(sessionId, pollId, viewer);
  }

  async vote(sessionId: string, viewer: Viewer, pollId: string, optionIds: string[]) {
    const row = await this.#row(sessionId, pollId, viewer);
    if (row.status !== 'open') throw new RoundsError('poll.notOpen', `Poll ${pollId} is ${row.status}`);
    const chosen = [...new Set(optionIds)];
    const options = await this.#db.selectFrom('pollOptions').select('id').where('pollId', '=', pollId).execute();
    const known = new Set(options.map((option) => option.id));
    if (chosen.some((optionId) => !known.has(optionId)) || (!row.multiple && chosen.length !== 1)) {
      throw new RoundsError('poll.invalidChoice', 'Not this poll’s options, or several in a single-choice poll');
    }
    await this.#db.transaction().execute(async (tx) => {
      const ballot = await tx
        .insertInto('pollBallots')
        .values({ pollId, userId: viewer.userId })
        .onConflict((oc) => oc.doNothing())
        .returning('userId')
        .execute();
      if (ballot.length === 0) throw new RoundsError('poll.alreadyVoted');
      await tx
        .insertInto('pollChoices')
        .values(chosen.map((optionId) => ({ pollId, userId: viewer.userId, optionId })))
        .execute();
    });
    await this.#publish(sessionId, pollId, viewer);
    return { pollId, optionIds: chosen };
  }

  /** The poll if the viewer may see it (the audience never sees drafts). */
  async #row(sessionId: string, pollId: string, viewer: Viewer): Promise<PollRow> {
    const row = await this.#db.selectFrom('polls').selectAll().where('id', '=', pollId).where('sessionId', '=', sessionId).executeTakeFirst();
    if (!row || (row.status === 'draft' && !viewer.canModerate)) throw new RoundsError('poll.notFound', `No poll ${pollId}`);
    return row;
  }

  async #transition(sessionId: string, pollId: string, from: PollRow['status'], change: { status: PollRow['status']; openedAt?: Date; closedAt?: Date }) {
    const updated = await this.#db
      .updateTable('polls')
      .set(change)
      .where('id', '=', pollId)
      .where('sessionId', '=', sessionId)
      .where('status', '=', from)
      .returning('id')
      .execute();
    if (updated.length > 0) return;
    const exists = await this.#db.selectFrom('polls').select('status').where('id', '=', pollId).where('sessionId', '=', sessionId).executeTakeFirst();
    if (!exists) throw new RoundsError('poll.notFound', `No poll ${pollId}`);
    throw new RoundsError('poll.notOpen', `Poll ${pollId} is ${exists.status}, not ${from}`);
  }

  async #publish(sessionId: string, pollId: string, actor: Viewer): Promise<Poll> {
    const row = await this.#db.selectFrom('polls').selectAll().where('id', '=', pollId).executeTakeFirstOrThrow();
    const crewView = await this.#view(row, { userId: '', canModerate: true });
    this.#notify?.crew(sessionId, 'poll.changed', { sessionId, poll: crewView });
    if (row.status !== 'draft') this.#notify?.audience(sessionId, 'poll.changed', { sessionId, poll: audienceView(crewView) });
    return actor.canModerate ? crewView : audienceView(crewView);
  }

  async #view(row: PollRow, viewer: Viewer): Promise<Poll> {
    const options = await this.#db.selectFrom('pollOptions').select(['id', 'label']).where('pollId', '=', row.id).orderBy('position').execute();
    const counts = await this.#db
      .selectFrom('pollChoices')
      .select(['optionId', (eb) => eb.fn.countAll<string>().as('votes')])
      .where('pollId', '=', row.id)
      .groupBy('optionId')
      .execute();
    const { voters } = await this.#db
      .selectFrom('pollBallots')
      .select((eb) => eb.fn.countAll<string>().as('voters'))
      .where('pollId', '=', row.id)
      .executeTakeFirstOrThrow();
    const votesOf = new Map(counts.map((count) => [count.optionId, Number(count.votes)]));
    const full: Poll = {
      id: row.id,
      sessionId: row.sessionId,
      question: row.question,
      multiple: row.multiple,
      status: row.status,
      revealed: row.revealed,
      options,
      results: { votes: options.map((option) => votesOf.get(option.id) ?? 0), voters: Number(voters) },
      createdAt: row.createdAt.toISOString(),
    };
    return viewer.canModerate ? full : audienceView(full);
  }
}

function audienceView(poll: Poll): Poll {
  return poll.revealed ? poll : { ...poll, results: null };
}
