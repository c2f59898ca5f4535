import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RoundsError, type Me } from '@rounds/shared';
import { z } from 'zod';
import type { Db } from '../db/database';
import { sessionCookieName, type AuthService, type Identity } from './auth-service';

const signInBody = z.object({ email: z.string().email().max(254), password: z.string().min(1).max(200) });

/** The signed-in identity of a request, or `auth.required`. */
export async function requireIdentity(auth: AuthService, request: FastifyRequest): Promise<Identity> {
  const identity = await auth.identify(request.cookies[sessionCookieName]);
  if (!identity) throw new RoundsError('auth.required');
  return identity;
}

export function authRoutes(deps: { auth: AuthService; db: Db; secureCookies: boolean }) {
  return async (app: FastifyInstance) => {
    app.post('/api/auth/sign-in', async (request, reply) => {
      const parsed = signInBody.safeParse(request.body);
      if (!parsed.success) throw new RoundsError('request.invalid', 'Enter an email address and a password.');
      const { token, identity, expiresAt } = await deps.auth.signIn(parsed.data.email, parsed.data.password);
      reply.setCookie(sessionCookieName, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.secureCookies,
        expires: expiresAt,
      });
      return { ok: true, data: identity };
    });

    app.post('/api/auth/sign-out', async (request, reply) => {
      const token = request.cookies[sessionCookieName];
      if (token) await deps.auth.signOut(token);
      reply.clearCookie(sessionCookieName, { path: '/' });
      return { ok: true, data: {} };
    });

    app.get('/api/me', async (request): Promise<{ ok: true; data: Me }> => {
      const identity = await requireIdentity(deps.auth, request);
      const memberships = await deps.db
        .selectFrom('conferenceMembers')
        .select(['conferenceId', 'role'])
        .where('userId', '=', identity.userId)
        .execute();
      return { ok: true, data: { ...identity, memberships } };
    });
  };
}
