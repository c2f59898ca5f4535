import { maxRequestBytes } from '@rounds/shared';
import { capturingLogger } from '../helpers/log-capture';
import { startTestPlatform, type TestPlatform, type TestSocket } from '../helpers/test-platform';

describe('signalling contract', () => {
  let t: TestPlatform;
  let attendee: TestSocket;
  const { logger, lines } = capturingLogger('info');

  beforeAll(async () => {
    t = await startTestPlatform({}, logger);
    attendee = await t.connect(await t.signIn('attendee'));
  });
  afterAll(() => t.close());

  const logged = (code: string) => lines.some((l) => l.code === code && typeof l.event === 'string');

  test('an unknown event gets request.unknownEvent and a log line', async () => {
    const ack = await attendee.raw('stage.teleport', { sessionId: t.keynoteId });
    expect(ack).toEqual({ ok: false, error: { code: 'request.unknownEvent', message: 'Unknown request "stage.teleport"' } });
    expect(logged('request.unknownEvent')).toBe(true);
  });

  test('a malformed payload gets request.invalid naming the field', async () => {
    const ack = await attendee.raw('stage.join', { sessionId: 'not-a-uuid' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(!ack.ok && ack.error.message).toMatch(/^sessionId: /);
    expect(await attendee.raw('media.createTransport', 'just a string')).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(logged('request.invalid')).toBe(true);
  });

  test('an oversized payload gets request.tooLarge and the connection stays usable', async () => {
    const ack = await attendee.raw('stage.join', { sessionId: t.keynoteId, padding: 'x'.repeat(maxRequestBytes + 1) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'request.tooLarge' } });
    expect(logged('request.tooLarge')).toBe(true);
    const join = await attendee.request('stage.join', { sessionId: t.keynoteId });
    expect(join).toMatchObject({ ok: true, data: { sessionId: t.keynoteId, canPresent: false, producers: [] } });
  });

  test('an anonymous socket gets auth.required', async () => {
    const anonymous = await t.connect();
    expect(await anonymous.request('stage.join', { sessionId: t.keynoteId })).toEqual({
      ok: false,
      error: { code: 'auth.required', message: 'Sign in first.' },
    });
  });

  test('an unknown session gets resource.notFound', async () => {
    const ack = await attendee.request('stage.join', { sessionId: '00000000-0000-4000-8000-000000000000' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'resource.notFound' } });
  });

  test('an attendee cannot open a send transport or produce, and nothing is created', async () => {
    await attendee.request('stage.join', { sessionId: t.keynoteId });
    expect(await attendee.request('media.createTransport', { sessionId: t.keynoteId, direction: 'send' })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    const produce = await attendee.request('media.produce', {
      sessionId: t.keynoteId,
      transportId: 'any',
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8' }] },
    });
    expect(produce).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const room = await t.platform.stages.existingRoom(t.keynoteId);
    expect(room).toBeDefined();
    expect(room!.producers()).toHaveLength(0);
  });

  test('a request without an ack callback is logged and ignored, and the server still answers', async () => {
    (attendee.emit as (event: string) => void)('stage.join');
    const ack = await attendee.request('stage.join', { sessionId: t.keynoteId });
    expect(ack.ok).toBe(true);
    expect(lines.some((l) => l.msg === 'request without ack callback ignored')).toBe(true);
  });
});
