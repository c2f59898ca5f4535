import type { FastifyInstance } from 'fastify';
import { RoundsError, id, roles, type Member, type Profile } from '@rounds/shared';
import { z } from 'zod';
import type { RouteDeps } from '../app';
import { parseBody } from '../http-validation';
import { loadProfile } from './profile-store';

const boothBody = z.object({ name: z.string().trim().min(1, 'Enter the booth name.').max(80) });

interface Booth {
  id: string;
  name: string;
}

/** The organizer's view of a conference's people: members and their roles, their profiles, and the booths exhibitors staff. */
export function peopleRoutes(deps: RouteDeps) {
  const { db } = deps;
  const organizer = { config: { permission: { kind: 'organizer' as const } } };

  return async (app: FastifyInstance) => {
    app.get<{ Params: { conferenceId: string } }>('/api/conferences/:conferenceId/members', organizer, async (request): Promise<{ ok: true; data: Member[] }> => {
      const rows = await db
        .selectFrom('conferenceMembers')
        .innerJoin('users', 'users.id', 'conferenceMembers.userId')
        .select(['users.id as userId', 'users.name', 'users.email', 'conferenceMembers.role'])
        .where('conferenceMembers.conferenceId', '=', request.params.conferenceId)
        .orderBy('users.name')
        .orderBy('users.id')
        .execute();
      const members = new Map<string, Member>();
      for (const row of rows) {
        const member = members.get(row.userId) ?? { userId: row.userId, name: row.name, email: row.email, roles: [] };
        member.roles.push(row.role);
        members.set(row.userId, member);
      }
      for (const member of members.values()) member.roles.sort((a, b) => roles.indexOf(a) - roles.indexOf(b));
      return { ok: true, data: [...members.values()] };
    });

    app.get<{ Params: { conferenceId: string; userId: string } }>(
      '/api/conferences/:conferenceId/members/:userId/profile',
      organizer,
      async (request): Promise<{ ok: true; data: Profile }> => {
        const { conferenceId, userId } = request.params;
        // Organizers see the profiles of their own conference's people only.
        const member =
          id.safeParse(userId).success &&
          (await db
            .selectFrom('conferenceMembers')
            .select('userId')
            .where('conferenceId', '=', conferenceId)
            .where('userId', '=', userId)
            .executeTakeFirst());
        if (!member) throw new RoundsError('resource.notFound', 'This person is not a member of this conference.');
        return { ok: true, data: await loadProfile(db, userId) };
      },
    );

    app.get<{ Params: { conferenceId: string } }>('/api/conferences/:conferenceId/booths', organizer, async (request): Promise<{ ok: true; data: Booth[] }> => {
      const booths = await db
        .selectFrom('booths')
        .select(['id', 'name'])
        .where('conferenceId', '=', request.params.conferenceId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return { ok: true, data: booths };
    });

    app.post<{ Params: { conferenceId: string } }>('/api/conferences/:conferenceId/booths', organizer, async (request): Promise<{ ok: true; data: Booth }> => {
      const { name } = parseBody(boothBody, request.body);
      const booth = await db
        .insertInto('booths')
        .values({ conferenceId: request.params.conferenceId, name })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      return { ok: true, data: booth };
    });
  };
}
