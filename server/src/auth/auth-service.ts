import { createHash, randomBytes } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import { RoundsError, type Identity } from '@rounds/shared';
import type { Db } from '../db/database';

export const sessionCookieName = 'rounds_session';
const sessionLifetimeMs = 14 * 24 * 3600_000;

/** Who is making a request. Loaded from the session cookie on every HTTP request and socket connection. */
export type { Identity } from '@rounds/shared';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Checks the password and opens a session; the returned token goes into an httpOnly cookie. */
  async signIn(email: string, password: string): Promise<{ token: string; identity: Identity; expiresAt: Date }> {
    const user = await this.#db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'passwordHash'])
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!user || !(await verify(user.passwordHash, password))) throw new RoundsError('auth.invalidCredentials');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + sessionLifetimeMs);
    await this.#db.insertInto('authSessions').values({ tokenHash: hashToken(token), userId: user.id, expiresAt }).execute();
    return { token, identity: { userId: user.id, email: user.email, name: user.name }, expiresAt };
  }

  async identify(token: string | undefined): Promise<Identity | undefined> {
    if (!token) return undefined;
    const row = await this.#db
      .selectFrom('authSessions')
      .innerJoin('users', 'users.id', 'authSessions.userId')
      .select(['users.id', 'users.email', 'users.name'])
      .where('authSessions.tokenHash', '=', hashToken(token))
      .where('authSessions.expiresAt', '>', new Date())
      .executeTakeFirst();
    return row ? { userId: row.id, email: row.email, name: row.name } : undefined;
  }

  async signOut(token: string): Promise<void> {
    await this.#db.deleteFrom('authSessions').where('tokenHash', '=', hashToken(token)).execute();
  }
}
