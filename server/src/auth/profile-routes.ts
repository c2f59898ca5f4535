import type { FastifyInstance } from 'fastify';
import { profileBody, type Profile } from '@rounds/shared';
import type { RouteDeps } from '../app';
import { parseBody } from '../http-validation';
import { loadProfile, saveProfile } from './profile-store';
import { identityOf } from './route-guard';

/** The caller's own clinician profile. Organizers read members' profiles through people-routes. */
export function profileRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.get('/api/me/profile', { config: { permission: { kind: 'signedIn' } } }, async (request): Promise<{ ok: true; data: Profile }> => ({
      ok: true,
      data: await loadProfile(deps.db, identityOf(request).userId),
    }));

    app.put('/api/me/profile', { config: { permission: { kind: 'signedIn' } } }, async (request): Promise<{ ok: true; data: Profile }> => {
      const body = parseBody(profileBody, request.body);
      return { ok: true, data: await saveProfile(deps.db, identityOf(request).userId, body) };
    });
  };
}
