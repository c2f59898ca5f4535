import { RoundsError, type SessionBody, type SessionPerson } from '@rounds/shared';
import type { Db } from '../db/database';
import { conflictFields, findConflicts, type ScheduledSession } from './session-conflicts';

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** The session's people, or `request.invalid` naming the fields whose stage, track or people are not of this conference. */
async function checkReferences(tx: Db, conferenceId: string, body: SessionBody): Promise<{ stageName: string; people: SessionPerson[] }> {
  const personIds = unique([...body.speakerIds, ...body.moderatorIds]);
  const [stage, track, members] = await Promise.all([
    tx.selectFrom('stages').select('name').where('id', '=', body.stageId).where('conferenceId', '=', conferenceId).executeTakeFirst(),
    body.trackId === null
      ? Promise.resolve({ id: null })
      : tx.selectFrom('tracks').select('id').where('id', '=', body.trackId).where('conferenceId', '=', conferenceId).executeTakeFirst(),
    personIds.length === 0
      ? Promise.resolve([])
      : tx
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', 'in', personIds)
          .where((eb) =>
            eb.exists(eb.selectFrom('conferenceMembers').select('userId').whereRef('conferenceMembers.userId', '=', 'users.id').where('conferenceId', '=', conferenceId)),
          )
          .execute(),
  ]);
  const nameOf = new Map(members.map((m) => [m.id, m.name]));
  const fields: Record<string, string> = {};
  if (!stage) fields.stageId = 'Choose a stage of this conference.';
  if (!track) fields.trackId = 'Choose a track of this conference.';
  for (const [field, label] of [['speakerIds', 'speaker'], ['moderatorIds', 'moderator']] as const) {
    if (body[field].some((userId) => !nameOf.has(userId))) {
      fields[field] = `Every ${label} must be a member of this conference: invite them first.`;
    }
  }
  if (Object.keys(fields).length > 0) throw new RoundsError('request.invalid', Object.values(fields)[0], fields);
  const people: SessionPerson[] = [
    ...unique(body.speakerIds).map((userId) => ({ userId, name: nameOf.get(userId)!, role: 'speaker' as const })),
    ...unique(body.moderatorIds).map((userId) => ({ userId, name: nameOf.get(userId)!, role: 'moderator' as const })),
  ];
  return { stageName: stage!.name, people };
}

/** Other sessions of the conference that overlap the slot, with their stage and people: two queries. */
async function overlappingSessions(tx: Db, conferenceId: string, slot: { startsAt: Date; endsAt: Date }): Promise<ScheduledSession[]> {
  const rows = await tx
    .selectFrom('sessions')
    .innerJoin('stages', 'stages.id', 'sessions.stageId')
    .select(['sessions.id', 'sessions.title', 'sessions.stageId', 'sessions.startsAt', 'sessions.endsAt', 'stages.name as stageName'])
    .where('sessions.conferenceId', '=', conferenceId)
    .where('sessions.startsAt', '<', slot.endsAt)
    .where('sessions.endsAt', '>', slot.startsAt)
    .orderBy('sessions.startsAt')
    .execute();
  if (rows.length === 0) return [];
  const people = await tx
    .selectFrom('sessionPeople')
    .innerJoin('users', 'users.id', 'sessionPeople.userId')
    .select(['sessionPeople.sessionId', 'sessionPeople.userId', 'sessionPeople.role', 'users.name'])
    .where('sessionPeople.sessionId', 'in', rows.map((r) => r.id))
    .execute();
  return rows.map((row) => ({
    ...row,
    people: people.filter((p) => p.sessionId === row.id).map(({ userId, name, role }) => ({ userId, name, role })),
  }));
}

/**
 * Creates (sessionId null) or replaces a session after checking its references and its clashes with
 * the rest of the program. The conference row is locked for the transaction, so two concurrent
 * edits cannot both take the same slot.
 */
export async function saveSession(db: Db, conferenceId: string, sessionId: string | null, body: SessionBody): Promise<string> {
  return db.transaction().execute(async (tx) => {
    const conference = await tx.selectFrom('conferences').select('timeZone').where('id', '=', conferenceId).forUpdate().executeTakeFirst();
    if (!conference) throw new RoundsError('resource.notFound', 'No such conference');
    const { stageName, people } = await checkReferences(tx, conferenceId, body);

    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const candidate: ScheduledSession = { id: sessionId, title: body.title, stageId: body.stageId, stageName, startsAt, endsAt, people };
    const conflicts = findConflicts(candidate, await overlappingSessions(tx, conferenceId, candidate));
    if (conflicts.length > 0) {
      const fields = conflictFields(conflicts, conference.timeZone);
      throw new RoundsError('program.conflict', Object.values(fields)[0], fields);
    }

    const values = {
      conferenceId,
      stageId: body.stageId,
      trackId: body.trackId,
      title: body.title,
      abstract: body.abstract,
      learningObjectives: JSON.stringify(body.learningObjectives),
      format: body.format,
      startsAt,
      endsAt,
      accredited: body.accredited,
      // Credits belong to accredited sessions only; a stale number on an unaccredited one would mislead.
      maxCredits: body.accredited ? body.maxCredits : null,
    };
    const id = sessionId ?? (await tx.insertInto('sessions').values(values).returning('id').executeTakeFirstOrThrow()).id;
    if (sessionId !== null) {
      await tx.updateTable('sessions').set(values).where('id', '=', id).where('conferenceId', '=', conferenceId).execute();
      await tx.deleteFrom('sessionPeople').where('sessionId', '=', id).execute();
    }
    if (people.length > 0) {
      await tx
        .insertInto('sessionPeople')
        .values(people.map((p) => ({ sessionId: id, userId: p.userId, role: p.role })))
        .execute();
    }
    return id;
  });
}
