import type { FastifyInstance } from 'fastify';
import { RoundsError, id, type ConferenceSummary, type ProgramSession } from '@rounds/shared';
import type { AuthService } from '../auth/auth-service';
import { requireIdentity } from '../auth/auth-routes';
import type { Db } from '../db/database';

/** Read-only program for signed-in members: the conferences they belong to and their sessions. */
export function programRoutes(deps: { auth: AuthService; db: Db }) {
  const { db } = deps;

  async function sessionsOf(conferenceIds: string[], sessionId?: string): Promise<ProgramSession[]> {
    if (conferenceIds.length === 0) return [];
    let query = db
      .selectFrom('sessions')
      .innerJoin('stages', 'stages.id', 'sessions.stageId')
      .select(['sessions.id', 'sessions.conferenceId', 'sessions.title', 'sessions.startsAt', 'sessions.endsAt', 'stages.name as stageName'])
      .where('sessions.conferenceId', 'in', conferenceIds)
      .orderBy('sessions.startsAt');
    if (sessionId) query = query.where('sessions.id', '=', sessionId);
    const sessions = await query.execute();
    if (sessions.length === 0) return [];
    const people = await db
      .selectFrom('sessionPeople')
      .innerJoin('users', 'users.id', 'sessionPeople.userId')
      .select(['sessionPeople.sessionId', 'sessionPeople.userId', 'sessionPeople.role', 'users.name'])
      .where('sessionPeople.sessionId', 'in', sessions.map((s) => s.id))
      .execute();
    return sessions.map((s) => ({
      id: s.id,
      conferenceId: s.conferenceId,
      title: s.title,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      stageName: s.stageName,
      people: people.filter((p) => p.sessionId === s.id).map(({ userId, name, role }) => ({ userId, name, role })),
    }));
  }

  async function memberConferenceIds(userId: string): Promise<string[]> {
    const rows = await db.selectFrom('conferenceMembers').select('conferenceId').distinct().where('userId', '=', userId).execute();
    return rows.map((r) => r.conferenceId);
  }

  return async (app: FastifyInstance) => {
    app.get('/api/program', async (request) => {
      const identity = await requireIdentity(deps.auth, request);
      const conferenceIds = await memberConferenceIds(identity.userId);
      const conferences: ConferenceSummary[] =
        conferenceIds.length === 0
          ? []
          : await db
              .selectFrom('conferences')
              .select(['id', 'slug', 'name', 'timeZone', 'startsOn', 'endsOn'])
              .where('id', 'in', conferenceIds)
              .execute();
      return { ok: true, data: { conferences, sessions: await sessionsOf(conferenceIds) } };
    });

    app.get<{ Params: { sessionId: string } }>('/api/sessions/:sessionId', async (request) => {
      const identity = await requireIdentity(deps.auth, request);
      const sessionId = id.safeParse(request.params.sessionId);
      if (!sessionId.success) throw new RoundsError('resource.notFound', 'No such session');
      const [session] = await sessionsOf(await memberConferenceIds(identity.userId), sessionId.data);
      if (!session) throw new RoundsError('resource.notFound', 'No such session');
      return { ok: true, data: session };
    });
  };
}
