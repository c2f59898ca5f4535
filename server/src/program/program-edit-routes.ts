import type { FastifyInstance } from 'fastify';
import { RoundsError, conferenceBody, id, sessionBody, stageBody, trackBody, type ConferenceBody, type ConferenceSummary, type Stage, type Track } from '@rounds/shared';
import type { RouteDeps } from '../app';
import { identityOf } from '../auth/route-guard';
import type { Db } from '../db/database';
import { parseBody } from '../http-validation';
import { readSession, toConferenceSummary } from './program-repository';
import { saveSession } from './session-writer';

type ConferenceParams = { Params: { conferenceId: string } };
type TrackParams = { Params: { conferenceId: string; trackId: string } };
type StageParams = { Params: { conferenceId: string; stageId: string } };
type SessionParams = { Params: { conferenceId: string; sessionId: string } };

const organizer = { permission: { kind: 'organizer' as const } };

/** PostgreSQL's unique_violation, for the race a pre-check cannot close. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

async function slugTaken(db: Db, slug: string, exceptConferenceId?: string): Promise<void> {
  const other = await db
    .selectFrom('conferences')
    .select('id')
    .where('slug', '=', slug)
    .$if(exceptConferenceId !== undefined, (q) => q.where('id', '<>', exceptConferenceId!))
    .executeTakeFirst();
  if (other) throw slugConflict(slug);
}

function slugConflict(slug: string): RoundsError {
  return new RoundsError('program.conflict', `The address ${slug} is taken`, { slug: 'Another conference uses this address: choose another.' });
}

function trackNameConflict(): RoundsError {
  return new RoundsError('program.conflict', 'A track with this name exists', { name: 'This conference already has a track with this name.' });
}

/** `:trackId` / `:stageId` must name a row of the route's conference (the guard knows only conferences and sessions). */
async function ownRow(db: Db, table: 'tracks' | 'stages', conferenceId: string, rowId: string): Promise<void> {
  const label = table === 'tracks' ? 'track' : 'stage';
  if (!id.safeParse(rowId).success) throw new RoundsError('resource.notFound', `No ${label} ${rowId.slice(0, 64)}`);
  const row = await db.selectFrom(table).select('id').where('id', '=', rowId).where('conferenceId', '=', conferenceId).executeTakeFirst();
  if (!row) throw new RoundsError('resource.notFound', `No such ${label}`);
}

function conferenceValues(body: ConferenceBody) {
  const { slug, name, timeZone, startsOn, endsOn, accreditingProvider, description } = body;
  return { slug, name, timeZone, startsOn, endsOn, accreditingProvider, description };
}

/** The organizer console's writes: the conference itself, its tracks, stages and sessions. */
export function programEditRoutes(deps: RouteDeps) {
  const { db } = deps;

  return async (app: FastifyInstance) => {
    // ---- conferences ----

    app.post('/api/conferences', { config: { permission: { kind: 'signedIn' } } }, async (request, reply) => {
      const body = parseBody(conferenceBody, request.body);
      const userId = identityOf(request).userId;
      await slugTaken(db, body.slug);
      let conference: ConferenceSummary;
      try {
        conference = await db.transaction().execute(async (tx) => {
          const row = await tx.insertInto('conferences').values(conferenceValues(body)).returningAll().executeTakeFirstOrThrow();
          // Whoever creates a conference runs it.
          await tx.insertInto('conferenceMembers').values({ conferenceId: row.id, userId, role: 'organizer' }).execute();
          return toConferenceSummary(row);
        });
      } catch (error) {
        throw isUniqueViolation(error) ? slugConflict(body.slug) : error;
      }
      deps.logger.info({ conferenceId: conference.id, userId }, 'conference created');
      return reply.code(201).send({ ok: true, data: conference });
    });

    app.put<ConferenceParams>('/api/conferences/:conferenceId', { config: organizer }, async (request) => {
      const body = parseBody(conferenceBody, request.body);
      const { conferenceId } = request.params;
      await slugTaken(db, body.slug, conferenceId);
      try {
        const row = await db.updateTable('conferences').set(conferenceValues(body)).where('id', '=', conferenceId).returningAll().executeTakeFirstOrThrow();
        return { ok: true, data: toConferenceSummary(row) };
      } catch (error) {
        throw isUniqueViolation(error) ? slugConflict(body.slug) : error;
      }
    });

    // ---- tracks ----

    app.post<ConferenceParams>('/api/conferences/:conferenceId/tracks', { config: organizer }, async (request, reply) => {
      const body = parseBody(trackBody, request.body);
      try {
        const track: Track = await db
          .insertInto('tracks')
          .values({ conferenceId: request.params.conferenceId, ...body })
          .returning(['id', 'name', 'color'])
          .executeTakeFirstOrThrow();
        return reply.code(201).send({ ok: true, data: track });
      } catch (error) {
        throw isUniqueViolation(error) ? trackNameConflict() : error;
      }
    });

    app.put<TrackParams>('/api/conferences/:conferenceId/tracks/:trackId', { config: organizer }, async (request) => {
      const body = parseBody(trackBody, request.body);
      const { conferenceId, trackId } = request.params;
      await ownRow(db, 'tracks', conferenceId, trackId);
      try {
        const track: Track = await db.updateTable('tracks').set(body).where('id', '=', trackId).returning(['id', 'name', 'color']).executeTakeFirstOrThrow();
        return { ok: true, data: track };
      } catch (error) {
        throw isUniqueViolation(error) ? trackNameConflict() : error;
      }
    });

    // Sessions of a deleted track stay in the program, without a track.
    app.delete<TrackParams>('/api/conferences/:conferenceId/tracks/:trackId', { config: organizer }, async (request) => {
      const { conferenceId, trackId } = request.params;
      await ownRow(db, 'tracks', conferenceId, trackId);
      await db.deleteFrom('tracks').where('id', '=', trackId).execute();
      return { ok: true, data: {} };
    });

    // ---- stages ----

    app.post<ConferenceParams>('/api/conferences/:conferenceId/stages', { config: organizer }, async (request, reply) => {
      const body = parseBody(stageBody, request.body);
      const stage: Stage = await db
        .insertInto('stages')
        .values({ conferenceId: request.params.conferenceId, name: body.name })
        .returning(['id', 'name'])
        .executeTakeFirstOrThrow();
      return reply.code(201).send({ ok: true, data: stage });
    });

    app.put<StageParams>('/api/conferences/:conferenceId/stages/:stageId', { config: organizer }, async (request) => {
      const body = parseBody(stageBody, request.body);
      const { conferenceId, stageId } = request.params;
      await ownRow(db, 'stages', conferenceId, stageId);
      const stage: Stage = await db.updateTable('stages').set({ name: body.name }).where('id', '=', stageId).returning(['id', 'name']).executeTakeFirstOrThrow();
      return { ok: true, data: stage };
    });

    app.delete<StageParams>('/api/conferences/:conferenceId/stages/:stageId', { config: organizer }, async (request) => {
      const { conferenceId, stageId } = request.params;
      await ownRow(db, 'stages', conferenceId, stageId);
      const { n } = await db
        .selectFrom('sessions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('stageId', '=', stageId)
        .executeTakeFirstOrThrow();
      if (Number(n) > 0) {
        throw new RoundsError('program.conflict', `This stage still has ${n} session(s): move or delete them first.`);
      }
      await db.deleteFrom('stages').where('id', '=', stageId).execute();
      return { ok: true, data: {} };
    });

    // ---- sessions ----

    app.post<ConferenceParams>('/api/conferences/:conferenceId/sessions', { config: organizer }, async (request, reply) => {
      const body = parseBody(sessionBody, request.body);
      const { conferenceId } = request.params;
      const sessionId = await saveSession(db, conferenceId, null, body);
      deps.logger.info({ conferenceId, sessionId }, 'session created');
      return reply.code(201).send({ ok: true, data: await readSession(db, conferenceId, sessionId) });
    });

    // The guard has checked that the session belongs to the conference (else 404).
    app.put<SessionParams>('/api/conferences/:conferenceId/sessions/:sessionId', { config: organizer }, async (request) => {
      const body = parseBody(sessionBody, request.body);
      const { conferenceId, sessionId } = request.params;
      await saveSession(db, conferenceId, sessionId, body);
      return { ok: true, data: await readSession(db, conferenceId, sessionId) };
    });

    app.delete<SessionParams>('/api/conferences/:conferenceId/sessions/:sessionId', { config: organizer }, async (request) => {
      const { conferenceId, sessionId } = request.params;
      await db.deleteFrom('sessions').where('id', '=', sessionId).where('conferenceId', '=', conferenceId).execute();
      deps.logger.info({ conferenceId, sessionId }, 'session deleted');
      return { ok: true, data: {} };
    });
  };
}
