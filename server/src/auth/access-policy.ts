import { sql, type Expression } from 'kysely';
import { RoundsError, permits, type Permission, type Role } from '@rounds/shared';
import type { Db } from '../db/database';
import type { Identity } from './auth-service';

export interface Access {
  conferenceId: string | null;
  roles: Role[];
  /** A speaker or moderator of the session in scope (false when no session is in scope). */
  isCrew: boolean;
}
export type SessionAccess = Access & { conferenceId: string };

/** Where a permission applies: a conference, a session or a recording (whose session and conference are looked up), or neither. */
export interface Scope {
  conferenceId?: string;
  sessionId?: string;
  recordingId?: string;
}

/** What the dispatcher and the route guard ask before every handler; unit tests use a fake. */
export interface Authorizer {
  /** Resolves with the caller's access in the scope, or throws `auth.required`, `auth.forbidden` or `resource.notFound`. */
  authorize(identity: Identity | undefined, permission: Permission, scope: Scope): Promise<Access>;
}

/** Answers "may this person do this here?" from the database, with the rule table `permits` from shared. */
export class AccessPolicy implements Authorizer {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async access(userId: string, given: Scope): Promise<Access> {
    const scope = given.recordingId ? { ...given, sessionId: await this.#sessionOfRecording(given.recordingId) } : given;
    if (scope.sessionId) return this.#sessionAccess(userId, scope.sessionId, scope.conferenceId);
    const conferenceId = scope.conferenceId ?? null;
    if (!conferenceId) return { conferenceId, roles: [], isCrew: false };
    const conference = await this.#db
      .selectFrom('conferences')
      .select((eb) => this.#rolesIn(eb.ref('conferences.id'), userId))
      .where('conferences.id', '=', conferenceId)
      .executeTakeFirst();
    if (!conference) throw new RoundsError('resource.notFound', 'No such conference');
    return { conferenceId, roles: conference.roles, isCrew: false };
  }

  /**
   * A session's conference, the caller's roles in it and whether they are its crew, in one
   * statement: this runs before every stage and Q&A request.
   */
  async #sessionAccess(userId: string, sessionId: string, conferenceId: string | undefined): Promise<Access> {
    const session = await this.#db
      .selectFrom('sessions')
      .select((eb) => [
        'sessions.conferenceId',
        this.#rolesIn(eb.ref('sessions.conferenceId'), userId),
        eb.exists(this.#db.selectFrom('sessionPeople').select('role').where('sessionId', '=', eb.ref('sessions.id')).where('userId', '=', userId)).$castTo<boolean>().as('isCrew'),
      ])
      .where('sessions.id', '=', sessionId)
      .$if(conferenceId !== undefined, (q) => q.where('sessions.conferenceId', '=', conferenceId!))
      .executeTakeFirst();
    if (!session) throw new RoundsError('resource.notFound', 'No such session');
    return { conferenceId: session.conferenceId, roles: session.roles, isCrew: session.isCrew };
  }

  /** The user's roles in the conference the outer query names, as an array column `roles` (empty when none). */
  #rolesIn(conferenceId: Expression<string>, userId: string) {
    const roles = this.#db.selectFrom('conferenceMembers').select('role').where('conferenceId', '=', conferenceId).where('userId', '=', userId);
    return sql<Role[]>`array(${roles})`.as('roles');
  }

  async #sessionOfRecording(recordingId: string): Promise<string> {
    const recording = await this.#db.selectFrom('recordings').select('sessionId').where('id', '=', recordingId).executeTakeFirst();
    if (!recording) throw new RoundsError('recording.notFound', 'No such recording');
    return recording.sessionId;
  }

  async authorize(identity: Identity | undefined, permission: Permission, scope: Scope): Promise<Access> {
    if (permission.kind === 'public') return { conferenceId: scope.conferenceId ?? null, roles: [], isCrew: false };
    if (!identity) throw new RoundsError('auth.required');
    const access = await this.access(identity.userId, scope);
    if (!permits(permission, { signedIn: true, roles: access.roles, isCrew: access.isCrew })) throw new RoundsError('auth.forbidden');
    return access;
  }
}
