import { RoundsError, type Permission, type Role } from '@rounds/shared';
import type { Db } from '../db/database';
import type { Identity } from './auth-service';

export interface SessionAccess {
  conferenceId: string;
  roles: Role[];
  /** A speaker or moderator of this session, or an organizer of its conference: may present. */
  isCrew: boolean;
}

/** What the dispatcher asks before every handler; AccessPolicy answers from the database, unit tests with a fake. */
export interface Authorizer {
  /** Resolves with the caller's access to the session, or throws `auth.required`, `auth.forbidden` or `resource.notFound`. */
  authorize(identity: Identity | undefined, permission: Permission, sessionId: string): Promise<SessionAccess>;
}

/** Answers "may this person do this to this session?" from the database. */
export class AccessPolicy implements Authorizer {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async sessionAccess(userId: string, sessionId: string): Promise<SessionAccess> {
    const session = await this.#db
      .selectFrom('sessions')
      .select('conferenceId')
      .where('id', '=', sessionId)
      .executeTakeFirst();
    if (!session) throw new RoundsError('resource.notFound', `No session ${sessionId}`);
    const [memberships, onStage] = await Promise.all([
      this.#db
        .selectFrom('conferenceMembers')
        .select('role')
        .where('conferenceId', '=', session.conferenceId)
        .where('userId', '=', userId)
        .execute(),
      this.#db
        .selectFrom('sessionPeople')
        .select('role')
        .where('sessionId', '=', sessionId)
        .where('userId', '=', userId)
        .execute(),
    ]);
    const roles = memberships.map((m) => m.role);
    return { conferenceId: session.conferenceId, roles, isCrew: onStage.length > 0 || roles.includes('organizer') };
  }

  /** Throws `auth.required` or `auth.forbidden` unless the identity holds the permission for the session. */
  async authorize(identity: Identity | undefined, permission: Permission, sessionId: string): Promise<SessionAccess> {
    if (!identity) throw new RoundsError('auth.required');
    const access = await this.sessionAccess(identity.userId, sessionId);
    const allowed = permission.kind === 'member' ? access.roles.length > 0 : access.isCrew;
    if (!allowed) throw new RoundsError('auth.forbidden');
    return access;
  }
}
