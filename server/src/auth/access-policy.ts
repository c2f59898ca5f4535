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

  async access(userId: string | undefined, given: Scope): Promise<Access> {
    const scope = given.recordingId ? { ...given, sessionId: await this.#sessionOfRecording(given.recordingId) } : given;
    let conferenceId = scope.conferenceId ?? null;
    if (scope.sessionId) {
      const session = await this.#db
        .selectFrom('sessions')
        .select('conferenceId')
        .where('id', '=', scope.sessionId)
        .$if(conferenceId !== null, (q) => q.where('conferenceId', '=', conferenceId!))
        .executeTakeFirst();
      if (!session) throw new RoundsError('resource.notFound', 'No such session');
      conferenceId = session.conferenceId;
    } else if (conferenceId) {
      const conference = await this.#db.selectFrom('conferences').select('id').where('id', '=', conferenceId).executeTakeFirst();
      if (!conference) throw new RoundsError('resource.notFound', 'No such conference');
    }
    if (!userId || !conferenceId) return { conferenceId, roles: [], isCrew: false };
    const [memberships, onStage] = await Promise.all([
      this.#db
        .selectFrom('conferenceMembers')
        .select('role')
        .where('conferenceId', '=', conferenceId)
        .where('userId', '=', userId)
        .execute(),
      scope.sessionId
        ? this.#db.selectFrom('sessionPeople').select('role').where('sessionId', '=', scope.sessionId).where('userId', '=', userId).execute()
        : Promise.resolve([]),
    ]);
    return { conferenceId, roles: memberships.map((m) => m.role), isCrew: onStage.length > 0 };
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
