import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import {
  attachPlainSendTransport,
  collectNotifications,
  nextNotification,
  okData,
  opusRtpParameters,
  startTestPlatform,
  type TestPlatform,
} from '../helpers/test-platform';

const audioLevelUri = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
const audioLevelId = 1;
const ssrc = 4444;

/**
 * The level a browser would put in each packet of this tone (RFC 6464: -dBov, 0 to 127). ffmpeg's
 * `sine` source has an amplitude of 1/8 of full scale, so its RMS is 1/(8√2): about -21 dBov.
 */
const toneLevel = Math.round(-20 * Math.log10(1 / 8 / Math.SQRT2));

/**
 * Adds the one-byte RTP header extension (RFC 8285) carrying the audio level, as browsers send it:
 * ffmpeg encodes real Opus but writes no level, and the router's audio level observer reads only the level.
 */
function withAudioLevel(packet: Buffer, level: number): Buffer {
  const csrcCount = packet[0]! & 0x0f;
  const headerLength = 12 + 4 * csrcCount;
  if (packet[0]! & 0x10) throw new Error('packet already has header extensions');
  const extension = Buffer.from([0xbe, 0xde, 0x00, 0x01, (audioLevelId << 4) | 0, 0x80 | level, 0x00, 0x00]);
  const out = Buffer.concat([packet.subarray(0, headerLength), extension, packet.subarray(headerLength)]);
  out[0] = out[0]! | 0x10;
  return out;
}

/** Real Opus RTP from ffmpeg, relayed through a local UDP socket that adds the level, into the producer's PlainTransport. */
async function startTone(targetPort: number): Promise<Tone> {
  const relay = createSocket('udp4');
  relay.bind(0, '127.0.0.1');
  await once(relay, 'listening');
  relay.on('message', (packet) => relay.send(withAudioLevel(packet, toneLevel), targetPort, '127.0.0.1'));
  const ffmpeg = spawn(
    process.env.FFMPEG_BIN ?? 'ffmpeg',
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-ac', '2', '-c:a', 'libopus', '-b:a', '48k']
      .concat(['-payload_type', '100', '-ssrc', String(ssrc), '-f', 'rtp', `rtp://127.0.0.1:${relay.address().port}`]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  ffmpeg.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let watching = true;
  // Fails the wait when ffmpeg cannot start or dies before the test stops it, with ffmpeg's own words.
  const failed = new Promise<never>((_, reject) => {
    ffmpeg.once('error', reject);
    ffmpeg.once('exit', (code) => watching && reject(new Error(`ffmpeg exited with ${code}: ${stderr}`)));
  });
  return {
    ffmpeg,
    relay,
    failed,
    stop: () => {
      watching = false;
      ffmpeg.kill('SIGTERM');
    },
  };
}

interface Tone {
  ffmpeg: ChildProcess;
  relay: UdpSocket;
  /** Rejects if ffmpeg fails before `stop()`; never settles otherwise. */
  failed: Promise<never>;
  stop(): void;
}

describe('live stage: active speaker', () => {
  let t: TestPlatform;
  let tone: Tone | undefined;

  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    if (tone && tone.ffmpeg.exitCode === null) tone.ffmpeg.kill('SIGKILL');
    tone?.relay.close();
    await t.close();
  });

  test('a speaker whose microphone carries sound becomes the active speaker for everyone; silence sets it back to nobody', async () => {
    const sessionId = t.keynoteId;
    const speaker = await t.connect(await t.signIn('speaker'));
    const attendee = await t.connect(await t.signIn('attendee'));
    const { peerId } = okData(await speaker.request('stage.join', { sessionId }));
    okData(await attendee.request('stage.join', { sessionId }));
    const seen = collectNotifications(attendee, 'stage.activeSpeaker');

    const { transportId, port } = await attachPlainSendTransport(t, sessionId, peerId);
    const rtpParameters = opusRtpParameters(ssrc, [{ uri: audioLevelUri, id: audioLevelId }]);
    okData(await speaker.request('media.produce', { sessionId, transportId, kind: 'audio', source: 'microphone', rtpParameters }));

    const speaking = [attendee, speaker].map((socket) => nextNotification(socket, 'stage.activeSpeaker'));
    tone = await startTone(port);
    expect(await Promise.race([Promise.all(speaking), tone.failed])).toEqual([
      { sessionId, peerId },
      { sessionId, peerId },
    ]);

    const silent = nextNotification(attendee, 'stage.activeSpeaker');
    tone.stop();
    expect(await silent).toEqual({ sessionId, peerId: null });
    // Only changes, a few at most: not one per observer interval.
    expect(seen).toEqual([
      { sessionId, peerId },
      { sessionId, peerId: null },
    ]);
  }, 20_000);
});
