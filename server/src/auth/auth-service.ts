import { hash, verify } from '@node-rs/argon2';
import { RoundsError, passwordProblem, type Identity } from '@rounds/shared';
import type { Db } from '../db/database';
import { hashSecretToken, newSecretToken } from './secret-tokens';

export const sessionCookieName = 'rounds_session';
const sessionLifetimeMs = 14 * 24 * 3600_000;
const resetLifetimeMs = 3600_000;

/** Who is making a request. Loaded from the session cookie on every HTTP request and socket connection. */
export type { Identity } from '@rounds/shared';

export interface OpenedSession {
  token: string;
  identity: Identity;
  expiresAt: Date;
}

/** Emails are compared and stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: the OWASP minimum). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

function rejectWeakPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new RoundsError('auth.weakPassword', problem, { password: problem });
}

/** Accounts, sign-in sessions and password resets. */
export class AuthService {
  readonly #db: Db;
  /** Verified against when the email is unknown, so both failures take as long (no account enumeration by timing). */
  #decoyHash: Promise<string> | undefined;

  constructor(db: Db) {
    this.#db = db;
  }

  /** Creates the account and signs it in. */
  async register(input: { email: string; password: string; name: string }): Promise<OpenedSession> {
    const email = normalizeEmail(input.email);
    rejectWeakPassword(input.password, email);
    const passwordHash = await hashPassword(input.password);
    // One statement, so two registrations racing for one email cannot both succeed.
    const user = await this.#db
      .insertInto('users')
      .values({ email, name: input.name.trim(), passwordHash })
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'email', 'name'])
      .executeTakeFirst();
    if (!user) {
      throw new RoundsError('auth.emailTaken', `An account with ${email} already exists.`, {
        email: 'An account with this email already exists. Sign in, or reset your password.',
      });
    }
    return this.#openSession({ userId: user.id, email: user.email, name: user.name });
  }

  /** Checks the password and opens a session; the returned token goes into an httpOnly cookie. */
  async signIn(email: string, password: string): Promise<OpenedSession> {
    const user = await this.#db
      .selectFrom('users')
      .select(['id', 'email', 'name', 'passwordHash'])
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    if (!user) {
      await verify(await (this.#decoyHash ??= hashPassword(newSecretToken())), password);
      throw new RoundsError('auth.invalidCredentials');
    }
    if (!(await verify(user.passwordHash, password))) throw new RoundsError('auth.invalidCredentials');
    return this.#openSession({ userId: user.id, email: user.email, name: user.name });
  }

  async identify(token: string | undefined): Promise<Identity | undefined> {
    if (!token) return undefined;
    const row = await this.#db
      .selectFrom('authSessions')
      .innerJoin('users', 'users.id', 'authSessions.userId')
      .select(['users.id', 'users.email', 'users.name'])
      .where('authSessions.tokenHash', '=', hashSecretToken(token))
      .where('authSessions.expiresAt', '>', new Date())
      .executeTakeFirst();
    return row ? { userId: row.id, email: row.email, name: row.name } : undefined;
  }

  async signOut(token: string): Promise<void> {
    await this.#db.deleteFrom('authSessions').where('tokenHash', '=', hashSecretToken(token)).execute();
  }

  /** Ends every session of the account, on every device. */
  async signOutEverywhere(userId: string): Promise<void> {
    await this.#db.deleteFrom('authSessions').where('userId', '=', userId).execute();
  }

  /**
   * Starts a password reset: returns the one-time token to send (only its hash is stored), or null
   * for an unknown email. Callers answer the same either way.
   */
  async requestPasswordReset(email: string): Promise<{ userId: string; token: string } | null> {
    const user = await this.#db.selectFrom('users').select('id').where('email', '=', normalizeEmail(email)).executeTakeFirst();
    if (!user) return null;
    const token = newSecretToken();
    await this.#db
      .insertInto('passwordResets')
      .values({ tokenHash: hashSecretToken(token), userId: user.id, expiresAt: new Date(Date.now() + resetLifetimeMs) })
      .execute();
    return { userId: user.id, token };
  }

  /**
   * Sets a new password with a reset token. The token is used up, together with every other open
   * reset of the account, and the account is signed out everywhere (whoever knew the old password
   * loses their session).
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const tokenHash = hashSecretToken(token);
    const reset = await this.#db
      .selectFrom('passwordResets')
      .innerJoin('users', 'users.id', 'passwordResets.userId')
      .select(['users.id as userId', 'users.email'])
      .where('passwordResets.tokenHash', '=', tokenHash)
      .where('passwordResets.usedAt', 'is', null)
      .where('passwordResets.expiresAt', '>', new Date())
      .executeTakeFirst();
    if (!reset) throw new RoundsError('auth.invalidToken');
    // A weak password leaves the token usable, so the person can try again from the same link.
    rejectWeakPassword(password, reset.email);
    const passwordHash = await hashPassword(password);
    await this.#db.transaction().execute(async (tx) => {
      // Claimed here again, so two confirmations racing on one token cannot both succeed.
      const claimed = await tx
        .updateTable('passwordResets')
        .set({ usedAt: new Date() })
        .where('tokenHash', '=', tokenHash)
        .where('usedAt', 'is', null)
        .returning('userId')
        .executeTakeFirst();
      if (!claimed) throw new RoundsError('auth.invalidToken');
      await tx.updateTable('passwordResets').set({ usedAt: new Date() }).where('userId', '=', reset.userId).where('usedAt', 'is', null).execute();
      await tx.updateTable('users').set({ passwordHash }).where('id', '=', reset.userId).execute();
      await tx.deleteFrom('authSessions').where('userId', '=', reset.userId).execute();
    });
  }

  async #openSession(identity: Identity): Promise<OpenedSession> {
    const token = newSecretToken();
    const expiresAt = new Date(Date.now() + sessionLifetimeMs);
    await this.#db.insertInto('authSessions').values({ tokenHash: hashSecretToken(token), userId: identity.userId, expiresAt }).execute();
    return { token, identity, expiresAt };
  }
}
