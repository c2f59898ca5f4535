import { sql, type ExpressionBuilder } from 'kysely';
import { RoundsError, type QuestionStatus } from '@rounds/shared';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';

export interface QuestionRow {
  id: string;
  sessionId: string;
  authorId: string;
  authorName: string;
  text: string;
  anonymous: boolean;
  status: QuestionStatus;
  pinned: boolean;
  votes: number;
  createdAt: Date;
  answeredAt: Date | null;
}

/** A QuestionRow's columns, from questions `q` joined with their authors `u`. */
const questionColumns = [
  'q.id',
  'q.sessionId',
  'q.authorId',
  'u.name as authorName',
  'q.text',
  'q.anonymous',
  'q.status',
  'q.pinned',
  'q.votes',
  'q.createdAt',
  'q.answeredAt',
] as const;

/** Questions and votes in the database: every write is one statement or one transaction. */
export class QaStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async moderated(sessionId: string): Promise<boolean> {
    const session = await this.#db.selectFrom('sessions').select('qaModerated').where('id', '=', sessionId).executeTakeFirst();
    if (!session) throw new RoundsError('resource.notFound', `No session ${sessionId}`);
    return session.qaModerated;
  }

  async list(sessionId: string): Promise<QuestionRow[]> {
    return this.#select().where('q.sessionId', '=', sessionId).orderBy('q.createdAt').orderBy('q.id').execute();
  }

  async find(sessionId: string, questionId: string): Promise<QuestionRow | undefined> {
    return this.#select().where('q.sessionId', '=', sessionId).where('q.id', '=', questionId).executeTakeFirst();
  }

  async votesOf(sessionId: string, userId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('questionVotes as v')
      .innerJoin('questions as q', 'q.id', 'v.questionId')
      .select('v.questionId')
      .where('q.sessionId', '=', sessionId)
      .where('v.userId', '=', userId)
      .execute();
    return rows.map((row) => row.questionId);
  }

  /**
   * Stores a new question and reads it back with its author's name, in one statement. Its status
   * comes from the session: pending while the session moderates its questions, else approved.
   */
  async insert(question: { sessionId: string; authorId: string; text: string; anonymous: boolean }): Promise<QuestionRow> {
    const status = (eb: ExpressionBuilder<Database, 'questions'>) =>
      eb
        .selectFrom('sessions')
        .select((s) => s.case().when('qaModerated', '=', true).then('pending').else('approved').end().$castTo<QuestionStatus>().as('status'))
        .where('id', '=', question.sessionId);
    return this.#db
      .with('q', (db) => db.insertInto('questions').values({ ...question, status }).returningAll())
      .selectFrom('q')
      .innerJoin('users as u', 'u.id', 'q.authorId')
      .select(questionColumns)
      .executeTakeFirstOrThrow();
  }

  async update(questionId: string, change: { text?: string; status?: QuestionStatus; pinned?: boolean; answeredAt?: Date | null }): Promise<void> {
    await this.#db.updateTable('questions').set(change).where('id', '=', questionId).execute();
  }

  /** Pins one question of the session and unpins the others; returns the ids whose pin changed. */
  async pinOnly(sessionId: string, questionId: string): Promise<string[]> {
    return this.#db.transaction().execute(async (tx) => {
      const unpinned = await tx
        .updateTable('questions')
        .set({ pinned: false })
        .where('sessionId', '=', sessionId)
        .where('pinned', '=', true)
        .where('id', '!=', questionId)
        .returning('id')
        .execute();
      await tx.updateTable('questions').set({ pinned: true }).where('id', '=', questionId).execute();
      return [questionId, ...unpinned.map((row) => row.id)];
    });
  }

  /** Adds or removes the user's vote (once per person) and keeps the count; returns the count. */
  async setVote(questionId: string, userId: string, voted: boolean): Promise<number> {
    return this.#db.transaction().execute(async (tx) => {
      const changed = voted
        ? await tx.insertInto('questionVotes').values({ questionId, userId }).onConflict((oc) => oc.doNothing()).returning('userId').execute()
        : await tx.deleteFrom('questionVotes').where('questionId', '=', questionId).where('userId', '=', userId).returning('userId').execute();
      const step = changed.length === 0 ? 0 : voted ? 1 : -1;
      const { votes } = await tx
        .updateTable('questions')
        .set({ votes: sql<number>`votes + ${step}` })
        .where('id', '=', questionId)
        .returning('votes')
        .executeTakeFirstOrThrow();
      return votes;
    });
  }

  #select() {
    return this.#db.selectFrom('questions as q').innerJoin('users as u', 'u.id', 'q.authorId').select(questionColumns);
  }
}
