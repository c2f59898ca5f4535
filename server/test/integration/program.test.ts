import type { ConferenceSummary, Program, ProgramSession, Role } from '@rounds/shared';
import { migrate, openDatabase, type DatabaseHandle } from '../../src/db/database';
import { demoAccounts, demoConferenceSlug, seedDemo } from '../../src/db/seed';
import { readProgram } from '../../src/program/program-repository';
import { findProgramConflicts, type ScheduledSession } from '../../src/program/session-conflicts';
import { createSignedInUser, restClient } from '../helpers/rest-client';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

const hourMs = 3600_000;

function asScheduled(session: ProgramSession): ScheduledSession {
  return { ...session, startsAt: new Date(session.startsAt), endsAt: new Date(session.endsAt) };
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
function localDay(instant: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

describe('program', () => {
  let t: TestPlatform;
  let attendee: string;
  let conferenceId: string;
  let seq = 0;

  const { api, data } = restClient(() => t.url);

  /** A fresh account straight in the database (registration is another module's), signed in. */
  const newUser = () => createSignedInUser(t, { email: `outsider${++seq}@elsewhere.test`, password: 'an outsider password', name: 'Dr. Out Sider' });

  /** A signed-in organizer of a conference of their own, not a member of the demo. */
  async function otherOrganizer(): Promise<{ cookie: string; conference: ConferenceSummary }> {
    const { cookie } = await newUser();
    const body = {
      name: 'Southern Cardiology Update',
      slug: `cardio-${seq}`,
      timeZone: 'America/New_York',
      startsOn: '2026-09-10',
      endsOn: '2026-09-11',
      accreditingProvider: 'Southern Heart Society',
      description: '',
    };
    const reply = await api<ConferenceSummary>('POST', '/api/conferences', { cookie, body });
    expect(reply.status).toBe(201);
    return { cookie, conference: data(reply) };
  }

  const program = async (cookie = attendee) => data(await api<Program>('GET', `/api/conferences/${conferenceId}/program`, { cookie }));

  beforeAll(async () => {
    t = await startTestPlatform();
    attendee = await t.signIn('attendee');
    conferenceId = (await t.platform.database.db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  describe('conferences', () => {
    it("lists the caller's conferences with the caller's roles there", async () => {
      const list = data(await api<(ConferenceSummary & { myRoles: Role[] })[]>('GET', '/api/conferences', { cookie: attendee }));
      expect(list).toEqual([
        {
          id: conferenceId,
          slug: 'demo',
          name: 'Rounds Demo: Annual Meeting in Internal Medicine',
          timeZone: 'America/Chicago',
          startsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          endsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          accreditingProvider: 'Midwest Society of Internal Medicine (accredited provider)',
          description: expect.stringContaining('CME credit'),
          myRoles: ['attendee'],
        },
      ]);
    });

    it('lists nothing for an account without memberships, and asks anonymous callers to sign in', async () => {
      const { cookie } = await newUser();
      expect(data(await api('GET', '/api/conferences', { cookie }))).toEqual([]);
      const anonymous = await api('GET', '/api/conferences');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    });

    it('shows the public summary of a conference by its slug to anyone, and 404s an unknown slug', async () => {
      const summary = data(await api<ConferenceSummary>('GET', '/api/public/conferences/demo'));
      expect(summary).toMatchObject({ id: conferenceId, slug: 'demo', timeZone: 'America/Chicago' });
      expect(summary).not.toHaveProperty('myRoles');
      const unknown = await api('GET', '/api/public/conferences/no-such-meeting');
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
    });
  });

  describe('reading the program', () => {
    it('gives an attendee the conference, three tracks, three stages and about twenty sessions ordered by start', async () => {
      const p = await program();
      expect(p.conference).toMatchObject({ id: conferenceId, slug: 'demo' });
      expect(p.tracks.map((track) => track.name)).toEqual(['Cardiology', 'Infectious Disease', 'Primary Care']);
      expect(new Set(p.tracks.map((track) => track.color)).size).toBe(3);
      expect(p.stages.map((stage) => stage.name)).toEqual(['Main stage', 'Room B', 'Room C']);
      expect(p.sessions.length).toBeGreaterThanOrEqual(18);
      expect(p.sessions.length).toBeLessThanOrEqual(24);
      const starts = p.sessions.map((s) => Date.parse(s.startsAt));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(p.myRoles).toEqual(['attendee']);
      expect(p.mySchedule).toEqual([]);
      const trackIds = new Set(p.tracks.map((track) => track.id));
      for (const session of p.sessions) {
        expect(p.stages.find((stage) => stage.id === session.stageId)?.name).toBe(session.stageName);
        if (session.trackId !== null) expect(trackIds.has(session.trackId)).toBe(true);
        expect(session.conferenceId).toBe(conferenceId);
      }
    });

    it('gives each session its details: objectives, format, credits as a number, and its people by name and role', async () => {
      const p = await program();
      const keynote = p.sessions.find((s) => s.id === t.keynoteId)!;
      expect(keynote).toMatchObject({
        title: 'Opening keynote: Sepsis care in 2026',
        stageName: 'Main stage',
        format: 'lecture',
        accredited: true,
        maxCredits: 1.5,
        abstract: expect.stringContaining('sepsis'),
      });
      expect(keynote.learningObjectives.length).toBeGreaterThanOrEqual(2);
      expect(keynote.people).toEqual(
        expect.arrayContaining([
          { userId: expect.any(String), name: 'Dr. Sara Speaker', role: 'speaker' },
          { userId: expect.any(String), name: 'Dr. Miguel Moderator', role: 'moderator' },
        ]),
      );
      const welcome = p.sessions.find((s) => s.title.startsWith('Welcome'))!;
      expect(welcome).toMatchObject({ accredited: false, maxCredits: null, trackId: null });
      expect(new Set(p.sessions.map((s) => s.format))).toEqual(new Set(['lecture', 'case', 'panel', 'workshop']));
      for (const session of p.sessions.filter((s) => s.accredited)) {
        expect(session.maxCredits).toBeGreaterThanOrEqual(0.5);
        expect(session.maxCredits).toBeLessThanOrEqual(1.5);
        expect(session.learningObjectives.length).toBeGreaterThanOrEqual(2);
      }
    });

    it('reads one session, the same as in the program', async () => {
      const session = data(await api<ProgramSession>('GET', `/api/conferences/${conferenceId}/sessions/${t.keynoteId}`, { cookie: attendee }));
      expect(session).toEqual((await program()).sessions.find((s) => s.id === t.keynoteId));
    });

    it('404s an unknown session id, a malformed one, and a session of another conference', async () => {
      const { cookie, conference } = await otherOrganizer();
      const stage = data(await api<{ id: string }>('POST', `/api/conferences/${conference.id}/stages`, { cookie, body: { name: 'Hall A' } }));
      const foreign = data(
        await api<ProgramSession>('POST', `/api/conferences/${conference.id}/sessions`, {
          cookie,
          body: {
            title: 'Lipids',
            abstract: '',
            learningObjectives: [],
            format: 'lecture',
            startsAt: '2026-09-10T14:00:00Z',
            endsAt: '2026-09-10T15:00:00Z',
            stageId: stage.id,
            trackId: null,
            accredited: false,
            maxCredits: null,
            speakerIds: [],
            moderatorIds: [],
          },
        }),
      );
      for (const sessionId of ['00000000-0000-4000-8000-000000000000', 'not-a-session', foreign.id]) {
        const reply = await api('GET', `/api/conferences/${conferenceId}/sessions/${sessionId}`, { cookie: attendee });
        expect(reply.status).toBe(404);
        expect(reply.body).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
      }
    });

    it('refuses a signed-in user of another conference, and asks anonymous callers to sign in', async () => {
      const { cookie, conference } = await otherOrganizer();
      const mine = data(await api<(ConferenceSummary & { myRoles: Role[] })[]>('GET', '/api/conferences', { cookie }));
      expect(mine).toEqual([{ ...conference, myRoles: ['organizer'] }]);

      for (const path of [`/api/conferences/${conferenceId}/program`, `/api/conferences/${conferenceId}/sessions/${t.keynoteId}`]) {
        const outsider = await api('GET', path, { cookie });
        expect(outsider.status).toBe(403);
        expect(outsider.body).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
        const anonymous = await api('GET', path);
        expect(anonymous.status).toBe(401);
        expect(anonymous.body).toMatchObject({ ok: false, error: { code: 'auth.required' } });
      }
    });

    it('reads the whole program in a fixed number of queries, however many sessions it has', async () => {
      const db = t.platform.database.db;
      let queries = 0;
      const counting = db.withPlugin({
        transformQuery: (args) => {
          queries++;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const { id: userId } = await db.selectFrom('users').select('id').where('email', '=', demoAccounts[4]!.email).executeTakeFirstOrThrow();
      const full = await readProgram(counting, conferenceId, userId, ['attendee']);
      expect(full.sessions.length).toBeGreaterThan(10);
      expect(queries).toBeLessThanOrEqual(6);
    });
  });

  describe('my schedule', () => {
    it('adds and removes sessions; adding twice keeps one entry', async () => {
      const path = `/api/conferences/${conferenceId}/schedule/${t.keynoteId}`;
      expect(data(await api('PUT', path, { cookie: attendee }))).toEqual({});
      expect(data(await api('PUT', path, { cookie: attendee }))).toEqual({});
      expect((await program()).mySchedule).toEqual([t.keynoteId]);

      // Another member's schedule is their own.
      expect((await program(await t.signIn('speaker'))).mySchedule).toEqual([]);

      expect(data(await api('DELETE', path, { cookie: attendee }))).toEqual({});
      expect((await program()).mySchedule).toEqual([]);
      expect(data(await api('DELETE', path, { cookie: attendee }))).toEqual({});
    });

    it('404s an unknown session and refuses non-members', async () => {
      const unknown = await api('PUT', `/api/conferences/${conferenceId}/schedule/00000000-0000-4000-8000-000000000000`, { cookie: attendee });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
      const { cookie } = await newUser();
      const outsider = await api('PUT', `/api/conferences/${conferenceId}/schedule/${t.keynoteId}`, { cookie });
      expect(outsider.status).toBe(403);
      expect(outsider.body).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    });
  });

  describe('the demo seed', () => {
    it('has the keynote live now on the main stage, and something up next within the hour', async () => {
      const { sessions } = await program();
      const now = Date.now();
      const keynote = sessions.find((s) => s.id === t.keynoteId)!;
      expect(Date.parse(keynote.startsAt)).toBeLessThanOrEqual(now);
      expect(Date.parse(keynote.endsAt)).toBeGreaterThan(now);
      expect(Date.parse(keynote.endsAt) - Date.parse(keynote.startsAt)).toBe(2 * hourMs);
      const upNext = sessions.filter((s) => Date.parse(s.startsAt) > now && Date.parse(s.startsAt) - now <= hourMs);
      expect(upNext.length).toBeGreaterThan(0);
    });

    it('has day-1 sessions before and after the keynote on every stage, and day 2 a day later', async () => {
      const { sessions, stages } = await program();
      const keynote = sessions.find((s) => s.id === t.keynoteId)!;
      const anchor = Date.parse(keynote.startsAt);
      for (const stage of stages) {
        const hours = sessions.filter((s) => s.stageId === stage.id).map((s) => (Date.parse(s.startsAt) - anchor) / hourMs);
        expect(hours.some((h) => h < 0)).toBe(true);
        expect(hours.some((h) => h > 0 && h < 12)).toBe(true);
        expect(hours.some((h) => h >= 20)).toBe(true);
      }
    });

    it('has no stage overlaps and no double-booked person', async () => {
      const { sessions } = await program();
      expect(findProgramConflicts(sessions.map(asScheduled))).toEqual([]);
    });

    it('makes the demo speaker a speaker of the keynote and others, and the demo moderator a moderator of several', async () => {
      const { sessions } = await program();
      const roleCount = (name: string, role: 'speaker' | 'moderator') => sessions.filter((s) => s.people.some((p) => p.name === name && p.role === role)).length;
      expect(roleCount('Dr. Sara Speaker', 'speaker')).toBeGreaterThanOrEqual(3);
      expect(roleCount('Dr. Miguel Moderator', 'moderator')).toBeGreaterThanOrEqual(3);
    });

    it('seeds about eight faculty with profiles as speaker members, profiles for the demo accounts, and a booth for the exhibitor', async () => {
      const db = t.platform.database.db;
      const members = await db
        .selectFrom('conferenceMembers')
        .innerJoin('users', 'users.id', 'conferenceMembers.userId')
        .leftJoin('booths', 'booths.id', 'conferenceMembers.boothId')
        .select(['users.email', 'users.name', 'users.credentials', 'users.specialty', 'conferenceMembers.role', 'booths.name as booth'])
        .where('conferenceMembers.conferenceId', '=', conferenceId)
        .execute();
      const faculty = members.filter((m) => !demoAccounts.some((a) => a.email === m.email));
      expect(faculty.length).toBeGreaterThanOrEqual(6);
      for (const person of faculty) {
        expect(person.role).toBe('speaker');
        expect(person.credentials.length).toBeGreaterThan(0);
        expect(person.specialty).not.toBe('');
      }
      const demo = members.filter((m) => demoAccounts.some((a) => a.email === m.email));
      expect(demo.map((m) => m.role).sort()).toEqual(demoAccounts.map((a) => a.role).sort());
      expect(demo.filter((m) => m.specialty !== '')).toHaveLength(demoAccounts.length);
      expect(demo.filter((m) => m.booth !== null)).toEqual([expect.objectContaining({ role: 'exhibitor', booth: 'Acme Medical Devices' })]);
    });

    describe('seeded at any hour', () => {
      let database: DatabaseHandle;
      beforeAll(async () => {
        database = await openDatabase({ DATA_DIR: ':memory:', DATABASE_SCHEMA: 'public' });
        await migrate(database);
      });
      afterAll(() => database.close());

      it.each([
        ['just after midnight in Chicago', '2026-03-10T05:30:00Z'],
        ['late in the evening in Chicago', '2026-03-10T04:10:00Z'],
        ['mid-morning in Chicago', '2026-03-10T15:20:00Z'],
      ])('seeded %s, keeps the keynote live, every session within the conference dates, and no conflicts', async (_when, nowIso) => {
        const db = database.db;
        // Seeding is idempotent by slug, so each hour starts without the demo conference.
        await db.deleteFrom('conferences').where('slug', '=', demoConferenceSlug).execute();
        const now = new Date(nowIso);
        const { conferenceId: id, created } = await seedDemo(db, now);
        expect(created).toBe(true);
        const p = await readProgram(db, id, (await db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id, []);
        const { startsOn, endsOn, timeZone } = p.conference;
        expect(startsOn <= localDay(now, timeZone)).toBe(true);
        for (const session of p.sessions) {
          expect(localDay(session.startsAt, timeZone) >= startsOn).toBe(true);
          expect(localDay(session.endsAt, timeZone) <= endsOn).toBe(true);
        }
        const keynote = p.sessions.find((s) => s.title.startsWith('Opening keynote'))!;
        expect(Date.parse(keynote.startsAt)).toBeLessThanOrEqual(now.getTime());
        expect(Date.parse(keynote.endsAt)).toBeGreaterThan(now.getTime());
        expect(findProgramConflicts(p.sessions.map(asScheduled))).toEqual([]);
      });
    });
  });
});
