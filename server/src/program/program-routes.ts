import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../app';
import { accessOf, identityOf } from '../auth/route-guard';
import { conferencesOf, readConference, readProgram, readSession } from './program-repository';

type ConferenceParams = { Params: { conferenceId: string } };
type SessionParams = { Params: { conferenceId: string; sessionId: string } };

/** Reading the program: the caller's conferences, a conference's public summary, its agenda and one session. */
export function programRoutes(deps: RouteDeps) {
  const { db } = deps;

  return async (app: FastifyInstance) => {
    app.get('/api/conferences', { config: { permission: { kind: 'signedIn' } } }, async (request) => ({
      ok: true,
      data: await conferencesOf(db, identityOf(request).userId),
    }));

    // What a conference link shows before anyone signs in or registers.
    app.get<{ Params: { slug: string } }>('/api/public/conferences/:slug', { config: { permission: { kind: 'public' } } }, async (request) => ({
      ok: true,
      data: await readConference(db, 'slug', request.params.slug),
    }));

    app.get<ConferenceParams>('/api/conferences/:conferenceId/program', { config: { permission: { kind: 'member' } } }, async (request) => ({
      ok: true,
      data: await readProgram(db, request.params.conferenceId, identityOf(request).userId, accessOf(request).roles),
    }));

    app.get<SessionParams>(
      '/api/conferences/:conferenceId/sessions/:sessionId',
      { config: { permission: { kind: 'member' } } },
      async (request) => ({ ok: true, data: await readSession(db, request.params.conferenceId, request.params.sessionId) }),
    );
  };
}
