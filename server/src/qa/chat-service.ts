import { RoundsError, type ChatMessage } from '@rounds/shared';
import type { Db } from '../db/database';
import type { SessionNotifier } from './qa-groups';
import type { Viewer } from './qa-service';

/** How much history a person gets on opening the chat. */
const historySize = 100;

/**
 * The session chat: messages are kept (a deleted one is marked, not erased, for the records); the
 * crew remove messages and mute people, per session; a muted person's sends get `chat.muted`.
 */
export class ChatService {
  readonly #db: Db;
  #notify: SessionNotifier | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  setNotifier(notifier: SessionNotifier): void {
    this.#notify = notifier;
  }

  async list(sessionId: string, viewer: Viewer) {
    const rows = await this.#messages()
      .where('m.sessionId', '=', sessionId)
      .where('m.deletedAt', 'is', null)
      .orderBy('m.createdAt', 'desc')
      .orderBy('m.id', 'desc')
      .limit(historySize)
      .execute();
    const mutedUserIds = viewer.canModerate
      ? (await this.#db.selectFrom('chatMutes').select('userId').where('sessionId', '=', sessionId).execute()).map((row) => row.userId)
      : [];
    return { messages: rows.reverse().map(toMessage), muted: await this.#isMuted(sessionId, viewer.userId), mutedUserIds };
  }

  async send(sessionId: string, viewer: Viewer, text: string): Promise<ChatMessage> {
    if (await this.#isMuted(sessionId, viewer.userId)) throw new RoundsError('chat.muted');
    const { id } = await this.#db.insertInto('chatMessages').values({ sessionId, authorId: viewer.userId, text }).returning('id').executeTakeFirstOrThrow();
    const message = toMessage(await this.#messages().where('m.id', '=', id).executeTakeFirstOrThrow());
    this.#notify?.everyone(sessionId, 'chat.message', { sessionId, message });
    return message;
  }

  async delete(sessionId: string, viewer: Viewer, messageId: string): Promise<void> {
    const deleted = await this.#db
      .updateTable('chatMessages')
      .set({ deletedAt: new Date(), deletedBy: viewer.userId })
      .where('id', '=', messageId)
      .where('sessionId', '=', sessionId)
      .where('deletedAt', 'is', null)
      .returning('id')
      .execute();
    if (deleted.length === 0) throw new RoundsError('chat.notFound', `No message ${messageId}`);
    this.#notify?.everyone(sessionId, 'chat.deleted', { sessionId, messageId });
  }

  async mute(sessionId: string, viewer: Viewer, userId: string, muted: boolean): Promise<void> {
    const person = await this.#db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
    if (!person) throw new RoundsError('resource.notFound', `No person ${userId}`);
    if (muted) {
      await this.#db
        .insertInto('chatMutes')
        .values({ sessionId, userId, mutedBy: viewer.userId })
        .onConflict((oc) => oc.doNothing())
        .execute();
    } else {
      await this.#db.deleteFrom('chatMutes').where('sessionId', '=', sessionId).where('userId', '=', userId).execute();
    }
    const payload = { sessionId, userId, userName: person.name, muted };
    this.#notify?.crew(sessionId, 'chat.muteChanged', payload);
    this.#notify?.person(sessionId, userId, 'chat.muteChanged', payload);
  }

  async #isMuted(sessionId: string, userId: string): Promise<boolean> {
    const row = await this.#db.selectFrom('chatMutes').select('userId').where('sessionId', '=', sessionId).where('userId', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  #messages() {
    return this.#db
      .selectFrom('chatMessages as m')
      .innerJoin('users as u', 'u.id', 'm.authorId')
      .select(['m.id', 'm.sessionId', 'm.authorId', 'u.name as authorName', 'm.text', 'm.createdAt']);
  }
}

function toMessage(row: { id: string; sessionId: string; authorId: string; authorName: string; text: string; createdAt: Date }): ChatMessage {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
