import { RoundsError, type ConferenceSummary, type Program, type ProgramSession, type Role, type SessionPerson, type Stage, type Track } from '@rounds/shared';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { ConferencesTable } from '../db/schema';

const conferenceColumns = ['id', 'slug', 'name', 'timeZone', 'startsOn', 'endsOn', 'accreditingProvider', 'description'] as const;

export function toConferenceSummary(row: Pick<Selectable<ConferencesTable>, (typeof conferenceColumns)[number]>): ConferenceSummary {
  const { id, slug, name, timeZone, startsOn, endsOn, accreditingProvider, description } = row;
  return { id, slug, name, timeZone, startsOn, endsOn, accreditingProvider, description };
}

/** One conference by id or by slug, or `resource.notFound`. */
export async function readConference(db: Db, by: 'id' | 'slug', value: string): Promise<ConferenceSummary> {
  const row = await db.selectFrom('conferences').select(conferenceColumns).where(by, '=', value).executeTakeFirst();
  if (!row) throw new RoundsError('resource.notFound', 'No such conference');
  return toConferenceSummary(row);
}

/** The conferences a user belongs to, each with the user's roles there; one query. */
export async function conferencesOf(db: Db, userId: string): Promise<(ConferenceSummary & { myRoles: Role[] })[]> {
  const rows = await db
    .selectFrom('conferences')
    .innerJoin('conferenceMembers', 'conferenceMembers.conferenceId', 'conferences.id')
    .select(conferenceColumns.map((c) => `conferences.${c}` as const))
    .select('conferenceMembers.role')
    .where('conferenceMembers.userId', '=', userId)
    .orderBy('conferences.startsOn', 'desc')
    .orderBy('conferences.name')
    .execute();
  const byId = new Map<string, ConferenceSummary & { myRoles: Role[] }>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? { ...toConferenceSummary(row), myRoles: [] };
    entry.myRoles.push(row.role);
    byId.set(row.id, entry);
  }
  return [...byId.values()];
}

/** Sessions of a conference (or the one asked for) ordered by start, with their people; two queries. */
export async function readSessions(db: Db, conferenceId: string, sessionId?: string): Promise<ProgramSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('stages', 'stages.id', 'sessions.stageId')
    .selectAll('sessions')
    .select('stages.name as stageName')
    .where('sessions.conferenceId', '=', conferenceId)
    .$if(sessionId !== undefined, (q) => q.where('sessions.id', '=', sessionId!))
    .orderBy('sessions.startsAt')
    .orderBy('stages.name')
    .execute();
  if (rows.length === 0) return [];
  const people = await db
    .selectFrom('sessionPeople')
    .innerJoin('sessions', 'sessions.id', 'sessionPeople.sessionId')
    .innerJoin('users', 'users.id', 'sessionPeople.userId')
    .select(['sessionPeople.sessionId', 'sessionPeople.userId', 'sessionPeople.role', 'users.name'])
    .where('sessions.conferenceId', '=', conferenceId)
    .$if(sessionId !== undefined, (q) => q.where('sessions.id', '=', sessionId!))
    // Speakers before moderators, each by name, so every page lists them the same way.
    .orderBy('sessionPeople.role', 'desc')
    .orderBy('users.name')
    .execute();
  const peopleBySession = new Map<string, SessionPerson[]>();
  for (const { sessionId: id, userId, name, role } of people) {
    const list = peopleBySession.get(id) ?? [];
    list.push({ userId, name, role });
    peopleBySession.set(id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    conferenceId: row.conferenceId,
    title: row.title,
    abstract: row.abstract,
    learningObjectives: row.learningObjectives,
    format: row.format,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    stageId: row.stageId,
    stageName: row.stageName,
    trackId: row.trackId,
    accredited: row.accredited,
    maxCredits: row.maxCredits === null ? null : Number(row.maxCredits),
    people: peopleBySession.get(row.id) ?? [],
  }));
}

export async function readSession(db: Db, conferenceId: string, sessionId: string): Promise<ProgramSession> {
  const [session] = await readSessions(db, conferenceId, sessionId);
  if (!session) throw new RoundsError('resource.notFound', 'No such session');
  return session;
}

export async function readTracks(db: Db, conferenceId: string): Promise<Track[]> {
  return db.selectFrom('tracks').select(['id', 'name', 'color']).where('conferenceId', '=', conferenceId).orderBy('name').execute();
}

export async function readStages(db: Db, conferenceId: string): Promise<Stage[]> {
  return db.selectFrom('stages').select(['id', 'name']).where('conferenceId', '=', conferenceId).orderBy('name').execute();
}

/** Session ids in the user's personal schedule for this conference. */
export async function readSchedule(db: Db, conferenceId: string, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('scheduleItems')
    .innerJoin('sessions', 'sessions.id', 'scheduleItems.sessionId')
    .select('scheduleItems.sessionId')
    .where('scheduleItems.userId', '=', userId)
    .where('sessions.conferenceId', '=', conferenceId)
    .orderBy('sessions.startsAt')
    .execute();
  return rows.map((r) => r.sessionId);
}

/** Everything the agenda needs, in a fixed number of queries whatever the program's size. */
export async function readProgram(db: Db, conferenceId: string, userId: string, myRoles: Role[]): Promise<Program> {
  const [conference, tracks, stages, sessions, mySchedule] = await Promise.all([
    readConference(db, 'id', conferenceId),
    readTracks(db, conferenceId),
    readStages(db, conferenceId),
    readSessions(db, conferenceId),
    readSchedule(db, conferenceId, userId),
  ]);
  return { conference, tracks, stages, sessions, myRoles, mySchedule };
}
