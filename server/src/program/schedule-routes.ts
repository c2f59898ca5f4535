import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../app';
import { identityOf } from '../auth/route-guard';

type ScheduleParams = { Params: { conferenceId: string; sessionId: string } };

/**
 * The caller's personal schedule. The guard has checked that the session belongs to the conference
 * and that the caller is a member; adding twice or removing what is not there are both fine.
 */
export function scheduleRoutes(deps: RouteDeps) {
  const { db } = deps;
  const config = { permission: { kind: 'member' as const } };

  return async (app: FastifyInstance) => {
    app.put<ScheduleParams>('/api/conferences/:conferenceId/schedule/:sessionId', { config }, async (request) => {
      await db
        .insertInto('scheduleItems')
        .values({ userId: identityOf(request).userId, sessionId: request.params.sessionId })
        .onConflict((oc) => oc.columns(['userId', 'sessionId']).doNothing())
        .execute();
      return { ok: true, data: {} };
    });

    app.delete<ScheduleParams>('/api/conferences/:conferenceId/schedule/:sessionId', { config }, async (request) => {
      await db
        .deleteFrom('scheduleItems')
        .where('userId', '=', identityOf(request).userId)
        .where('sessionId', '=', request.params.sessionId)
        .execute();
      return { ok: true, data: {} };
    });
  };
}
