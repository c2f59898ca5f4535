import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { permits, requests, type Permission, type RequestName, type Role } from '@rounds/shared';
import { demoAccounts, demoConferenceSlug } from '../../src/db/seed';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

/**
 * The authorization matrix: every actor (each role, anonymous, and an organizer of another
 * conference) against every REST route and every socket request. A refusal is an
 * `auth.required` / `auth.forbidden` answer; anything else (success, validation error, not found)
 * means the permission check let the call through. Expected outcomes come from the permission each
 * action is declared with below, which is also checked against what the server declares.
 */

/** The reviewed permission of every REST route. A new route fails this test until it is listed here. */
const expectedRoutePermissions: Record<string, Permission['kind']> = {
  // Anyone: health, account entry points, public conference page, invitation preview.
  'GET /api/health': 'public',
  'POST /api/auth/register': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'GET /api/public/conferences/:slug': 'public',
  'GET /api/invitations/:token': 'public',
  // Any account: its own data, joining or creating conferences.
  'GET /api/me': 'signedIn',
  'GET /api/me/profile': 'signedIn',
  'PUT /api/me/profile': 'signedIn',
  'GET /api/conferences': 'signedIn',
  'POST /api/conferences': 'signedIn',
  'POST /api/conferences/:conferenceId/attend': 'signedIn',
  'POST /api/invitations/:token/accept': 'signedIn',
  // Members of the conference: read the program, keep a personal schedule.
  'GET /api/conferences/:conferenceId/program': 'member',
  'GET /api/conferences/:conferenceId/sessions/:sessionId': 'member',
  'PUT /api/conferences/:conferenceId/schedule/:sessionId': 'member',
  'DELETE /api/conferences/:conferenceId/schedule/:sessionId': 'member',
  // Organizers: the program, people, booths, invitations, and other people's profiles.
  'PUT /api/conferences/:conferenceId': 'organizer',
  'POST /api/conferences/:conferenceId/tracks': 'organizer',
  'PUT /api/conferences/:conferenceId/tracks/:trackId': 'organizer',
  'DELETE /api/conferences/:conferenceId/tracks/:trackId': 'organizer',
  'POST /api/conferences/:conferenceId/stages': 'organizer',
  'PUT /api/conferences/:conferenceId/stages/:stageId': 'organizer',
  'DELETE /api/conferences/:conferenceId/stages/:stageId': 'organizer',
  'POST /api/conferences/:conferenceId/sessions': 'organizer',
  'PUT /api/conferences/:conferenceId/sessions/:sessionId': 'organizer',
  'DELETE /api/conferences/:conferenceId/sessions/:sessionId': 'organizer',
  'GET /api/conferences/:conferenceId/members': 'organizer',
  'GET /api/conferences/:conferenceId/members/:userId/profile': 'organizer',
  'GET /api/conferences/:conferenceId/booths': 'organizer',
  'POST /api/conferences/:conferenceId/booths': 'organizer',
  'GET /api/conferences/:conferenceId/invitations': 'organizer',
  'POST /api/conferences/:conferenceId/invitations': 'organizer',
  'DELETE /api/conferences/:conferenceId/invitations/:invitationId': 'organizer',
  'GET /api/sessions/:sessionId/questions.csv': 'stageCrew',
  'GET /api/conferences/:conferenceId/recordings': 'organizer',
  'POST /api/sessions/:sessionId/recording/start': 'organizer',
  'POST /api/sessions/:sessionId/recording/stop': 'organizer',
  'POST /api/recordings/:recordingId/retry': 'organizer',
  'POST /api/recordings/:recordingId/publish': 'organizer',
  'POST /api/recordings/:recordingId/unpublish': 'organizer',
  'PUT /api/recordings/:recordingId/trim': 'organizer',
  'PUT /api/recordings/:recordingId/captions': 'organizer',
  'PUT /api/sessions/:sessionId/upload': 'stageCrew',
  'GET /api/conferences/:conferenceId/replays': 'member',
  'GET /api/recordings/:recordingId/replay': 'member',
  'PUT /api/recordings/:recordingId/position': 'member',
  'GET /media/recordings/:recordingId/*': 'member',
};

/** A valid payload per socket request (the permission is checked after the schema). */
const socketPayloads = (sessionId: string): { [N in RequestName]: unknown } => ({
  'stage.join': { sessionId },
  'stage.leave': { sessionId },
  'stage.stopPresenting': { sessionId },
  'media.createTransport': { sessionId, direction: 'recv' },
  'media.connectTransport': { sessionId, transportId: 'none', dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] } },
  'media.produce': { sessionId, transportId: 'none', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [{ mimeType: 'audio/opus' }] } },
  'media.consume': { sessionId, transportId: 'none', producerId: 'none', rtpCapabilities: {} },
  'media.resumeConsumer': { sessionId, consumerId: 'none' },
  'media.pauseConsumer': { sessionId, consumerId: 'none' },
  'media.setPreferredLayers': { sessionId, consumerId: 'none', spatialLayer: 1, temporalLayer: 2 },
  'media.setProducerPaused': { sessionId, producerId: 'none', paused: true },
  'media.closeProducer': { sessionId, producerId: 'none' },
  'stage.raiseHand': { sessionId, raised: true },
  'stage.inviteGuest': { sessionId, peerId: 'none' },
  'stage.removeGuest': { sessionId, peerId: 'none' },
  'qa.join': { sessionId },
  'qa.ask': { sessionId, text: 'Is there a role for procalcitonin?', anonymous: false },
  'qa.edit': { sessionId, questionId: unknownId, text: 'Edited question text' },
  'qa.withdraw': { sessionId, questionId: unknownId },
  'qa.vote': { sessionId, questionId: unknownId, voted: true },
  'qa.moderate': { sessionId, questionId: unknownId, action: 'answer' },
  'poll.list': { sessionId },
  'poll.create': { sessionId, question: 'Which vasopressor first?', options: ['Norepinephrine', 'Vasopressin'], multiple: false },
  'poll.launch': { sessionId, pollId: unknownId },
  'poll.close': { sessionId, pollId: unknownId },
  'poll.reveal': { sessionId, pollId: unknownId, revealed: true },
  'poll.vote': { sessionId, pollId: unknownId, optionIds: [unknownId] },
  'chat.list': { sessionId },
  'chat.send': { sessionId, text: 'Hello from the matrix' },
  'chat.delete': { sessionId, messageId: unknownId },
  'chat.mute': { sessionId, userId: unknownId, muted: true },
});

/** A well-formed id that names nothing. */
const unknownId = '00000000-0000-4000-8000-000000000000';

interface Actor {
  name: string;
  userId?: string;
  roles: Role[];
  /** Speaker or moderator of the keynote. */
  isCrew: boolean;
}

const refusalCodes = new Set(['auth.required', 'auth.forbidden']);

describe('authorization matrix', () => {
  let t: TestPlatform;
  let conferenceId: string;
  /** A failed recording of the keynote: its routes check the keynote's conference. */
  let recordingId: string;
  const actors: Actor[] = [];
  const unexpected: string[] = [];

  /** A fresh session cookie for the actor, written straight to the store (signing in 7 × N times would be slow). */
  async function cookieFor(actor: Actor): Promise<string | undefined> {
    if (!actor.userId) return undefined;
    const token = randomBytes(24).toString('base64url');
    await t.platform.database.db
      .insertInto('authSessions')
      .values({ tokenHash: createHash('sha256').update(token).digest('hex'), userId: actor.userId, expiresAt: new Date(Date.now() + 3600_000) })
      .execute();
    return `rounds_session=${token}`;
  }

  /** A session nobody else uses, far from the program's times. */
  async function scratchSession(): Promise<string> {
    const db = t.platform.database.db;
    const { stageId } = await db.selectFrom('sessions').select('stageId').where('id', '=', t.keynoteId).executeTakeFirstOrThrow();
    const startsAt = new Date(Date.UTC(2030, 0, 1, 9));
    const row = await db
      .insertInto('sessions')
      .values({ conferenceId, stageId, title: 'Scratch', startsAt, endsAt: new Date(startsAt.getTime() + 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.database.db;
    conferenceId = (await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
    const crew = await db.selectFrom('sessionPeople').select('userId').where('sessionId', '=', t.keynoteId).execute();
    actors.push({ name: 'anonymous', roles: [], isCrew: false });
    for (const account of demoAccounts) {
      const user = await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirstOrThrow();
      const roles = await db.selectFrom('conferenceMembers').select('role').where('userId', '=', user.id).where('conferenceId', '=', conferenceId).execute();
      actors.push({ name: account.role, userId: user.id, roles: roles.map((r) => r.role), isCrew: crew.some((c) => c.userId === user.id) });
    }
    // An organizer of a different conference: no role at all in the demo conference.
    const outsider = await db.insertInto('users').values({ email: 'outsider@elsewhere.test', name: 'Other Organizer', passwordHash: 'x' }).returning('id').executeTakeFirstOrThrow();
    const other = await db
      .insertInto('conferences')
      .values({ slug: 'elsewhere', name: 'Another meeting', timeZone: 'UTC', startsOn: '2026-01-01', endsOn: '2026-01-02' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('conferenceMembers').values({ conferenceId: other.id, userId: outsider.id, role: 'organizer' }).execute();
    actors.push({ name: 'outsider', userId: outsider.id, roles: [], isCrew: false });
    recordingId = (await db.insertInto('recordings').values({ sessionId: t.keynoteId, source: 'upload', status: 'failed' }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('recordingParts').values({ recordingId, role: 'upload', storageKey: `uploads/${recordingId}/source.mp4`, presenterId: null, nodeId: null, bytes: 1 }).execute();
  });

  afterAll(() => t.close());

  test('every REST route declares the reviewed permission', () => {
    const declared = Object.fromEntries(t.platform.routes.map((r) => [`${r.method} ${r.url}`, r.permission.kind]));
    delete declared['GET /*'];
    expect(declared).toEqual(expectedRoutePermissions);
  });

  // Runs before the REST rows: those end with `attend` and `accept`, which change the caller's roles.
  test('every actor against every socket request: 0 unexpected outcomes', async () => {
    const payloads = socketPayloads(t.keynoteId);
    for (const actor of actors) {
      const socket = await t.connect(await cookieFor(actor));
      for (const name of Object.keys(requests) as RequestName[]) {
        const ack = await socket.raw(name, payloads[name]);
        const refused = !ack.ok && refusalCodes.has(ack.error.code);
        const allowed = permits(requests[name].permission, { signedIn: Boolean(actor.userId), roles: actor.roles, isCrew: actor.isCrew });
        if (refused === allowed) unexpected.push(`${actor.name} ${name}: ${allowed ? 'refused' : 'let through'} (${ack.ok ? 'ok' : ack.error.code})`);
      }
      socket.disconnect();
    }
    expect(unexpected).toEqual([]);
  });

  test('every actor against every REST route: 0 unexpected outcomes', async () => {
    // Routes that change the caller's own standing run last, so they cannot colour the other rows.
    const lastly = (url: string) => /\/(attend|accept|sign-out)$/.test(url);
    const routes = [...t.platform.routes].filter((r) => r.url !== '/*').sort((a, b) => Number(lastly(a.url)) - Number(lastly(b.url)));
    let checked = 0;
    for (const actor of actors) {
      for (const route of routes) {
        // A delete that is let through really deletes: give it a session of its own.
        const sessionId = route.method === 'DELETE' && route.url.endsWith('/sessions/:sessionId') ? await scratchSession() : t.keynoteId;
        const path = route.url
          .replace(':conferenceId', conferenceId)
          .replace(':sessionId', sessionId)
          .replace(':recordingId', recordingId)
          .replace(':slug', demoConferenceSlug)
          .replace(':token', randomBytes(16).toString('hex'))
          .replace(/:\w+/g, () => randomUUID());
        const cookie = await cookieFor(actor);
        const response = await fetch(`${t.url}${path}`, {
          method: route.method,
          headers: { ...(cookie && { cookie }), ...(route.method !== 'GET' && route.method !== 'DELETE' && { 'content-type': 'application/json' }) },
          body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
        });
        const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
        const refused = refusalCodes.has(body.error?.code ?? '');
        const allowed = permits(route.permission, { signedIn: Boolean(actor.userId), roles: actor.roles, isCrew: actor.isCrew });
        if (refused === allowed) {
          unexpected.push(`${actor.name} ${route.method} ${route.url}: ${allowed ? 'refused' : 'let through'} (${response.status} ${body.error?.code ?? 'ok'})`);
        }
        checked++;
      }
    }
    expect(unexpected).toEqual([]);
    expect(checked).toBe(actors.length * routes.length);
  });
});
