import {
  collectNotifications,
  nextNotification,
  okData,
  opusRtpParameters,
  produceOnStage,
  vp8SimulcastRtpParameters,
  type TestPlatform,
} from '../helpers/test-platform';
import { useStageTestbed } from '../helpers/stage-testbed';

/** Presenters' own streams (pause, resume, close) and viewers' own consumers (pause, resume, layers), on a real mediasoup worker. */
describe('live stage: streams and consumers', () => {
  const bed = useStageTestbed();
  const { connect, join } = bed;
  let t: TestPlatform;
  let sessionId: string;
  beforeAll(() => ({ t, sessionId } = bed));

  const room = async () => (await t.platform.stages.existingRoom(sessionId))!;
  const microphone = (ssrc: number) => ({ kind: 'audio' as const, source: 'microphone' as const, rtpParameters: opusRtpParameters(ssrc) });

  /** A viewer's receive transport and a paused consumer of the producer, using the router's own capabilities as the device's. */
  async function consume(viewer: Awaited<ReturnType<typeof join>>, producerId: string) {
    const { transportId } = okData(await viewer.socket.request('media.createTransport', { sessionId, direction: 'recv' }));
    const rtpCapabilities = viewer.routerRtpCapabilities;
    return okData(await viewer.socket.request('media.consume', { sessionId, transportId, producerId, rtpCapabilities }));
  }

  test('a connection re-entering a stage (leave, join, transport sent without waiting) is served in the order it asked', async () => {
    const speaker = await join('speaker');
    const sent = [
      speaker.socket.request('stage.leave', { sessionId }),
      speaker.socket.request('stage.join', { sessionId }),
      speaker.socket.request('media.createTransport', { sessionId, direction: 'send' }),
    ];
    const [left, rejoined, transport] = await Promise.all(sent);
    expect(left).toEqual({ ok: true, data: {} });
    expect(rejoined).toMatchObject({ ok: true, data: { peerId: speaker.peerId } });
    expect(transport).toMatchObject({ ok: true, data: { transportId: expect.any(String) } });
    expect((await room()).peerCount).toBe(1);
  });

  test('a presenter pauses and resumes its stream: the whole stage hears each change once', async () => {
    const speaker = await join('speaker');
    const { producerId } = await produceOnStage(speaker.socket, sessionId, microphone(1111));
    const attendee = await join('attendee');
    const paused = collectNotifications(attendee.socket, 'stage.producerPaused');
    const resumed = nextNotification(attendee.socket, 'stage.producerResumed');
    const speakerHears = nextNotification(speaker.socket, 'stage.producerPaused');

    expect(await speaker.socket.request('media.setProducerPaused', { sessionId, producerId, paused: true })).toEqual({ ok: true, data: {} });
    expect(await speakerHears).toEqual({ sessionId, producerId });
    expect((await room()).pausedProducerIds()).toEqual([producerId]);
    // Pausing what is already paused is acknowledged, but tells nobody anything.
    expect(await speaker.socket.request('media.setProducerPaused', { sessionId, producerId, paused: true })).toEqual({ ok: true, data: {} });
    expect(await speaker.socket.request('media.setProducerPaused', { sessionId, producerId, paused: false })).toEqual({ ok: true, data: {} });

    expect(await resumed).toEqual({ sessionId, producerId });
    expect(paused).toEqual([{ sessionId, producerId }]);
    expect((await room()).pausedProducerIds()).toEqual([]);
  });

  test('a viewer who joins while a stream is paused is told so right after the join ack', async () => {
    const speaker = await join('speaker');
    const { producerId } = await produceOnStage(speaker.socket, sessionId, microphone(1112));
    okData(await speaker.socket.request('media.setProducerPaused', { sessionId, producerId, paused: true }));

    const late = await connect('attendee');
    const order: string[] = [];
    late.on('stage.producerPaused', (payload) => order.push(`paused ${payload.producerId}`));
    const told = nextNotification(late, 'stage.producerPaused');
    // The ack callback itself records the order: several frames can arrive in one read, before any promise settles.
    const ack = await new Promise((resolve) =>
      late.emit('stage.join', { sessionId }, (answer) => {
        order.push('join ack');
        resolve(answer);
      }),
    );

    expect(ack).toMatchObject({ ok: true, data: { producers: [expect.objectContaining({ producerId, kind: 'audio', source: 'microphone' })] } });
    expect(await told).toEqual({ sessionId, producerId });
    expect(order).toEqual(['join ack', `paused ${producerId}`]);
  });

  test('nobody may pause or close a stream that is not their own: media.producerNotFound, and it stays on air', async () => {
    const speaker = await join('speaker');
    const { producerId } = await produceOnStage(speaker.socket, sessionId, microphone(1113));
    const moderator = await join('moderator');
    const attendee = await join('attendee');
    const paused = collectNotifications(attendee.socket, 'stage.producerPaused');
    const closed = collectNotifications(attendee.socket, 'stage.producerClosed');

    for (const other of [moderator.socket, attendee.socket]) {
      expect(await other.request('media.closeProducer', { sessionId, producerId })).toEqual({
        ok: false,
        error: { code: 'media.producerNotFound', message: `No stream ${producerId} of this peer` },
      });
      expect(await other.request('media.setProducerPaused', { sessionId, producerId, paused: true })).toMatchObject({
        ok: false,
        error: { code: 'media.producerNotFound' },
      });
    }
    expect((await room()).producers().map((p) => p.producerId)).toEqual([producerId]);
    expect((await room()).pausedProducerIds()).toEqual([]);

    // The presenter itself may close it: the stage hears producerClosed, then ended (nothing else is on air).
    const ended = nextNotification(attendee.socket, 'stage.ended');
    expect(await speaker.socket.request('media.closeProducer', { sessionId, producerId })).toEqual({ ok: true, data: {} });
    expect(await ended).toEqual({ sessionId });
    expect(closed).toEqual([{ sessionId, producerId }]);
    expect(paused).toEqual([]);
    expect(await speaker.socket.request('media.closeProducer', { sessionId, producerId })).toMatchObject({
      ok: false,
      error: { code: 'media.producerNotFound' },
    });
  });

  test('a viewer pauses and resumes its own consumers only (audio-only mode)', async () => {
    const speaker = await join('speaker');
    const { producerId } = await produceOnStage(speaker.socket, sessionId, microphone(1114));
    const attendee = await join('attendee');
    const exhibitor = await join('exhibitor');
    const { consumerId } = await consume(attendee, producerId);
    const consumer = (await room()).peer(attendee.peerId).consumer(consumerId);
    expect(consumer.paused).toBe(true);

    expect(await attendee.socket.request('media.resumeConsumer', { sessionId, consumerId })).toEqual({ ok: true, data: {} });
    expect(consumer.paused).toBe(false);
    expect(await attendee.socket.request('media.pauseConsumer', { sessionId, consumerId })).toEqual({ ok: true, data: {} });
    expect(consumer.paused).toBe(true);
    expect((await consumer.dump()) as { paused: boolean }).toMatchObject({ paused: true });

    for (const name of ['media.pauseConsumer', 'media.resumeConsumer'] as const) {
      expect(await exhibitor.socket.request(name, { sessionId, consumerId })).toEqual({
        ok: false,
        error: { code: 'media.consumerNotFound', message: `No consumer ${consumerId} on this peer` },
      });
    }
    expect(consumer.paused).toBe(true);
  });

  test('a simulcast viewer starts on the middle layer and may choose another; a single-stream consumer acks the choice and ignores it', async () => {
    const speaker = await join('speaker');
    const camera = await produceOnStage(speaker.socket, sessionId, { kind: 'video', source: 'camera', rtpParameters: vp8SimulcastRtpParameters(2000) });
    const voice = await produceOnStage(speaker.socket, sessionId, microphone(1115));
    const attendee = await join('attendee');
    const exhibitor = await join('exhibitor');

    const video = await consume(attendee, camera.producerId);
    const consumer = (await room()).peer(attendee.peerId).consumer(video.consumerId);
    expect(consumer.type).toBe('simulcast');
    // The worker's own view of the consumer, not what the server asked for.
    const layers = async () => ((await consumer.dump()) as { preferredSpatialLayer: number; preferredTemporalLayer: number });
    expect(await layers()).toMatchObject({ preferredSpatialLayer: 1 });

    expect(await attendee.socket.request('media.setPreferredLayers', { sessionId, consumerId: video.consumerId, spatialLayer: 2, temporalLayer: 0 })).toEqual({
      ok: true,
      data: {},
    });
    expect(await layers()).toMatchObject({ preferredSpatialLayer: 2, preferredTemporalLayer: 0 });
    expect(await exhibitor.socket.request('media.setPreferredLayers', { sessionId, consumerId: video.consumerId, spatialLayer: 0 })).toMatchObject({
      ok: false,
      error: { code: 'media.consumerNotFound' },
    });
    expect(await layers()).toMatchObject({ preferredSpatialLayer: 2 });

    const audio = await consume(attendee, voice.producerId);
    expect((await room()).peer(attendee.peerId).consumer(audio.consumerId).type).toBe('simple');
    expect(await attendee.socket.request('media.setPreferredLayers', { sessionId, consumerId: audio.consumerId, spatialLayer: 0 })).toEqual({
      ok: true,
      data: {},
    });
  });
});
