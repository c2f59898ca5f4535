import type { SessionPerson } from '@rounds/shared';
import { conflictFields, findConflicts, findProgramConflicts, formatSlot, type ScheduledSession } from '../../src/program/session-conflicts';

const priya: SessionPerson = { userId: 'u-priya', name: 'Dr. Priya Raman, MD', role: 'speaker' };
const james: SessionPerson = { userId: 'u-james', name: 'Dr. James Okafor, MD', role: 'speaker' };
const miguel: SessionPerson = { userId: 'u-miguel', name: 'Dr. Miguel Moderator', role: 'moderator' };

/** A session on 5 May 2026 between two UTC hours (14:00 UTC is 9:00 AM in Chicago). */
function session(id: string | null, fromHour: number, toHour: number, more: Partial<ScheduledSession> = {}): ScheduledSession {
  const utc = (hour: number) => new Date(Date.UTC(2026, 4, 5, 0, hour * 60));
  return { id, title: `Session ${id}`, stageId: 'main', stageName: 'Main stage', startsAt: utc(fromHour), endsAt: utc(toHour), people: [], ...more };
}

describe('findConflicts', () => {
  test('an overlapping session on the same stage is a stage conflict', () => {
    const keynote = session('keynote', 14, 16);
    expect(findConflicts(session(null, 15, 17), [keynote])).toEqual([{ kind: 'stage', other: keynote }]);
  });

  test('a session inside another, or around it, overlaps it', () => {
    const keynote = session('keynote', 14, 16);
    expect(findConflicts(session(null, 14.5, 15), [keynote])).toHaveLength(1);
    expect(findConflicts(session(null, 13, 17), [keynote])).toHaveLength(1);
  });

  test('sessions that only touch (one ends when the next starts) do not overlap', () => {
    const keynote = session('keynote', 14, 16);
    expect(findConflicts(session(null, 16, 17), [keynote])).toEqual([]);
    expect(findConflicts(session(null, 13, 14), [keynote])).toEqual([]);
  });

  test('overlapping sessions on different stages without shared people do not clash', () => {
    const keynote = session('keynote', 14, 16, { people: [priya] });
    expect(findConflicts(session(null, 14, 16, { stageId: 'room-b', people: [james] }), [keynote])).toEqual([]);
  });

  test('a speaker already in an overlapping session on another stage is double-booked', () => {
    const keynote = session('keynote', 14, 16, { people: [priya] });
    const candidate = session(null, 15, 16, { stageId: 'room-b', people: [james, priya] });
    expect(findConflicts(candidate, [keynote])).toEqual([{ kind: 'person', person: priya, other: keynote }]);
  });

  test('a person who speaks in one session cannot moderate an overlapping one', () => {
    const keynote = session('keynote', 14, 16, { people: [{ ...miguel, role: 'speaker' }] });
    const candidate = session(null, 15, 16, { stageId: 'room-b', people: [miguel] });
    expect(findConflicts(candidate, [keynote])).toEqual([{ kind: 'person', person: miguel, other: keynote }]);
  });

  test('a session being edited does not clash with its own saved version', () => {
    const saved = session('keynote', 14, 16, { people: [priya] });
    expect(findConflicts(session('keynote', 14.5, 16.5, { people: [priya] }), [saved])).toEqual([]);
  });

  test('a person listed twice in the candidate is reported once', () => {
    const keynote = session('keynote', 14, 16, { people: [priya] });
    const candidate = session(null, 15, 16, { stageId: 'room-b', people: [priya, { ...priya, role: 'moderator' }] });
    expect(findConflicts(candidate, [keynote])).toHaveLength(1);
  });

  test('stage conflicts come before people conflicts', () => {
    const keynote = session('keynote', 14, 16, { people: [priya] });
    const kinds = findConflicts(session(null, 15, 16, { people: [priya] }), [keynote]).map((c) => c.kind);
    expect(kinds).toEqual(['stage', 'person']);
  });
});

describe('findProgramConflicts', () => {
  test('a clean program has no conflicts, and a clash is reported once', () => {
    const clean = [session('a', 14, 15, { people: [priya] }), session('b', 15, 16, { people: [priya] }), session('c', 14, 16, { stageId: 'room-b' })];
    expect(findProgramConflicts(clean)).toEqual([]);
    const clashing = [...clean, session('d', 15.5, 16.5, { stageId: 'room-c', people: [priya] })];
    expect(findProgramConflicts(clashing)).toEqual([{ kind: 'person', person: priya, other: clashing[1] }]);
  });
});

describe('conflictFields', () => {
  test('a stage overlap is reported on startsAt with the other session and its time in the conference time zone', () => {
    const keynote = session('keynote', 14, 16, { title: 'Opening keynote' });
    expect(conflictFields([{ kind: 'stage', other: keynote }], 'America/Chicago')).toEqual({
      startsAt: 'Main stage is taken by "Opening keynote" (Main stage, Tue, May 5, 9:00 – 11:00 AM CDT).',
    });
  });

  test('a double-booked speaker is reported on speakerIds and a moderator on moderatorIds, naming the person', () => {
    const keynote = session('keynote', 14, 16, { title: 'Opening keynote', stageName: 'Room B' });
    const fields = conflictFields(
      [
        { kind: 'person', person: priya, other: keynote },
        { kind: 'person', person: miguel, other: keynote },
      ],
      'Europe/Berlin',
    );
    expect(fields).toEqual({
      speakerIds: 'Dr. Priya Raman, MD is already in "Opening keynote" (Room B, Tue, May 5, 4:00 – 6:00 PM GMT+2).',
      moderatorIds: 'Dr. Miguel Moderator is already in "Opening keynote" (Room B, Tue, May 5, 4:00 – 6:00 PM GMT+2).',
    });
  });

  test('only the first clash of each field is kept', () => {
    const a = session('a', 14, 16, { title: 'First' });
    const b = session('b', 14, 16, { title: 'Second' });
    expect(conflictFields([{ kind: 'stage', other: a }, { kind: 'stage', other: b }], 'UTC').startsAt).toContain('"First"');
  });
});

describe('formatSlot', () => {
  test('a slot across midnight names both days, with plain spaces only', () => {
    const slot = session('late', 28, 30);
    const text = formatSlot(slot, 'America/Chicago');
    expect(text).toBe('Tue, May 5, 11:00 PM CDT – Wed, May 6, 1:00 AM CDT');
    expect(text).not.toMatch(/[\u2009\u202f]/);
  });
});
