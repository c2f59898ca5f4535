import type { ConferenceBody, ConferenceSummary, Program, ProgramSession, SessionBody, Stage, Track } from '@rounds/shared';
import { demoAccounts, demoConferenceSlug } from '../../src/db/seed';
import { createSignedInUser, restClient } from '../helpers/rest-client';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

const hourMs = 3600_000;

describe('editing the program', () => {
  let t: TestPlatform;
  let organizer: string;
  let conferenceId: string;
  let base: string;
  let program: Program;
  /** The keynote's start: free and taken slots below are counted in hours from it. */
  let anchor: number;
  let seq = 0;

  const { api, data } = restClient(() => t.url);

  /** A fresh account straight in the database (registration is another module's), signed in. */
  const newUser = () => createSignedInUser(t, { email: `faculty${++seq}@elsewhere.test`, password: 'a faculty password', name: `Dr. Visiting ${seq}` });

  function conferenceBody(overrides: Partial<ConferenceBody> = {}): ConferenceBody {
    return {
      name: 'Southern Cardiology Update',
      slug: `cardio-${++seq}`,
      timeZone: 'America/New_York',
      startsOn: '2026-09-10',
      endsOn: '2026-09-11',
      accreditingProvider: 'Southern Heart Society',
      description: 'Two days of cardiology.',
      ...overrides,
    };
  }

  /** A signed-in organizer of a conference of their own (created through the API), with one stage and one track. */
  async function otherConference(): Promise<{ cookie: string; conference: ConferenceSummary; stage: Stage; track: Track }> {
    const { cookie } = await newUser();
    const created = await api<ConferenceSummary>('POST', '/api/conferences', { cookie, body: conferenceBody() });
    expect(created.status).toBe(201);
    const conference = data(created);
    const stage = data(await api<Stage>('POST', `/api/conferences/${conference.id}/stages`, { cookie, body: { name: 'Hall A' } }));
    const track = data(await api<Track>('POST', `/api/conferences/${conference.id}/tracks`, { cookie, body: { name: 'Imaging', color: '#445566' } }));
    return { cookie, conference, stage, track };
  }

  const stageId = (name: string) => program.stages.find((s) => s.name === name)!.id;
  const trackId = (name: string) => program.tracks.find((s) => s.name === name)!.id;
  const userIdOf = async (email: string) =>
    (await t.platform.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const at = (hours: number) => new Date(anchor + hours * hourMs).toISOString();
  const countSessions = async () =>
    Number(
      (
        await t.platform.database.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('conferenceId', '=', conferenceId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A valid session in a slot free on every stage of the demo (day 1, six hours after the keynote starts). */
  function sessionBody(overrides: Partial<SessionBody> = {}): SessionBody {
    return {
      title: 'Syncope: a practical work-up',
      abstract: 'Who needs a monitor, who needs an echo, and who can go home.',
      learningObjectives: ['Risk-stratify syncope', 'Order the right tests'],
      format: 'lecture',
      startsAt: at(6),
      endsAt: at(7),
      stageId: stageId('Main stage'),
      trackId: trackId('Cardiology'),
      accredited: true,
      maxCredits: 1,
      speakerIds: [],
      moderatorIds: [],
      ...overrides,
    };
  }

  /** Expects a refused session write with this code and field, and no change to the number of sessions. */
  async function expectRefused(body: unknown, status: number, code: string, field: string): Promise<string> {
    const before = await countSessions();
    const reply = await api('POST', `${base}/sessions`, { cookie: organizer, body });
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ ok: false, error: { code, fields: { [field]: expect.any(String) } } });
    expect(await countSessions()).toBe(before);
    return reply.body.ok ? '' : reply.body.error.fields![field]!;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    organizer = await t.signIn('organizer');
    conferenceId = (await t.platform.database.db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
    base = `/api/conferences/${conferenceId}`;
    program = data(await api<Program>('GET', `${base}/program`, { cookie: organizer }));
    anchor = Date.parse(program.sessions.find((s) => s.id === t.keynoteId)!.startsAt);
  });
  afterAll(() => t.close());

  describe('conferences', () => {
    it('lets any signed-in user create a conference, which makes them its organizer', async () => {
      const { cookie } = await newUser();
      const body = conferenceBody({ name: '  Pediatric Grand Rounds  ' });
      const reply = await api<ConferenceSummary>('POST', '/api/conferences', { cookie, body });
      expect(reply.status).toBe(201);
      const conference = data(reply);
      expect(conference).toEqual({ ...body, name: 'Pediatric Grand Rounds', id: expect.any(String) });
      expect(data(await api('GET', '/api/conferences', { cookie }))).toEqual([{ ...conference, myRoles: ['organizer'] }]);
      const anonymous = await api('POST', '/api/conferences', { body: conferenceBody() });
      expect(anonymous.status).toBe(401);
    });

    it('refuses a taken address on slug, and an invalid form field by field', async () => {
      const { cookie } = await newUser();
      const taken = await api('POST', '/api/conferences', { cookie, body: conferenceBody({ slug: 'demo' }) });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ ok: false, error: { code: 'program.conflict', fields: { slug: expect.stringContaining('address') } } });

      const invalid = await api('POST', '/api/conferences', {
        cookie,
        body: conferenceBody({ slug: 'Not A Slug', timeZone: 'Mars/Olympus', startsOn: '2026-09-12', endsOn: '2026-09-11' }),
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({
        ok: false,
        error: { code: 'request.invalid', fields: { slug: expect.any(String), timeZone: expect.any(String) } },
      });
      expect(data(await api('GET', '/api/conferences', { cookie }))).toEqual([]);
    });

    it('lets the organizer edit the conference, but not take another conference\'s address', async () => {
      const { conference } = await otherConference();
      const body: ConferenceBody = { ...program.conference, description: 'Updated description for the demo.' };
      const updated = data(await api<ConferenceSummary>('PUT', base, { cookie: organizer, body }));
      expect(updated).toEqual({ ...body, id: conferenceId });
      expect(data(await api<ConferenceSummary>('GET', '/api/public/conferences/demo')).description).toBe('Updated description for the demo.');

      const taken = await api('PUT', base, { cookie: organizer, body: { ...body, slug: conference.slug } });
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ ok: false, error: { code: 'program.conflict', fields: { slug: expect.any(String) } } });
    });

    it('refuses edits by other roles of the conference and by organizers of another conference', async () => {
      const { cookie } = await otherConference();
      for (const caller of [await t.signIn('attendee'), await t.signIn('speaker'), cookie]) {
        const reply = await api('PUT', base, { cookie: caller, body: { ...program.conference, name: 'Hijacked' } });
        expect(reply.status).toBe(403);
        expect(reply.body).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      }
      expect(data(await api<ConferenceSummary>('GET', '/api/public/conferences/demo')).name).not.toBe('Hijacked');
    });
  });

  describe('tracks and stages', () => {
    it('creates, renames and deletes a track; its sessions stay, without a track', async () => {
      const created = await api<Track>('POST', `${base}/tracks`, { cookie: organizer, body: { name: 'Nephrology', color: '#556b2f' } });
      expect(created.status).toBe(201);
      const track = data(created);
      expect(track).toEqual({ id: expect.any(String), name: 'Nephrology', color: '#556b2f' });
      const renamed = data(await api<Track>('PUT', `${base}/tracks/${track.id}`, { cookie: organizer, body: { name: 'Kidney', color: '#556b2f' } }));
      expect(renamed).toEqual({ ...track, name: 'Kidney' });

      const session = data(await api<ProgramSession>('POST', `${base}/sessions`, { cookie: organizer, body: sessionBody({ trackId: track.id, startsAt: at(8), endsAt: at(9) }) }));
      expect(data(await api('DELETE', `${base}/tracks/${track.id}`, { cookie: organizer }))).toEqual({});
      const after = data(await api<Program>('GET', `${base}/program`, { cookie: organizer }));
      expect(after.tracks.map((x) => x.id)).not.toContain(track.id);
      expect(after.sessions.find((s) => s.id === session.id)).toMatchObject({ trackId: null });
      expect(data(await api('DELETE', `${base}/sessions/${session.id}`, { cookie: organizer }))).toEqual({});
    });

    it('refuses a duplicate track name on name, and an invalid colour on color', async () => {
      const duplicate = await api('POST', `${base}/tracks`, { cookie: organizer, body: { name: 'Cardiology', color: '#123456' } });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ ok: false, error: { code: 'program.conflict', fields: { name: expect.any(String) } } });
      const invalid = await api('POST', `${base}/tracks`, { cookie: organizer, body: { name: 'Dermatology', color: 'pink' } });
      expect(invalid.status).toBe(400);
      expect(invalid.body).toMatchObject({ ok: false, error: { code: 'request.invalid', fields: { color: expect.any(String) } } });
    });

    it('404s a track or stage that is unknown, malformed, or of another conference', async () => {
      const other = await otherConference();
      for (const path of [
        `${base}/tracks/00000000-0000-4000-8000-000000000000`,
        `${base}/tracks/nope`,
        `${base}/tracks/${other.track.id}`,
        `${base}/stages/${other.stage.id}`,
      ]) {
        const body = path.includes('/tracks/') ? { name: 'Renamed', color: '#123456' } : { name: 'Renamed' };
        for (const method of ['PUT', 'DELETE']) {
          const reply = await api(method, path, { cookie: organizer, ...(method === 'PUT' && { body }) });
          expect(reply.status).toBe(404);
          expect(reply.body).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
        }
      }
      expect(data(await api<Program>('GET', `/api/conferences/${other.conference.id}/program`, { cookie: other.cookie })).tracks).toEqual([other.track]);
    });

    it('creates, renames and deletes an empty stage, and refuses to delete a stage that has sessions', async () => {
      const created = await api<Stage>('POST', `${base}/stages`, { cookie: organizer, body: { name: 'Room D' } });
      expect(created.status).toBe(201);
      const stage = data(created);
      expect(data(await api<Stage>('PUT', `${base}/stages/${stage.id}`, { cookie: organizer, body: { name: 'Workshop room' } }))).toEqual({ id: stage.id, name: 'Workshop room' });
      expect(data(await api('DELETE', `${base}/stages/${stage.id}`, { cookie: organizer }))).toEqual({});

      const busy = await api('DELETE', `${base}/stages/${stageId('Main stage')}`, { cookie: organizer });
      expect(busy.status).toBe(409);
      expect(busy.body).toMatchObject({ ok: false, error: { code: 'program.conflict', message: expect.stringContaining('session') } });
      const stages = data(await api<Program>('GET', `${base}/program`, { cookie: organizer })).stages.map((s) => s.name);
      expect(stages).toEqual(['Main stage', 'Room B', 'Room C']);
    });

    it('refuses track and stage edits by non-organizers', async () => {
      const speaker = await t.signIn('speaker');
      for (const [method, path, body] of [
        ['POST', `${base}/tracks`, { name: 'Sneaky', color: '#123456' }],
        ['DELETE', `${base}/tracks/${trackId('Cardiology')}`, undefined],
        ['POST', `${base}/stages`, { name: 'Sneaky' }],
        ['DELETE', `${base}/stages/${stageId('Room C')}`, undefined],
      ] as const) {
        const reply = await api(method, path, { cookie: speaker, body });
        expect(reply.status).toBe(403);
        expect(reply.body).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      }
    });
  });

  describe('sessions', () => {
    it('creates a session with its people, updates it, and deletes it', async () => {
      const speakerId = await userIdOf(demoAccounts.find((a) => a.role === 'speaker')!.email);
      const moderatorId = await userIdOf(demoAccounts.find((a) => a.role === 'moderator')!.email);
      const body = sessionBody({ speakerIds: [speakerId], moderatorIds: [moderatorId], maxCredits: 0.75 });
      const created = await api<ProgramSession>('POST', `${base}/sessions`, { cookie: organizer, body });
      expect(created.status).toBe(201);
      const session = data(created);
      expect(session).toEqual({
        id: expect.any(String),
        conferenceId,
        title: body.title,
        abstract: body.abstract,
        learningObjectives: body.learningObjectives,
        format: 'lecture',
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        stageId: body.stageId,
        stageName: 'Main stage',
        trackId: body.trackId,
        accredited: true,
        maxCredits: 0.75,
        people: [
          { userId: speakerId, name: 'Dr. Sara Speaker', role: 'speaker' },
          { userId: moderatorId, name: 'Dr. Miguel Moderator', role: 'moderator' },
        ],
      });

      // Moving it by half an hour overlaps its own old slot, which is no conflict.
      const update = { ...body, title: 'Syncope work-up (revised)', format: 'case' as const, startsAt: at(6.5), endsAt: at(7.5), accredited: false, moderatorIds: [] };
      const updated = data(await api<ProgramSession>('PUT', `${base}/sessions/${session.id}`, { cookie: organizer, body: update }));
      expect(updated).toMatchObject({ id: session.id, title: 'Syncope work-up (revised)', format: 'case', startsAt: at(6.5), accredited: false, maxCredits: null });
      expect(updated.people).toEqual([{ userId: speakerId, name: 'Dr. Sara Speaker', role: 'speaker' }]);
      expect(data(await api('GET', `${base}/sessions/${session.id}`, { cookie: await t.signIn('attendee') }))).toEqual(updated);

      expect(data(await api('DELETE', `${base}/sessions/${session.id}`, { cookie: organizer }))).toEqual({});
      const gone = await api('GET', `${base}/sessions/${session.id}`, { cookie: organizer });
      expect(gone.status).toBe(404);
    });

    it('accepts a session that starts exactly when the keynote ends on the same stage', async () => {
      const reply = await api<ProgramSession>('POST', `${base}/sessions`, { cookie: organizer, body: sessionBody({ startsAt: at(2), endsAt: at(2.5) }) });
      expect(reply.status).toBe(201);
      expect(data(await api('DELETE', `${base}/sessions/${data(reply).id}`, { cookie: organizer }))).toEqual({});
    });

    it('refuses an end before the start on endsAt', async () => {
      await expectRefused(sessionBody({ startsAt: at(7), endsAt: at(6) }), 400, 'request.invalid', 'endsAt');
    });

    it('refuses an overlapping session on the same stage on startsAt, naming the other session and its time', async () => {
      const message = await expectRefused(sessionBody({ startsAt: at(1), endsAt: at(3) }), 409, 'program.conflict', 'startsAt');
      expect(message).toContain('Opening keynote: Sepsis care in 2026');
      expect(message).toMatch(/\d:\d\d/);
      expect(message).toMatch(/C[DS]T/);
    });

    it('refuses a double-booked speaker on speakerIds and a double-booked moderator on moderatorIds, naming person and session', async () => {
      const speakerId = await userIdOf(demoAccounts.find((a) => a.role === 'speaker')!.email);
      const moderatorId = await userIdOf(demoAccounts.find((a) => a.role === 'moderator')!.email);
      const elsewhere = { stageId: stageId('Room C'), startsAt: at(0.5), endsAt: at(1) };
      const speakerMessage = await expectRefused(sessionBody({ ...elsewhere, speakerIds: [speakerId] }), 409, 'program.conflict', 'speakerIds');
      expect(speakerMessage).toContain('Dr. Sara Speaker');
      expect(speakerMessage).toContain('Opening keynote');
      const moderatorMessage = await expectRefused(sessionBody({ ...elsewhere, moderatorIds: [moderatorId] }), 409, 'program.conflict', 'moderatorIds');
      expect(moderatorMessage).toContain('Dr. Miguel Moderator');
    });

    it('refuses an accredited session without credits on maxCredits', async () => {
      await expectRefused(sessionBody({ accredited: true, maxCredits: null }), 400, 'request.invalid', 'maxCredits');
    });

    it('refuses a track or a stage of another conference on trackId or stageId', async () => {
      const other = await otherConference();
      await expectRefused(sessionBody({ trackId: other.track.id }), 400, 'request.invalid', 'trackId');
      await expectRefused(sessionBody({ stageId: other.stage.id }), 400, 'request.invalid', 'stageId');
    });

    it('refuses speakers and moderators who are not members of the conference', async () => {
      const { userId } = await newUser();
      await expectRefused(sessionBody({ speakerIds: [userId] }), 400, 'request.invalid', 'speakerIds');
      await expectRefused(sessionBody({ moderatorIds: [userId] }), 400, 'request.invalid', 'moderatorIds');
    });

    it('refuses an update into a taken slot and leaves the session as it was', async () => {
      const session = data(await api<ProgramSession>('POST', `${base}/sessions`, { cookie: organizer, body: sessionBody({ startsAt: at(9), endsAt: at(10) }) }));
      const reply = await api('PUT', `${base}/sessions/${session.id}`, { cookie: organizer, body: sessionBody({ startsAt: at(1), endsAt: at(2) }) });
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ ok: false, error: { code: 'program.conflict', fields: { startsAt: expect.stringContaining('Opening keynote') } } });
      expect(data(await api('GET', `${base}/sessions/${session.id}`, { cookie: organizer }))).toEqual(session);
      expect(data(await api('DELETE', `${base}/sessions/${session.id}`, { cookie: organizer }))).toEqual({});
    });

    it('404s an unknown session id and a session of another conference, for update and delete', async () => {
      const other = await otherConference();
      const foreign = data(
        await api<ProgramSession>('POST', `/api/conferences/${other.conference.id}/sessions`, {
          cookie: other.cookie,
          body: sessionBody({ stageId: other.stage.id, trackId: other.track.id }),
        }),
      );
      for (const sessionId of ['00000000-0000-4000-8000-000000000000', foreign.id]) {
        for (const method of ['PUT', 'DELETE']) {
          const reply = await api(method, `${base}/sessions/${sessionId}`, { cookie: organizer, ...(method === 'PUT' && { body: sessionBody() }) });
          expect(reply.status).toBe(404);
          expect(reply.body).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
        }
      }
      expect(data(await api('GET', `/api/conferences/${other.conference.id}/sessions/${foreign.id}`, { cookie: other.cookie }))).toEqual(foreign);
    });

    it('refuses session writes by speakers, attendees and organizers of another conference', async () => {
      const other = await otherConference();
      for (const cookie of [await t.signIn('speaker'), await t.signIn('attendee'), other.cookie]) {
        for (const [method, path] of [
          ['POST', `${base}/sessions`],
          ['PUT', `${base}/sessions/${t.keynoteId}`],
          ['DELETE', `${base}/sessions/${t.keynoteId}`],
        ] as const) {
          const reply = await api(method, path, { cookie, ...(method !== 'DELETE' && { body: sessionBody() }) });
          expect(reply.status).toBe(403);
          expect(reply.body).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
        }
      }
      expect(data(await api('GET', `${base}/sessions/${t.keynoteId}`, { cookie: organizer }))).toMatchObject({ title: 'Opening keynote: Sepsis care in 2026' });
    });
  });
});
