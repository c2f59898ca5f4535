import type { Invitation, InvitationPreview, Me } from '@rounds/shared';
import { demoConferenceSlug } from '../../src/db/seed';
import { restClient } from '../helpers/rest-client';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

describe('invitations', () => {
  let t: TestPlatform;
  let conferenceId: string;
  let otherConferenceId: string;
  let organizer: string;
  let seq = 0;

  const rest = restClient(() => t.url);
  const { api, data, expectError } = rest;

  const register = (email = `invitee${++seq}@hospital.test`) => rest.register({ email, password: 'a long enough passphrase', name: `Dr. Invitee ${seq}` });

  const invitations = (conference = conferenceId) => `/api/conferences/${conference}/invitations`;

  async function invite(body: Partial<{ role: string; email: string | null; boothId: string | null }> = {}): Promise<{ invitation: Invitation; token: string }> {
    const reply = await api<Invitation>('POST', invitations(), { cookie: organizer, body: { role: 'speaker', email: null, boothId: null, ...body } });
    expect(reply.status).toBe(201);
    const invitation = data(reply);
    return { invitation, token: invitation.link!.split('/#/invite/')[1]! };
  }

  async function createBooth(conference: string, name: string): Promise<string> {
    const booth = await t.platform.database.db.insertInto('booths').values({ conferenceId: conference, name }).returning('id').executeTakeFirstOrThrow();
    return booth.id;
  }

  async function membershipsOf(cookie: string): Promise<Me['memberships']> {
    return data(await api<Me>('GET', '/api/me', { cookie })).memberships;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.database.db;
    conferenceId = (await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
    otherConferenceId = (
      await db
        .insertInto('conferences')
        .values({ slug: 'other-meeting', name: 'Another meeting', timeZone: 'UTC', startsOn: '2026-03-01', endsOn: '2026-03-02' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    organizer = await t.signIn('organizer');
  });
  afterAll(() => t.close());

  it('gives an organizer a link for a speaker invitation; only the token hash is stored', async () => {
    const reply = await api<Invitation>('POST', invitations(), { cookie: organizer, body: { role: 'speaker', email: null, boothId: null } });
    expect(reply.status).toBe(201);
    const invitation = data(reply);
    expect(invitation).toEqual({
      id: expect.any(String),
      role: 'speaker',
      email: null,
      boothId: null,
      expiresAt: expect.any(String),
      acceptedBy: null,
      link: expect.stringMatching(new RegExp(`^${t.url}/#/invite/[\\w-]{40,}$`)),
    });
    expect(Date.parse(invitation.expiresAt)).toBeGreaterThan(Date.now() + 7 * 24 * 3600_000);
    const token = invitation.link!.split('/#/invite/')[1]!;
    const stored = await t.platform.database.db.selectFrom('invitations').select('tokenHash').where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toBe(token);
  });

  it('shows anyone, signed in or not, the conference name and the role of an invitation', async () => {
    const { token } = await invite({ role: 'moderator' });
    const { name } = await t.platform.database.db.selectFrom('conferences').select('name').where('id', '=', conferenceId).executeTakeFirstOrThrow();
    const preview = await api<InvitationPreview>('GET', `/api/invitations/${token}`);
    expect(preview.body).toEqual({ ok: true, data: { conferenceName: name, role: 'moderator', expired: false, accepted: false } });
  });

  it('lets a newly registered person accept, after which they hold the speaker role; the link then is used up', async () => {
    const { token, invitation } = await invite({ role: 'speaker' });
    const { identity, cookie } = await register();
    expect(await membershipsOf(cookie)).toEqual([]);

    const accepted = await api(`POST`, `/api/invitations/${token}/accept`, { cookie });
    expect(accepted.body).toEqual({ ok: true, data: { conferenceId, role: 'speaker' } });
    expect(await membershipsOf(cookie)).toEqual([{ conferenceId, role: 'speaker', boothId: null }]);

    expect(data(await api<InvitationPreview>('GET', `/api/invitations/${token}`))).toEqual(expect.objectContaining({ accepted: true }));
    const listed = data(await api<Invitation[]>('GET', invitations(), { cookie: organizer })).find((i) => i.id === invitation.id);
    expect(listed).toEqual({ ...invitation, link: undefined, acceptedBy: identity.userId });

    expectError(await api('POST', `/api/invitations/${token}/accept`, { cookie }), 410, 'auth.invalidToken');
    const latecomer = await register();
    expectError(await api('POST', `/api/invitations/${token}/accept`, { cookie: latecomer.cookie }), 410, 'auth.invalidToken');
    expect(await membershipsOf(latecomer.cookie)).toEqual([]);
  });

  it('needs a signed-in account to accept', async () => {
    const { token } = await invite();
    expectError(await api('POST', `/api/invitations/${token}/accept`), 401, 'auth.required');
  });

  it('lets only the named account accept an invitation bound to an email', async () => {
    const { token } = await invite({ role: 'moderator', email: 'Named.Moderator@Hospital.TEST' });
    const stranger = await register();
    const refused = await api('POST', `/api/invitations/${token}/accept`, { cookie: stranger.cookie });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ ok: false, error: { code: 'auth.forbidden', message: expect.stringMatching(/another email address/) } });
    expect(await membershipsOf(stranger.cookie)).toEqual([]);

    const named = await register('named.moderator@hospital.test');
    expect(data(await api('POST', `/api/invitations/${token}/accept`, { cookie: named.cookie }))).toEqual({ conferenceId, role: 'moderator' });
  });

  it('puts accepted exhibitor staff in the booth of their invitation', async () => {
    const boothId = await createBooth(conferenceId, 'CardioDevices Inc.');
    const { invitation, token } = await invite({ role: 'exhibitor', boothId });
    expect(invitation.boothId).toBe(boothId);
    const { cookie } = await register();
    expect(data(await api('POST', `/api/invitations/${token}/accept`, { cookie }))).toEqual({ conferenceId, role: 'exhibitor' });
    expect(await membershipsOf(cookie)).toEqual([{ conferenceId, role: 'exhibitor', boothId }]);
  });

  it('refuses an exhibitor invitation without a booth, or with a booth of another conference, on the boothId field', async () => {
    const before = data(await api<Invitation[]>('GET', invitations(), { cookie: organizer })).length;
    expectError(await api('POST', invitations(), { cookie: organizer, body: { role: 'exhibitor', email: null, boothId: null } }), 400, 'request.invalid', {
      boothId: 'Choose the booth this person will staff.',
    });
    const foreignBooth = await createBooth(otherConferenceId, 'Elsewhere Pharma');
    expectError(await api('POST', invitations(), { cookie: organizer, body: { role: 'exhibitor', email: null, boothId: foreignBooth } }), 400, 'request.invalid', {
      boothId: 'This booth is not part of this conference.',
    });
    expect(data(await api<Invitation[]>('GET', invitations(), { cookie: organizer }))).toHaveLength(before);
  });

  it('refuses a booth on an invitation for any other role', async () => {
    const boothId = await createBooth(conferenceId, 'NeuroScan');
    expectError(await api('POST', invitations(), { cookie: organizer, body: { role: 'speaker', email: null, boothId } }), 400, 'request.invalid', {
      boothId: 'Only exhibitor staff belong to a booth.',
    });
  });

  it('refuses an unknown role or malformed email with request.invalid per field', async () => {
    const reply = await api('POST', invitations(), { cookie: organizer, body: { role: 'attendee', email: 'nope', boothId: null } });
    expectError(reply, 400, 'request.invalid', { role: expect.any(String), email: 'Enter a valid email address.' });
  });

  it('lets only organizers of the conference create or list invitations', async () => {
    const body = { role: 'speaker', email: null, boothId: null };
    for (const role of ['attendee', 'speaker', 'moderator', 'exhibitor'] as const) {
      const cookie = await t.signIn(role);
      expectError(await api('POST', invitations(), { cookie, body }), 403, 'auth.forbidden');
      expectError(await api('GET', invitations(), { cookie }), 403, 'auth.forbidden');
    }
    expectError(await api('POST', invitations(), { body }), 401, 'auth.required');
    // The demo organizer has no role in the other conference.
    expectError(await api('POST', invitations(otherConferenceId), { cookie: organizer, body }), 403, 'auth.forbidden');
  });

  it('lets an organizer revoke an invitation only before it is accepted', async () => {
    const pending = await invite();
    expect((await api(`DELETE`, `${invitations()}/${pending.invitation.id}`, { cookie: organizer })).body).toEqual({ ok: true, data: {} });
    expectError(await api('GET', `/api/invitations/${pending.token}`), 410, 'auth.invalidToken');
    const { cookie } = await register();
    expectError(await api('POST', `/api/invitations/${pending.token}/accept`, { cookie }), 410, 'auth.invalidToken');
    expect(data(await api<Invitation[]>('GET', invitations(), { cookie: organizer })).map((i) => i.id)).not.toContain(pending.invitation.id);

    const used = await invite();
    await api('POST', `/api/invitations/${used.token}/accept`, { cookie });
    const late = await api('DELETE', `${invitations()}/${used.invitation.id}`, { cookie: organizer });
    expectError(late, 400, 'request.invalid');
    expect(await membershipsOf(cookie)).toEqual([{ conferenceId, role: 'speaker', boothId: null }]);
  });

  it('answers a revoke of an unknown invitation, or one of another conference, with resource.notFound', async () => {
    expectError(await api('DELETE', `${invitations()}/not-a-uuid`, { cookie: organizer }), 404, 'resource.notFound');
    expectError(await api('DELETE', `${invitations()}/7d1f4a36-3a59-4c5e-9a43-8f7c2d4c1b10`, { cookie: organizer }), 404, 'resource.notFound');
    const db = t.platform.database.db;
    const organizerId = (await db.selectFrom('users').select('id').where('email', '=', 'organizer@demo.rounds.test').executeTakeFirstOrThrow()).id;
    const foreign = await db
      .insertInto('invitations')
      .values({ tokenHash: 'foreign', conferenceId: otherConferenceId, role: 'speaker', invitedBy: organizerId, expiresAt: new Date(Date.now() + 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expectError(await api('DELETE', `${invitations()}/${foreign.id}`, { cookie: organizer }), 404, 'resource.notFound');
  });

  it('shows an expired invitation as expired and refuses to accept it', async () => {
    const { invitation, token } = await invite();
    await t.platform.database.db.updateTable('invitations').set({ expiresAt: new Date(Date.now() - 1000) }).where('id', '=', invitation.id).execute();
    expect(data(await api<InvitationPreview>('GET', `/api/invitations/${token}`))).toEqual(expect.objectContaining({ expired: true, accepted: false }));
    const { cookie } = await register();
    expectError(await api('POST', `/api/invitations/${token}/accept`, { cookie }), 410, 'auth.invalidToken');
    expect(await membershipsOf(cookie)).toEqual([]);
  });

  it('answers an unknown link with auth.invalidToken', async () => {
    const { cookie } = await register();
    expectError(await api('GET', '/api/invitations/no-such-token'), 410, 'auth.invalidToken');
    expectError(await api('POST', '/api/invitations/no-such-token/accept', { cookie }), 410, 'auth.invalidToken');
  });

  describe('attending', () => {
    it('registers a signed-in person as an attendee, and a second time changes nothing', async () => {
      const { cookie } = await register();
      for (let i = 0; i < 2; i++) {
        expect((await api('POST', `/api/conferences/${conferenceId}/attend`, { cookie })).body).toEqual({ ok: true, data: { conferenceId, role: 'attendee' } });
      }
      expect(await membershipsOf(cookie)).toEqual([{ conferenceId, role: 'attendee', boothId: null }]);
    });

    it('needs a signed-in account and an existing conference', async () => {
      expectError(await api('POST', `/api/conferences/${conferenceId}/attend`), 401, 'auth.required');
      const { cookie } = await register();
      expectError(await api('POST', '/api/conferences/7d1f4a36-3a59-4c5e-9a43-8f7c2d4c1b10/attend', { cookie }), 404, 'resource.notFound');
    });
  });
});
