import type { FastifyInstance } from 'fastify';
import { RoundsError, id, invitationBody, type Invitation, type InvitationPreview, type Role } from '@rounds/shared';
import type { RouteDeps } from '../app';
import { parseBody } from '../http-validation';
import { InvitationService } from './invitation-service';
import { identityOf } from './route-guard';

/** Invitation links (organizers create them, anyone previews, a signed-in person accepts) and attendee self-registration. */
export function invitationRoutes(deps: RouteDeps) {
  const invitations = new InvitationService(deps.db);
  const organizer = { config: { permission: { kind: 'organizer' as const } } };

  return async (app: FastifyInstance) => {
    app.post<{ Params: { conferenceId: string } }>('/api/conferences/:conferenceId/invitations', organizer, async (request, reply): Promise<{ ok: true; data: Invitation }> => {
      const body = parseBody(invitationBody, request.body);
      const { invitation, token } = await invitations.create(request.params.conferenceId, identityOf(request).userId, body);
      reply.code(201);
      return { ok: true, data: { ...invitation, link: `${deps.publicUrl()}/#/invite/${token}` } };
    });

    app.get<{ Params: { conferenceId: string } }>('/api/conferences/:conferenceId/invitations', organizer, async (request): Promise<{ ok: true; data: Invitation[] }> => ({
      ok: true,
      data: await invitations.list(request.params.conferenceId),
    }));

    app.delete<{ Params: { conferenceId: string; invitationId: string } }>('/api/conferences/:conferenceId/invitations/:invitationId', organizer, async (request) => {
      const { conferenceId, invitationId } = request.params;
      if (!id.safeParse(invitationId).success) throw new RoundsError('resource.notFound', 'No such invitation in this conference.');
      await invitations.revoke(conferenceId, invitationId);
      return { ok: true, data: {} };
    });

    app.get<{ Params: { token: string } }>('/api/invitations/:token', { config: { permission: { kind: 'public' } } }, async (request): Promise<{ ok: true; data: InvitationPreview }> => ({
      ok: true,
      data: await invitations.preview(request.params.token),
    }));

    app.post<{ Params: { token: string } }>(
      '/api/invitations/:token/accept',
      { config: { permission: { kind: 'signedIn' } } },
      async (request): Promise<{ ok: true; data: { conferenceId: string; role: Invitation['role'] } }> => ({
        ok: true,
        data: await invitations.accept(request.params.token, identityOf(request)),
      }),
    );

    app.post<{ Params: { conferenceId: string } }>(
      '/api/conferences/:conferenceId/attend',
      { config: { permission: { kind: 'signedIn' } } },
      async (request): Promise<{ ok: true; data: { conferenceId: string; role: Role } }> => {
        const { conferenceId } = request.params;
        await invitations.attend(conferenceId, identityOf(request).userId);
        return { ok: true, data: { conferenceId, role: 'attendee' } };
      },
    );
  };
}
