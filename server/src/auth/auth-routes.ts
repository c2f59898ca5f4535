import type { FastifyInstance, FastifyReply } from 'fastify';
import { registerBody, resetConfirmBody, resetRequestBody, signInBody, type Identity, type Me } from '@rounds/shared';
import type { RouteDeps } from '../app';
import { parseBody } from '../http-validation';
import { sessionCookieName, type OpenedSession } from './auth-service';
import { identityOf } from './route-guard';

/** Registration, sign-in and out, password reset, and who am I. */
export function authRoutes(deps: RouteDeps) {
  const { auth, db } = deps;

  /** httpOnly keeps the token from scripts; SameSite=Lax keeps it off cross-site POSTs. */
  function setSessionCookie(reply: FastifyReply, session: OpenedSession): void {
    reply.setCookie(sessionCookieName, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.secureCookies,
      expires: session.expiresAt,
    });
  }

  return async (app: FastifyInstance) => {
    app.post('/api/auth/register', { config: { permission: { kind: 'public' } } }, async (request, reply): Promise<{ ok: true; data: Identity }> => {
      const body = parseBody(registerBody, request.body);
      const session = await auth.register(body);
      setSessionCookie(reply, session);
      reply.code(201);
      return { ok: true, data: session.identity };
    });

    app.post('/api/auth/sign-in', { config: { permission: { kind: 'public' } } }, async (request, reply): Promise<{ ok: true; data: Identity }> => {
      const body = parseBody(signInBody, request.body);
      const session = await auth.signIn(body.email, body.password);
      setSessionCookie(reply, session);
      return { ok: true, data: session.identity };
    });

    app.post('/api/auth/sign-out', { config: { permission: { kind: 'public' } } }, async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token) await auth.signOut(token);
      reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies });
      return { ok: true, data: {} };
    });

    // The same answer for known and unknown emails: the response never tells whether an account exists.
    app.post('/api/auth/password-reset', { config: { permission: { kind: 'public' } } }, async (request) => {
      const { email } = parseBody(resetRequestBody, request.body);
      const reset = await auth.requestPasswordReset(email);
      if (reset) {
        // No mail server yet: the link goes to the server log. The token is the secret; only this line holds it.
        request.log.info({ userId: reset.userId, link: `${deps.publicUrl()}/#/reset/${reset.token}` }, 'password reset link');
      }
      return { ok: true, data: {} };
    });

    app.post('/api/auth/password-reset/confirm', { config: { permission: { kind: 'public' } } }, async (request) => {
      const body = parseBody(resetConfirmBody, request.body);
      await auth.confirmPasswordReset(body.token, body.password);
      return { ok: true, data: {} };
    });

    app.get('/api/me', { config: { permission: { kind: 'signedIn' } } }, async (request): Promise<{ ok: true; data: Me }> => {
      const identity = identityOf(request);
      const memberships = await db
        .selectFrom('conferenceMembers')
        .select(['conferenceId', 'role', 'boothId'])
        .where('userId', '=', identity.userId)
        .orderBy('conferenceId')
        .orderBy('role')
        .execute();
      return { ok: true, data: { ...identity, memberships } };
    });
  };
}
