import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { types } from 'mediasoup';
import {
  attachPlainSendTransport,
  nextNotification,
  okData,
  opusRtpParameters,
  startTestPlatform,
  type TestPlatform,
  type TestSocket,
} from '../helpers/test-platform';

const ssrc = 5151;

/** Real Opus RTP from ffmpeg into a UDP port, until killed. */
function sendTone(port: number): ChildProcess {
  return spawn(
    process.env.FFMPEG_BIN ?? 'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-ac', '2']
      .concat(['-c:a', 'libopus', '-b:a', '48k', '-payload_type', '100', '-ssrc', String(ssrc), '-f', 'rtp', `rtp://127.0.0.1:${port}`]),
    { stdio: 'ignore' },
  );
}

/** Resolves with the next producer created on any transport of the router. */
function nextProducerOn(router: types.Router): Promise<types.Producer> {
  return new Promise((resolve) => {
    router.observer.on('newtransport', (transport: types.Transport) => transport.observer.once('newproducer', resolve));
  });
}

async function bytesReceived(producer: types.Producer): Promise<number> {
  return (await producer.getStats()).reduce((sum, stat) => sum + stat.byteCount, 0);
}

/** Waits until the producer has received more bytes than `after`, polling its worker's stats. */
async function waitForBytes(producer: types.Producer, after: number): Promise<number> {
  for (;;) {
    const bytes = await bytesReceived(producer);
    if (bytes > after) return bytes;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two server nodes (in one process here; `e2e/stage-two-nodes.test.ts` runs them as two processes)
 * sharing PostgreSQL and Redis: a speaker presents on node A, a viewer watches on node B, and the
 * stream reaches B's router through a pair of PipeTransports set up over Redis.
 */
describe('live stage across two server nodes', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  let tone: ChildProcess | undefined;
  let sessionId: string;

  beforeAll(async () => {
    a = await startTestPlatform();
    b = await startTestPlatform({ REDIS_PREFIX: a.config.REDIS_PREFIX, DATABASE_SCHEMA: a.config.DATABASE_SCHEMA });
    sessionId = a.keynoteId;
  });
  afterAll(async () => {
    tone?.kill('SIGKILL');
    await b?.close();
    await a?.close();
  });

  async function joined(t: TestPlatform, role: 'speaker' | 'attendee'): Promise<{ socket: TestSocket; peerId: string; producers: { producerId: string }[]; caps: unknown }> {
    const socket = await t.connect(await t.signIn(role));
    const answer = okData(await socket.request('stage.join', { sessionId }));
    return { socket, peerId: answer.peerId, producers: answer.producers, caps: answer.routerRtpCapabilities };
  }

  test('a viewer on node B lists, receives and follows a stream presented on node A', async () => {
    const speaker = await joined(a, 'speaker');
    const { transportId, port } = await attachPlainSendTransport(a, sessionId, speaker.peerId);
    const { producerId } = okData(
      await speaker.socket.request('media.produce', { sessionId, transportId, kind: 'audio', source: 'microphone', rtpParameters: opusRtpParameters(ssrc) }),
    );
    tone = sendTone(port);

    const viewer = await joined(b, 'attendee');
    expect(viewer.producers.map((p) => p.producerId)).toEqual([producerId]);

    const roomB = (await b.platform.stages.existingRoom(sessionId))!;
    const imported = nextProducerOn(roomB.router);
    const { transportId: recvId } = okData(await viewer.socket.request('media.createTransport', { sessionId, direction: 'recv' }));
    const consumer = okData(
      await viewer.socket.request('media.consume', { sessionId, transportId: recvId, producerId, rtpCapabilities: viewer.caps as never }),
    );
    expect(consumer.producerId).toBe(producerId);

    // The same stream, under the same id, now arrives on node B's router: real packets from ffmpeg via A.
    const piped = await imported;
    expect(piped.id).toBe(producerId);
    const bytes = await waitForBytes(piped, 0);
    await waitForBytes(piped, bytes);
    expect(a.platform.cluster.exportCount).toBe(1);

    // Muting on A pauses the piped stream on B, and B's viewer hears of it from A through the socket.io Redis adapter.
    const pausedOnB = once(piped.observer, 'pause');
    const viewerHearsPause = nextNotification(viewer.socket, 'stage.producerPaused');
    okData(await speaker.socket.request('media.setProducerPaused', { sessionId, producerId, paused: true }));
    await pausedOnB;
    expect(await viewerHearsPause).toEqual({ sessionId, producerId });

    // A second viewer joining B now is told the stream is paused.
    const late = await b.connect(await b.signIn('moderator'));
    const lateHearsPaused = nextNotification(late, 'stage.producerPaused');
    okData(await late.request('stage.join', { sessionId }));
    expect(await lateHearsPaused).toEqual({ sessionId, producerId });
    late.disconnect();

    // The speaker leaves: the stream ends on B too, and B's viewer is told.
    const closedOnB = once(piped.observer, 'close');
    const viewerHearsClose = nextNotification(viewer.socket, 'stage.producerClosed');
    okData(await speaker.socket.request('stage.leave', { sessionId }));
    await closedOnB;
    expect(await viewerHearsClose).toEqual({ sessionId, producerId });
    tone.kill('SIGKILL');

    // B's last viewer leaving closes B's room and tells A to drop its side of the pipe.
    okData(await viewer.socket.request('stage.leave', { sessionId }));
    expect(await b.platform.stages.existingRoom(sessionId)).toBeUndefined();
  });

  test('a stream that ends before the pipe is asked for gives the viewer media.producerNotFound and leaves nothing behind', async () => {
    const speaker = await joined(a, 'speaker');
    const { transportId, port } = await attachPlainSendTransport(a, sessionId, speaker.peerId);
    const { producerId } = okData(
      await speaker.socket.request('media.produce', { sessionId, transportId, kind: 'audio', source: 'microphone', rtpParameters: opusRtpParameters(ssrc) }),
    );
    expect(port).toBeGreaterThan(0);
    const viewer = await joined(b, 'attendee');
    expect(viewer.producers.map((p) => p.producerId)).toEqual([producerId]);
    okData(await speaker.socket.request('media.closeProducer', { sessionId, producerId }));

    const { transportId: recvId } = okData(await viewer.socket.request('media.createTransport', { sessionId, direction: 'recv' }));
    const answer = await viewer.socket.request('media.consume', { sessionId, transportId: recvId, producerId, rtpCapabilities: viewer.caps as never });
    expect(answer).toMatchObject({ ok: false, error: { code: 'media.producerNotFound' } });
    const roomB = (await b.platform.stages.existingRoom(sessionId))!;
    const dump = (await roomB.router.dump()) as { mapProducerIdConsumerIds: Record<string, string[]> };
    expect(dump.mapProducerIdConsumerIds).toEqual({});
    okData(await viewer.socket.request('stage.leave', { sessionId }));
    okData(await speaker.socket.request('stage.leave', { sessionId }));
  });

  test('when node A dies without a word (heartbeat gone), node B drops the pipe and tells its viewers the stream ended', async () => {
    const speaker = await joined(a, 'speaker');
    const { transportId } = await attachPlainSendTransport(a, sessionId, speaker.peerId);
    const { producerId } = okData(
      await speaker.socket.request('media.produce', { sessionId, transportId, kind: 'audio', source: 'microphone', rtpParameters: opusRtpParameters(ssrc) }),
    );
    const viewer = await joined(b, 'attendee');
    const roomB = (await b.platform.stages.existingRoom(sessionId))!;
    const imported = nextProducerOn(roomB.router);
    const { transportId: recvId } = okData(await viewer.socket.request('media.createTransport', { sessionId, direction: 'recv' }));
    okData(await viewer.socket.request('media.consume', { sessionId, transportId: recvId, producerId, rtpCapabilities: viewer.caps as never }));
    const piped = await imported;

    // A's heartbeat stops and its key goes, but its rooms and directory entries stay: as after a crash.
    const ended = nextNotification(viewer.socket, 'stage.producerClosed');
    await a.platform.bus.close();
    expect(await ended).toEqual({ sessionId, producerId });
    expect(piped.closed).toBe(true);
    expect(await b.platform.cluster.directory.find(sessionId, producerId)).toBeUndefined();
  }, 15_000);
});
