import type { SessionPerson } from '@rounds/shared';

/** What the conflict rules need to know about a session; pure data, so the rules run without a database. */
export interface ScheduledSession {
  id: string | null;
  title: string;
  stageId: string;
  stageName: string;
  startsAt: Date;
  endsAt: Date;
  people: SessionPerson[];
}

export type SessionConflict =
  /** Another session uses the same stage at an overlapping time. */
  | { kind: 'stage'; other: ScheduledSession }
  /** A person of the candidate is a speaker or moderator of another session at an overlapping time. */
  | { kind: 'person'; person: SessionPerson; other: ScheduledSession };

/** Half-open intervals: a session ending at 10:00 and one starting at 10:00 do not overlap. */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * The clashes of `candidate` with `others`: stage overlaps first, then double-booked people, each in
 * the order of `others`. A session never clashes with itself (same id), so an edit can keep its slot.
 */
export function findConflicts(candidate: ScheduledSession, others: readonly ScheduledSession[]): SessionConflict[] {
  const clashing = others.filter((other) => (candidate.id === null || other.id !== candidate.id) && overlaps(candidate, other));
  const stage: SessionConflict[] = clashing.filter((other) => other.stageId === candidate.stageId).map((other) => ({ kind: 'stage', other }));
  const people: SessionConflict[] = [];
  const seen = new Set<string>();
  for (const person of candidate.people) {
    if (seen.has(person.userId)) continue;
    const other = clashing.find((o) => o.people.some((p) => p.userId === person.userId));
    if (!other) continue;
    seen.add(person.userId);
    people.push({ kind: 'person', person, other });
  }
  return [...stage, ...people];
}

/** Every clash within one program (each pair reported once, from the later-listed session's side). */
export function findProgramConflicts(sessions: readonly ScheduledSession[]): SessionConflict[] {
  return sessions.flatMap((session, index) => findConflicts(session, sessions.slice(0, index)));
}

/** "Tue, May 5, 9:00 – 11:00 AM CDT" in the conference's time zone. */
export function formatSlot(session: { startsAt: Date; endsAt: Date }, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  // ICU puts thin and narrow no-break spaces around the dash and before AM/PM; plain spaces read the same everywhere.
  return format.formatRange(session.startsAt, session.endsAt).replace(/[\u2009\u202f]/g, ' ');
}

/**
 * Form messages for the clashes, keyed by the field to change: `startsAt` for a stage overlap,
 * `speakerIds` or `moderatorIds` for a double-booked person (the first clash of each field).
 */
export function conflictFields(conflicts: readonly SessionConflict[], timeZone: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const conflict of conflicts) {
    const other = `"${conflict.other.title}" (${conflict.other.stageName}, ${formatSlot(conflict.other, timeZone)})`;
    if (conflict.kind === 'stage') {
      fields.startsAt ??= `${conflict.other.stageName} is taken by ${other}.`;
    } else {
      const field = conflict.person.role === 'speaker' ? 'speakerIds' : 'moderatorIds';
      fields[field] ??= `${conflict.person.name} is already in ${other}.`;
    }
  }
  return fields;
}
