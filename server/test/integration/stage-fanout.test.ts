import { okData, opusRtpParameters, produceOnStage, startTestPlatform, type TestPlatform } from '../helpers/test-platform';

/** A budget of two consumers per router, so the third viewer must go to a router on the other worker. */
describe('stage fan-out across workers', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ MEDIASOUP_WORKERS: '2', STAGE_CONSUMER_BUDGET: '2' });
  });
  afterAll(() => t.close());

  test('viewers past the router budget are served from a router on another worker, fed by pipeToRouter', async () => {
    const speaker = await t.connect(await t.signIn('speaker'));
    okData(await speaker.request('stage.join', { sessionId: t.keynoteId }));
    const { producerId } = await produceOnStage(speaker, t.keynoteId, { kind: 'audio', source: 'microphone', rtpParameters: opusRtpParameters(4242) });

    const viewerCookie = await t.signIn('attendee');
    const consumers: { consumerId: string; producerId: string }[] = [];
    for (let viewer = 0; viewer < 3; viewer++) {
      const socket = await t.connect(viewerCookie);
      const { routerRtpCapabilities } = okData(await socket.request('stage.join', { sessionId: t.keynoteId }));
      const { transportId } = okData(await socket.request('media.createTransport', { sessionId: t.keynoteId, direction: 'recv' }));
      consumers.push(okData(await socket.request('media.consume', { sessionId: t.keynoteId, transportId, producerId, rtpCapabilities: routerRtpCapabilities })));
    }

    const room = (await t.platform.stages.existingRoom(t.keynoteId))!;
    const [origin, edge, ...more] = room.routerLoad();
    expect(origin).toEqual({ workerIndex: room.workerIndex, consumers: 2 });
    expect(edge).toEqual({ workerIndex: 1 - room.workerIndex, consumers: 1 });
    expect(more).toEqual([]);
    // The edge viewer consumes the speaker's own producer id: it exists there only through the pipe.
    expect(consumers.map((c) => c.producerId)).toEqual([producerId, producerId, producerId]);

    // When the speaker stops, the piped copy closes too, and every viewer's consumer with it.
    okData(await speaker.request('stage.stopPresenting', { sessionId: t.keynoteId }));
    const deadline = Date.now() + 5000;
    while (room.routerLoad().some((r) => r.consumers > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(room.routerLoad().map((r) => r.consumers)).toEqual([0, 0]);
  });
});
