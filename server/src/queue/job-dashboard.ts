import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import { sessionCookieName, type AuthService } from '../auth/auth-service';
import type { Db } from '../db/database';
import type { MediaQueue } from './media-queue';

export const jobDashboardPath = '/admin/jobs';

/**
 * bull-board over the media queue, for organizers: jobs, their progress, failures and retries.
 * Jobs serve every conference of the deployment, so any organizer (of any conference) may look.
 */
export function jobDashboard(deps: { queue: MediaQueue; auth: AuthService; db: Db }) {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      const identity = await deps.auth.identify(request.cookies[sessionCookieName]);
      const organizer =
        identity &&
        (await deps.db.selectFrom('conferenceMembers').select('userId').where('userId', '=', identity.userId).where('role', '=', 'organizer').executeTakeFirst());
      if (!identity) return reply.code(401).type('text/plain').send('Sign in as an organizer to see the job dashboard.');
      if (!organizer) return reply.code(403).type('text/plain').send('Only organizers may see the job dashboard.');
    });
    const adapter = new FastifyAdapter();
    adapter.setBasePath(jobDashboardPath);
    createBullBoard({ queues: [new BullMQAdapter(deps.queue.queue)], serverAdapter: adapter, options: { uiConfig: { boardTitle: 'Rounds jobs' } } });
    await app.register(adapter.registerPlugin(), { prefix: jobDashboardPath });
  };
}
