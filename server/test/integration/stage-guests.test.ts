import {
  collectNotifications,
  nextNotification,
  notificationLog,
  okData,
  opusRtpParameters,
  produceOnStage,
  type TestPlatform,
} from '../helpers/test-platform';
import { useStageTestbed } from '../helpers/stage-testbed';

/** Spoken questions: raised hands reach the crew only; invited guests present while invited, and not a moment longer. */
describe('live stage: raised hands and guests', () => {
  const bed = useStageTestbed();
  const { connect, join } = bed;
  let t: TestPlatform;
  let sessionId: string;
  beforeAll(() => ({ t, sessionId } = bed));

  const room = async () => (await t.platform.stages.existingRoom(sessionId))!;
  /** What the worker itself holds for the stage's router: transports and producers, not our bookkeeping. */
  const workerView = async () => {
    const dump = (await (await room()).router.dump()) as { transportIds: string[]; mapProducerIdConsumerIds: Record<string, string[]> };
    return { transports: dump.transportIds.length, producers: Object.keys(dump.mapProducerIdConsumerIds) };
  };
  const microphone = (ssrc: number) => ({ kind: 'audio' as const, source: 'microphone' as const, rtpParameters: opusRtpParameters(ssrc) });

  test('a raised hand reaches the crew only, is replayed to crew who join later, and comes down when the viewer leaves', async () => {
    const moderator = await join('moderator');
    const attendee = await join('attendee');
    const exhibitor = await join('exhibitor');
    const heardByViewers = [attendee, exhibitor].map((v) => collectNotifications(v.socket, 'stage.handRaised'));
    const crewHears = nextNotification(moderator.socket, 'stage.handRaised');

    expect(await attendee.socket.request('stage.raiseHand', { sessionId, raised: true })).toEqual({ ok: true, data: {} });
    const hand = { sessionId, peerId: attendee.peerId, userName: 'Dr. Amal Attendee' };
    expect(await crewHears).toEqual({ ...hand, raised: true });
    // Raising it again changes nothing and tells nobody.
    expect(await attendee.socket.request('stage.raiseHand', { sessionId, raised: true })).toEqual({ ok: true, data: {} });

    // A later broadcast to the whole stage: a socket receives in order, so a hand sent to a viewer would be there first.
    const viewersHearLater = [attendee, exhibitor].map((v) => nextNotification(v.socket, 'stage.producerAdded'));
    await produceOnStage(moderator.socket, sessionId, microphone(3001));
    await Promise.all(viewersHearLater);
    expect(heardByViewers).toEqual([[], []]);

    // A speaker joining now is told of the hand that is up, right after its join ack.
    const speakerSocket = await connect('speaker');
    const replayed = nextNotification(speakerSocket, 'stage.handRaised');
    expect(await speakerSocket.request('stage.join', { sessionId })).toMatchObject({ ok: true, data: { canPresent: true } });
    expect(await replayed).toEqual({ ...hand, raised: true });

    const lowered = [moderator.socket, speakerSocket].map((crew) => nextNotification(crew, 'stage.handRaised'));
    expect(await attendee.socket.request('stage.leave', { sessionId })).toEqual({ ok: true, data: {} });
    expect(await Promise.all(lowered)).toEqual([
      { ...hand, raised: false },
      { ...hand, raised: false },
    ]);
    expect(heardByViewers).toEqual([[], []]);
  });

  test('nobody but the crew and an invited guest can open a send transport or produce, and a refusal creates nothing', async () => {
    const attendee = await join('attendee');
    const before = await workerView();

    expect(await attendee.socket.request('media.createTransport', { sessionId, direction: 'send' })).toEqual({
      ok: false,
      error: { code: 'auth.forbidden', message: 'Only presenters and invited guests send media' },
    });
    const { transportId: recvId } = okData(await attendee.socket.request('media.createTransport', { sessionId, direction: 'recv' }));
    expect(await attendee.socket.request('media.produce', { sessionId, transportId: recvId, ...microphone(3002) })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await workerView()).toEqual({ transports: before.transports + 1, producers: [] });
    // A viewer cannot invite anyone, itself included.
    expect(await attendee.socket.request('stage.inviteGuest', { sessionId, peerId: attendee.peerId })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect((await room()).guests()).toEqual([]);
  });

  test('an invited guest presents until removed; then their streams close and further attempts are refused', async () => {
    const moderator = await join('moderator');
    const attendee = await join('attendee');
    const exhibitor = await join('exhibitor');
    const guest = { sessionId, peerId: attendee.peerId, userName: 'Dr. Amal Attendee' };
    okData(await attendee.socket.request('stage.raiseHand', { sessionId, raised: true }));

    // Invite: everyone hears it (the guest learns from its own peer id); the hand comes down for the crew.
    const heard = [moderator, attendee, exhibitor].map((p) => nextNotification(p.socket, 'stage.guestChanged'));
    const handDown = nextNotification(moderator.socket, 'stage.handRaised');
    expect(await moderator.socket.request('stage.inviteGuest', { sessionId, peerId: attendee.peerId })).toEqual({ ok: true, data: {} });
    expect(await Promise.all(heard)).toEqual([0, 1, 2].map(() => ({ ...guest, onStage: true })));
    expect(await handDown).toEqual({ ...guest, raised: false });

    // The guest may now open a send transport and produce; everyone sees the stream.
    const added = nextNotification(exhibitor.socket, 'stage.producerAdded');
    const sending = await produceOnStage(attendee.socket, sessionId, microphone(3003));
    expect(await added).toEqual({ ...guest, producerId: sending.producerId, kind: 'audio', source: 'microphone' });
    expect((await workerView()).producers).toEqual([sending.producerId]);

    // A crew member joining now is told who is on stage.
    const speakerSocket = await connect('speaker');
    const replayed = nextNotification(speakerSocket, 'stage.guestChanged');
    okData(await speakerSocket.request('stage.join', { sessionId }));
    expect(await replayed).toEqual({ ...guest, onStage: true });

    // Remove: the stream closes (and the stage ends, nothing else being on air), then the guest is off stage.
    const log = notificationLog(exhibitor.socket);
    const off = nextNotification(exhibitor.socket, 'stage.guestChanged');
    const guestHears = nextNotification(attendee.socket, 'stage.guestChanged');
    const transportsBefore = (await workerView()).transports;
    expect(await moderator.socket.request('stage.removeGuest', { sessionId, peerId: attendee.peerId })).toEqual({ ok: true, data: {} });
    expect(await off).toEqual({ ...guest, onStage: false });
    expect(await guestHears).toEqual({ ...guest, onStage: false });
    expect(log).toEqual(['stage.producerClosed', 'stage.ended', 'stage.guestChanged']);
    expect(await workerView()).toEqual({ transports: transportsBefore - 1, producers: [] });

    // The old send transport is gone; no new one, no new producer.
    expect(await attendee.socket.request('media.connectTransport', {
      sessionId,
      transportId: sending.transportId,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] },
    })).toMatchObject({ ok: false, error: { code: 'media.transportNotFound' } });
    expect(await attendee.socket.request('media.produce', { sessionId, transportId: sending.transportId, ...microphone(3004) })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await attendee.socket.request('media.createTransport', { sessionId, direction: 'send' })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await workerView()).toEqual({ transports: transportsBefore - 1, producers: [] });
    expect((await room()).guests()).toEqual([]);
  });

  test('inviting or removing someone who is not on this stage gets resource.notFound; crew are left as they are', async () => {
    const moderator = await join('moderator');
    const speaker = await join('speaker');
    const { producerId } = await produceOnStage(speaker.socket, sessionId, microphone(3005));
    const changes = collectNotifications(moderator.socket, 'stage.guestChanged');

    for (const name of ['stage.inviteGuest', 'stage.removeGuest'] as const) {
      expect(await moderator.socket.request(name, { sessionId, peerId: 'nobody' })).toEqual({
        ok: false,
        error: { code: 'resource.notFound', message: 'No peer nobody on this stage' },
      });
    }
    // Crew can present anyway: "removing" a speaker does not take their stream off air.
    expect(await moderator.socket.request('stage.removeGuest', { sessionId, peerId: speaker.peerId })).toEqual({ ok: true, data: {} });
    expect(await moderator.socket.request('stage.inviteGuest', { sessionId, peerId: speaker.peerId })).toEqual({ ok: true, data: {} });
    expect((await workerView()).producers).toEqual([producerId]);

    const closed = nextNotification(moderator.socket, 'stage.producerClosed');
    okData(await speaker.socket.request('media.closeProducer', { sessionId, producerId }));
    await closed;
    expect(changes).toEqual([]);
  });
});
