import type { Identity, Member, Profile, ProfileBody } from '@rounds/shared';
import { demoAccounts, demoConferenceSlug } from '../../src/db/seed';
import { restClient } from '../helpers/rest-client';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

const completeProfile: ProfileBody = {
  name: 'Dr. Priya Patel',
  credentials: ['MD', 'PhD'],
  specialty: 'Infectious diseases',
  licenceState: 'IL',
  licenceNumber: '036-123456',
};

describe('clinician profiles and the people of a conference', () => {
  let t: TestPlatform;
  let conferenceId: string;
  let otherConferenceId: string;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let seq = 0;

  const rest = restClient(() => t.url);
  const { api, data, expectError } = rest;

  const register = () => rest.register({ email: `profile${++seq}@hospital.test`, password: 'a long enough passphrase', name: `Dr. Profile ${seq}` });

  const memberProfile = (userId: string, conference = conferenceId) => `/api/conferences/${conference}/members/${userId}/profile`;

  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.database.db;
    conferenceId = (await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
    for (const account of demoAccounts) {
      cookies[account.role] = await t.signIn(account.role);
      userIds[account.role] = (await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirstOrThrow()).id;
    }
    otherConferenceId = (
      await db
        .insertInto('conferences')
        .values({ slug: 'other-meeting', name: 'Another meeting', timeZone: 'UTC', startsOn: '2026-03-01', endsOn: '2026-03-02' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => t.close());

  describe('own profile', () => {
    it('starts with the account name and email and nothing else', async () => {
      const { identity, cookie } = await register();
      expect(data(await api<Profile>('GET', '/api/me/profile', { cookie }))).toEqual({
        userId: identity.userId,
        email: identity.email,
        name: identity.name,
        credentials: [],
        specialty: '',
        licenceState: null,
        licenceNumber: null,
      });
    });

    it('is saved by its owner and read back, with the new name used everywhere', async () => {
      const { identity, cookie } = await register();
      const saved = data(await api<Profile>('PUT', '/api/me/profile', { cookie, body: completeProfile }));
      expect(saved).toEqual({ ...completeProfile, userId: identity.userId, email: identity.email });
      expect(data(await api<Profile>('GET', '/api/me/profile', { cookie }))).toEqual(saved);
      expect(data(await api<Identity>('GET', '/api/me', { cookie })).name).toBe('Dr. Priya Patel');
    });

    it('stores blank licence fields as absent and repeated credentials once', async () => {
      const { cookie } = await register();
      const saved = data(await api<Profile>('PUT', '/api/me/profile', { cookie, body: { ...completeProfile, credentials: ['RN', 'RN'], licenceState: '  ', licenceNumber: '' } }));
      expect(saved).toEqual(expect.objectContaining({ credentials: ['RN'], licenceState: null, licenceNumber: null }));
    });

    it('refuses invalid values with a message per field and keeps the old profile', async () => {
      const { cookie } = await register();
      await api('PUT', '/api/me/profile', { cookie, body: completeProfile });
      const reply = await api('PUT', '/api/me/profile', { cookie, body: { ...completeProfile, name: ' ', credentials: ['Wizard'] } });
      expectError(reply, 400, 'request.invalid', { name: 'Enter your name.', 'credentials.0': expect.any(String) });
      expect(data(await api<Profile>('GET', '/api/me/profile', { cookie }))).toEqual(expect.objectContaining(completeProfile));
    });

    it('needs a signed-in account', async () => {
      expectError(await api('GET', '/api/me/profile'), 401, 'auth.required');
      expectError(await api('PUT', '/api/me/profile', { body: completeProfile }), 401, 'auth.required');
    });
  });

  describe("a member's profile", () => {
    it('is visible to an organizer of the conference', async () => {
      await api('PUT', '/api/me/profile', { cookie: cookies.speaker, body: { ...completeProfile, name: demoAccounts.find((a) => a.role === 'speaker')!.name } });
      const reply = await api<Profile>('GET', memberProfile(userIds.speaker!), { cookie: cookies.organizer });
      expect(data(reply)).toEqual(expect.objectContaining({ userId: userIds.speaker, email: 'speaker@demo.rounds.test', credentials: ['MD', 'PhD'], licenceNumber: '036-123456' }));
    });

    it.each(['attendee', 'speaker', 'moderator', 'exhibitor'])('is hidden from a %s of the same conference with auth.forbidden', async (role) => {
      const other = role === 'attendee' ? 'speaker' : 'attendee';
      expectError(await api('GET', memberProfile(userIds[other]!), { cookie: cookies[role] }), 403, 'auth.forbidden');
    });

    it('is hidden from anonymous callers and from organizers of another conference', async () => {
      expectError(await api('GET', memberProfile(userIds.attendee!)), 401, 'auth.required');
      const outsider = await register();
      await t.platform.database.db.insertInto('conferenceMembers').values({ conferenceId: otherConferenceId, userId: outsider.identity.userId, role: 'organizer' }).execute();
      expectError(await api('GET', memberProfile(userIds.attendee!), { cookie: outsider.cookie }), 403, 'auth.forbidden');
      // Asking through their own conference does not reach people outside it either.
      expectError(await api('GET', memberProfile(userIds.attendee!, otherConferenceId), { cookie: outsider.cookie }), 404, 'resource.notFound');
    });

    it('is not found for a person outside the conference, an unknown id or an unknown conference', async () => {
      const stranger = await register();
      expectError(await api('GET', memberProfile(stranger.identity.userId), { cookie: cookies.organizer }), 404, 'resource.notFound');
      expectError(await api('GET', memberProfile('0b0b3c2e-5f7a-4c1e-8d2b-6a1f0e9d8c7b'), { cookie: cookies.organizer }), 404, 'resource.notFound');
      expectError(await api('GET', memberProfile('not-a-uuid'), { cookie: cookies.organizer }), 404, 'resource.notFound');
      expectError(await api('GET', memberProfile(userIds.attendee!, '0b0b3c2e-5f7a-4c1e-8d2b-6a1f0e9d8c7b'), { cookie: cookies.organizer }), 404, 'resource.notFound');
    });
  });

  describe('members', () => {
    it('lists every member once with all their roles, for organizers', async () => {
      const attendeeToo = await register();
      await t.platform.database.db
        .insertInto('conferenceMembers')
        .values([
          { conferenceId, userId: attendeeToo.identity.userId, role: 'attendee' },
          { conferenceId, userId: attendeeToo.identity.userId, role: 'speaker' },
        ])
        .execute();
      const members = data(await api<Member[]>('GET', `/api/conferences/${conferenceId}/members`, { cookie: cookies.organizer }));
      for (const account of demoAccounts) {
        expect(members).toContainEqual(expect.objectContaining({ userId: userIds[account.role], email: account.email, roles: expect.arrayContaining([account.role]) }));
      }
      expect(members).toContainEqual({ userId: attendeeToo.identity.userId, name: attendeeToo.identity.name, email: attendeeToo.identity.email, roles: ['speaker', 'attendee'] });
      expect(new Set(members.map((m) => m.userId)).size).toBe(members.length);
    });

    it('are not listed to other roles', async () => {
      expectError(await api('GET', `/api/conferences/${conferenceId}/members`, { cookie: cookies.attendee }), 403, 'auth.forbidden');
      expectError(await api('GET', `/api/conferences/${conferenceId}/members`), 401, 'auth.required');
    });
  });

  describe('booths', () => {
    it('are created and listed by organizers', async () => {
      const created = data(await api<{ id: string; name: string }>('POST', `/api/conferences/${conferenceId}/booths`, { cookie: cookies.organizer, body: { name: ' PulmoTech ' } }));
      expect(created).toEqual({ id: expect.any(String), name: 'PulmoTech' });
      const foreign = await t.platform.database.db.insertInto('booths').values({ conferenceId: otherConferenceId, name: 'Elsewhere Pharma' }).returning(['id', 'name']).executeTakeFirstOrThrow();
      const listed = data(await api<{ id: string; name: string }[]>('GET', `/api/conferences/${conferenceId}/booths`, { cookie: cookies.organizer }));
      expect(listed).toContainEqual(created);
      expect(listed).not.toContainEqual(foreign);
    });

    it('need a name', async () => {
      expectError(await api('POST', `/api/conferences/${conferenceId}/booths`, { cookie: cookies.organizer, body: { name: '' } }), 400, 'request.invalid', { name: 'Enter the booth name.' });
    });

    it('are managed by organizers only', async () => {
      expectError(await api('GET', `/api/conferences/${conferenceId}/booths`, { cookie: cookies.exhibitor }), 403, 'auth.forbidden');
      expectError(await api('POST', `/api/conferences/${conferenceId}/booths`, { cookie: cookies.exhibitor, body: { name: 'Rogue booth' } }), 403, 'auth.forbidden');
    });
  });
});
