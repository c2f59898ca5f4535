import { Redis } from 'ioredis';
import type { Identity, Me } from '@rounds/shared';
import { buildApp } from '../../src/app';
import { AccessPolicy } from '../../src/auth/access-policy';
import { AuthService } from '../../src/auth/auth-service';
import { demoAccounts, demoConferenceSlug, demoPassword } from '../../src/db/seed';
import { createLogger } from '../../src/logger';
import { MediaQueue } from '../../src/queue/media-queue';
import { capturingLogger } from '../helpers/log-capture';
import { restClient } from '../helpers/rest-client';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

const dayMs = 24 * 3600_000;

describe('accounts', () => {
  let t: TestPlatform;
  const log = capturingLogger();
  let seq = 0;
  const rest = restClient(() => t.url);
  const { api, data } = rest;

  const countUsers = async () => (await t.platform.database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
  const freshEmail = () => `clinician${++seq}@hospital.test`;
  const goodPassword = 'correct horse battery staple';

  const register = (email = freshEmail(), password = goodPassword) => rest.register({ email, password, name: 'Dr. Test Person' });

  /** Asks for a reset link and reads its token from the server log, as an operator without a mail server would. */
  async function resetTokenFor(email: string, userId: string): Promise<string> {
    expect(data(await api('POST', '/api/auth/password-reset', { body: { email } }))).toEqual({});
    const line = log.lines.filter((l) => l.msg === 'password reset link' && l.userId === userId).at(-1);
    expect(line).toBeDefined();
    const [base, token] = String(line!.link).split('/#/reset/');
    expect(base).toBe(t.url);
    return token!;
  }

  beforeAll(async () => {
    t = await startTestPlatform({}, log.logger);
  });
  afterAll(() => t.close());

  describe('registration', () => {
    it('creates the account signed in, with the email trimmed and lower-cased and the password hashed with argon2id', async () => {
      const reply = await api<Identity>('POST', '/api/auth/register', {
        body: { email: '  New.Clinician@Hospital.TEST ', password: goodPassword, name: '  Dr. New Clinician ' },
      });
      expect(reply.status).toBe(201);
      const identity = data(reply);
      expect(identity).toEqual({ userId: expect.any(String), email: 'new.clinician@hospital.test', name: 'Dr. New Clinician' });

      const me = data(await api<Me>('GET', '/api/me', { cookie: reply.cookie }));
      expect(me).toEqual({ ...identity, memberships: [] });

      const stored = await t.platform.database.db.selectFrom('users').select(['email', 'passwordHash']).where('id', '=', identity.userId).executeTakeFirstOrThrow();
      expect(stored.email).toBe('new.clinician@hospital.test');
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(stored.passwordHash).not.toContain(goodPassword);

      const signIn = await api<Identity>('POST', '/api/auth/sign-in', { body: { email: 'NEW.clinician@hospital.test', password: goodPassword } });
      expect(data(signIn)).toEqual(identity);
    });

    it('sets an httpOnly, SameSite=Lax session cookie on path / that lasts 14 days, not Secure over http', async () => {
      const before = Date.now();
      const reply = await api('POST', '/api/auth/register', { body: { email: freshEmail(), password: goodPassword, name: 'Dr. Cookie' } });
      const attributes = reply.setCookie!.split(';').map((part) => part.trim());
      expect(attributes[0]).toMatch(/^rounds_session=[\w-]{40,}$/);
      expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
      expect(attributes).not.toContain('Secure');
      const expires = Date.parse(attributes.find((a) => a.startsWith('Expires='))!.slice('Expires='.length));
      // The Expires attribute has one-second resolution.
      expect(expires).toBeGreaterThanOrEqual(before + 14 * dayMs - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 14 * dayMs);
    });

    it('refuses a taken email, in any case, with auth.emailTaken on the email field and creates nothing', async () => {
      const email = freshEmail();
      await register(email);
      const users = await countUsers();
      const reply = await api('POST', '/api/auth/register', { body: { email: email.toUpperCase(), password: goodPassword, name: 'Dr. Twin' } });
      expect(reply.status).toBe(409);
      expect(reply.body).toEqual({ ok: false, error: { code: 'auth.emailTaken', message: expect.any(String), fields: { email: expect.stringMatching(/already exists/) } } });
      expect(reply.setCookie).toBeNull();
      expect(await countUsers()).toBe(users);
    });

    it.each([
      ['too short', 'short1'],
      ['too common', 'password123'],
      ['containing the email name', 'weakling-clinician-2026'],
    ])('refuses a weak password (%s) with auth.weakPassword on the password field and creates nothing', async (_case, password) => {
      const users = await countUsers();
      const reply = await api('POST', '/api/auth/register', { body: { email: 'weakling-clinician@hospital.test', password, name: 'Dr. Weak' } });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ ok: false, error: { code: 'auth.weakPassword', message: expect.any(String), fields: { password: expect.any(String) } } });
      expect(await countUsers()).toBe(users);
    });

    it('refuses a malformed email with request.invalid on the email field and creates nothing', async () => {
      const users = await countUsers();
      const reply = await api('POST', '/api/auth/register', { body: { email: 'not-an-email', password: goodPassword, name: 'Dr. Typo' } });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ ok: false, error: { code: 'request.invalid', message: expect.any(String), fields: { email: 'Enter a valid email address.' } } });
      expect(await countUsers()).toBe(users);
    });
  });

  describe('sign-in and sign-out', () => {
    it('answers a wrong password and an unknown email alike, with auth.invalidCredentials and no cookie', async () => {
      const wrongPassword = await api('POST', '/api/auth/sign-in', { body: { email: demoAccounts[0]!.email, password: 'not-the-password' } });
      const unknownEmail = await api('POST', '/api/auth/sign-in', { body: { email: 'nobody@hospital.test', password: 'not-the-password' } });
      for (const reply of [wrongPassword, unknownEmail]) {
        expect(reply.status).toBe(401);
        expect(reply.setCookie).toBeNull();
      }
      expect(wrongPassword.body).toEqual({ ok: false, error: { code: 'auth.invalidCredentials', message: expect.any(String) } });
      expect(unknownEmail.body).toEqual(wrongPassword.body);
    });

    it('signs in a demo account whose /api/me lists its conference role', async () => {
      const organizer = demoAccounts.find((a) => a.role === 'organizer')!;
      const reply = await api<Identity>('POST', '/api/auth/sign-in', { body: { email: organizer.email, password: demoPassword } });
      expect(reply.status).toBe(200);
      const conference = await t.platform.database.db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow();
      const me = data(await api<Me>('GET', '/api/me', { cookie: reply.cookie }));
      expect(me).toEqual({
        userId: data(reply).userId,
        email: organizer.email,
        name: organizer.name,
        memberships: expect.arrayContaining([{ conferenceId: conference.id, role: 'organizer', boothId: null }]),
      });
    });

    it('answers /api/me without a session with auth.required', async () => {
      const reply = await api('GET', '/api/me');
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ ok: false, error: { code: 'auth.required', message: expect.any(String) } });
    });

    it('signs out: the cookie is cleared and the old session no longer works, while other sessions stay', async () => {
      const email = freshEmail();
      const { cookie } = await register(email);
      const otherDevice = (await api('POST', '/api/auth/sign-in', { body: { email, password: goodPassword } })).cookie;

      const reply = await api('POST', '/api/auth/sign-out', { cookie });
      expect(reply.body).toEqual({ ok: true, data: {} });
      expect(reply.setCookie).toMatch(/^rounds_session=;/);
      expect(reply.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);

      expect((await api('GET', '/api/me', { cookie })).status).toBe(401);
      expect((await api('GET', '/api/me', { cookie: otherDevice })).status).toBe(200);
    });

    it('answers a sign-out without a session with success', async () => {
      expect((await api('POST', '/api/auth/sign-out')).body).toEqual({ ok: true, data: {} });
    });
  });

  describe('password reset', () => {
    it('answers the same for known and unknown emails, and logs a link only for the known account', async () => {
      const { identity } = await register();
      const linesBefore = log.lines.length;
      const known = await api('POST', '/api/auth/password-reset', { body: { email: identity.email.toUpperCase() } });
      const unknown = await api('POST', '/api/auth/password-reset', { body: { email: 'nobody@hospital.test' } });
      expect(known.status).toBe(200);
      expect(unknown.status).toBe(200);
      expect(known.body).toEqual({ ok: true, data: {} });
      expect(unknown.body).toEqual(known.body);
      const links = log.lines.slice(linesBefore).filter((l) => l.msg === 'password reset link');
      expect(links).toEqual([expect.objectContaining({ level: 30, userId: identity.userId, link: expect.stringContaining('/#/reset/') })]);
    });

    it('sets the new password from the link, signs out every session, and cannot be used twice', async () => {
      const email = freshEmail();
      const { identity, cookie } = await register(email);
      const token = await resetTokenFor(email, identity.userId);
      // The token is the secret: no other log line carries it.
      const otherLines = log.lines.filter((l) => l.msg !== 'password reset link');
      expect(JSON.stringify(otherLines)).not.toContain(token);
      const stored = await t.platform.database.db.selectFrom('passwordResets').select('tokenHash').where('userId', '=', identity.userId).execute();
      expect(stored.map((r) => r.tokenHash)).not.toContain(token);

      const newPassword = 'a brand new passphrase';
      expect((await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: newPassword } })).body).toEqual({ ok: true, data: {} });

      expect((await api('GET', '/api/me', { cookie })).status).toBe(401);
      const oldPassword = await api('POST', '/api/auth/sign-in', { body: { email, password: goodPassword } });
      expect(oldPassword.body).toEqual({ ok: false, error: { code: 'auth.invalidCredentials', message: expect.any(String) } });
      const signIn = await api<Identity>('POST', '/api/auth/sign-in', { body: { email, password: newPassword } });
      expect(data(signIn).userId).toBe(identity.userId);
      const hash = await t.platform.database.db.selectFrom('users').select('passwordHash').where('id', '=', identity.userId).executeTakeFirstOrThrow();
      expect(hash.passwordHash).toMatch(/^\$argon2id\$/);

      const again = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'yet another passphrase' } });
      expect(again.status).toBe(410);
      expect(again.body).toEqual({ ok: false, error: { code: 'auth.invalidToken', message: expect.any(String) } });
      expect((await api('POST', '/api/auth/sign-in', { body: { email, password: newPassword } })).status).toBe(200);
    });

    it('refuses a weak new password with auth.weakPassword and leaves the link usable', async () => {
      const email = freshEmail();
      const { identity } = await register(email);
      const token = await resetTokenFor(email, identity.userId);

      const weak = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'short' } });
      expect(weak.status).toBe(400);
      expect(weak.body).toEqual({ ok: false, error: { code: 'auth.weakPassword', message: expect.any(String), fields: { password: expect.any(String) } } });
      expect((await api('POST', '/api/auth/sign-in', { body: { email, password: goodPassword } })).status).toBe(200);

      expect((await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'a much better passphrase' } })).status).toBe(200);
    });

    it('refuses an expired link with auth.invalidToken and keeps the old password', async () => {
      const email = freshEmail();
      const { identity } = await register(email);
      const token = await resetTokenFor(email, identity.userId);
      await t.platform.database.db.updateTable('passwordResets').set({ expiresAt: new Date(Date.now() - 1000) }).where('userId', '=', identity.userId).execute();

      const reply = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'a brand new passphrase' } });
      expect(reply.status).toBe(410);
      expect(reply.body).toEqual({ ok: false, error: { code: 'auth.invalidToken', message: expect.any(String) } });
      expect((await api('POST', '/api/auth/sign-in', { body: { email, password: goodPassword } })).status).toBe(200);
    });

    it('refuses an unknown token with auth.invalidToken', async () => {
      const reply = await api('POST', '/api/auth/password-reset/confirm', { body: { token: 'x'.repeat(43), password: 'a brand new passphrase' } });
      expect(reply.body).toEqual({ ok: false, error: { code: 'auth.invalidToken', message: expect.any(String) } });
    });

    it('makes older links of the account useless once one link was used', async () => {
      const email = freshEmail();
      const { identity } = await register(email);
      const first = await resetTokenFor(email, identity.userId);
      const second = await resetTokenFor(email, identity.userId);
      expect(second).not.toBe(first);

      expect((await api('POST', '/api/auth/password-reset/confirm', { body: { token: second, password: 'a brand new passphrase' } })).status).toBe(200);
      const stale = await api('POST', '/api/auth/password-reset/confirm', { body: { token: first, password: 'an attacker passphrase' } });
      expect(stale.body).toEqual({ ok: false, error: { code: 'auth.invalidToken', message: expect.any(String) } });
    });
  });

  describe('behind an https public URL', () => {
    it('marks the session cookie Secure', async () => {
      const db = t.platform.database.db;
      const redis = new Redis(t.config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: null });
      await redis.connect();
      const queue = new MediaQueue(redis, t.config.REDIS_PREFIX);
      const auth = new AuthService(db);
      const app = await buildApp({
        logger: createLogger('silent'),
        database: t.platform.database,
        redis,
        pool: t.platform.pool,
        queue,
        auth,
        access: new AccessPolicy(db),
        clientDist: '/nonexistent',
        publicUrl: () => 'https://rounds.example.test',
      });
      try {
        const url = await app.listen({ host: '127.0.0.1', port: 0 });
        const reply = await fetch(`${url}/api/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: demoAccounts[0]!.email, password: demoPassword }),
        });
        expect(reply.status).toBe(200);
        const attributes = reply.headers.get('set-cookie')!.split(';').map((part) => part.trim());
        expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Secure']));
      } finally {
        await app.close();
        await queue.close();
        redis.disconnect();
      }
    });
  });
});
