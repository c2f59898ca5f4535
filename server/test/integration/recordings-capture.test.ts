import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix, jobs, mediaQueueName, transcodeJobId } from '@rounds/shared';
import { attachPlainSendTransport, okData, opusRtpParameters, startTestPlatform, type TestPlatform, type TestSocket } from '../helpers/test-platform';

const ffmpeg = process.env.FFMPEG_BIN ?? 'ffmpeg';
const ffprobe = process.env.FFPROBE_BIN ?? 'ffprobe';
const graceMs = 1500;
jest.setTimeout(60_000);

/** Real RTP from ffmpeg into a UDP port, until killed: an Opus tone or a VP8 test pattern. */
function sendRtp(port: number, kind: 'audio' | 'video', ssrc: number): ChildProcess {
  const encode =
    kind === 'audio'
      ? ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-ac', '2', '-c:a', 'libopus', '-b:a', '48k', '-payload_type', '100']
      : ['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-c:v', 'libvpx', '-deadline', 'realtime', '-g', '25', '-b:v', '500k', '-payload_type', '101'];
  return spawn(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-re', ...encode, '-ssrc', String(ssrc), '-f', 'rtp', `rtp://127.0.0.1:${port}`], { stdio: 'ignore' });
}

/** Codecs, packet count and the duration in the file's header. */
function probe(file: string): Promise<{ codecs: string[]; packets: number; durationSec: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffprobe, ['-v', 'error', '-count_packets', '-show_entries', 'stream=codec_name,nb_read_packets:format=duration', '-of', 'json', file]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`ffprobe ${file} exited ${code}`));
      const json = JSON.parse(out) as { streams: { codec_name: string; nb_read_packets: string }[]; format: { duration?: string } };
      const packets = json.streams.reduce((sum, s) => sum + Number(s.nb_read_packets), 0);
      resolve({ codecs: json.streams.map((s) => s.codec_name), packets, durationSec: Number(json.format.duration ?? NaN) });
    });
  });
}

/**
 * Live stage → recording: each stream a speaker presents is captured through a PlainTransport into
 * ffmpeg and onto disk; a stage silent for the grace period ends the recording and enqueues its
 * transcode (a real BullMQ job in Redis) with every part on one timeline.
 */
describe('recording a live stage', () => {
  let t: TestPlatform;
  let queue: Queue;
  let events: QueueEvents;
  const senders: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestPlatform({ RECORD_LIVE_SESSIONS: 'true', RECORDING_GRACE_MS: String(graceMs) });
    const prefix = bullPrefix(t.config.REDIS_PREFIX);
    queue = new Queue(mediaQueueName, { connection: new Redis(t.config.REDIS_URL, { maxRetriesPerRequest: null }), prefix });
    events = new QueueEvents(mediaQueueName, { connection: new Redis(t.config.REDIS_URL, { maxRetriesPerRequest: null }), prefix });
    await events.waitUntilReady();
  });
  afterAll(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    // Connections handed to BullMQ stay ours to close.
    const connections = await Promise.all([events?.client, queue?.client]);
    await events?.close();
    await queue?.close();
    for (const connection of connections) connection?.disconnect();
    await t?.close();
  });

  /** Joins as the keynote's speaker and presents a camera and a microphone fed by ffmpeg. */
  async function present(): Promise<{ socket: TestSocket; producerIds: string[] }> {
    const socket = await t.connect(await t.signIn('speaker'));
    const { peerId } = okData(await socket.request('stage.join', { sessionId: t.keynoteId }));
    const producerIds = [];
    for (const [kind, ssrc] of [['audio', 7001], ['video', 7002]] as const) {
      const { transportId, port } = await attachPlainSendTransport(t, t.keynoteId, peerId);
      const rtpParameters = kind === 'audio' ? opusRtpParameters(ssrc) : { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc }] };
      const source = kind === 'audio' ? 'microphone' : 'camera';
      const { producerId } = okData(await socket.request('media.produce', { sessionId: t.keynoteId, transportId, kind, source, rtpParameters }));
      producerIds.push(producerId);
      senders.push(sendRtp(port, kind, ssrc));
    }
    return { socket, producerIds };
  }

  /** The capture's parts, once `count` of them exist and each has written at least `bytes` to the spool. */
  async function partsWriting(count: number, bytes: number, except: { id: string }[] = []): Promise<{ recordingId: string; id: string }[]> {
    const spool = path.join(t.config.SPOOL_DIR!, 'recordings');
    for (;;) {
      const open = await t.platform.database.db.selectFrom('recordingParts').select(['id', 'recordingId']).where('endedAt', 'is', null).execute();
      const parts = open.filter((part) => !except.some((old) => old.id === part.id));
      const sizes = await Promise.all(parts.map((p) => fs.stat(path.join(spool, `${p.recordingId}-${p.id}.mkv`)).then((s) => s.size, () => 0)));
      if (parts.length >= count && sizes.every((size) => size >= bytes)) return parts;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async function stopPresenting(socket: TestSocket): Promise<void> {
    okData(await socket.request('stage.stopPresenting', { sessionId: t.keynoteId }));
    for (const sender of senders.splice(0)) sender.kill('SIGKILL');
  }

  test('a speaker who reconnects within the grace period continues the recording; then its transcode is queued with both visits', async () => {
    const first = await present();
    const firstParts = await partsWriting(2, 20_000);
    const recordingId = firstParts[0]!.recordingId;
    await stopPresenting(first.socket);
    first.socket.disconnect();

    // Back before the grace period ends: the same recording, two more parts.
    const second = await present();
    const allParts = await partsWriting(2, 20_000, firstParts);
    expect(new Set(allParts.map((p) => p.recordingId))).toEqual(new Set([recordingId]));

    const added = new Promise<string>((resolve) => events.on('added', ({ jobId }) => resolve(jobId)));
    await stopPresenting(second.socket);
    expect(await added).toBe(transcodeJobId(recordingId, 1));

    const job = await Job.fromId(queue, transcodeJobId(recordingId, 1));
    const payload = jobs.transcode.parse(job!.data);
    expect(payload.inputs.map((input) => input.role).sort()).toEqual(['camera', 'camera', 'microphone', 'microphone']);
    expect(payload.inputs[0]!.offsetMs).toBe(0);
    // The second visit comes after the first on the timeline.
    expect(Math.max(...payload.inputs.map((i) => i.offsetMs))).toBeGreaterThan(1000);
    expect(payload.outputPrefix).toBe(`assets/${recordingId}/v1`);

    // Every part is in storage as a playable file of its kind, and the spool is empty again.
    for (const input of payload.inputs) {
      const { codecs, packets, durationSec } = await probe(path.join(t.config.STORAGE_DIR!, input.key));
      // Each part has its duration in its header, also those whose stream ended before the capture.
      expect(durationSec).toBeGreaterThan(0.5);
      expect(codecs).toEqual([input.role === 'microphone' ? 'opus' : 'vp8']);
      // Seconds of it (Opus: 50 packets a second; VP8: 25 frames a second, from the sender's first keyframe).
      expect(packets).toBeGreaterThanOrEqual(input.role === 'microphone' ? 100 : 20);
    }
    expect(await fs.readdir(path.join(t.config.SPOOL_DIR!, 'recordings'))).toEqual([]);
    const recording = await t.platform.database.db.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirstOrThrow();
    expect(recording).toMatchObject({ status: 'queued', source: 'live', version: 1 });
    expect(recording.stoppedAt).not.toBeNull();
  });

  test("an organizer's stop ends the recording at once; start needs a live stage", async () => {
    const organizer = await t.signIn('organizer');
    const post = (url: string) => fetch(`${t.url}${url}`, { method: 'POST', headers: { cookie: organizer } });
    const body = async (response: Response) => (await response.json()) as { data: { id: string; status: string }; error: { code: string } };

    const notLive = await post(`/api/sessions/${t.keynoteId}/recording/start`);
    expect(notLive.status).toBe(409);
    expect((await body(notLive)).error.code).toBe('stage.notLive');

    const { socket } = await present();
    const [part] = await partsWriting(2, 10_000);
    const stopped = await post(`/api/sessions/${t.keynoteId}/recording/stop`);
    expect(stopped.status).toBe(200);
    expect((await body(stopped)).data).toMatchObject({ id: part!.recordingId, status: 'queued', source: 'live' });

    // Still live, but held off: nothing records until an organizer starts again.
    expect(await t.platform.database.db.selectFrom('recordingParts').select('id').where('endedAt', 'is', null).execute()).toEqual([]);
    const again = await post(`/api/sessions/${t.keynoteId}/recording/start`);
    expect(again.status).toBe(200);
    const restarted = (await body(again)).data;
    expect(restarted).toMatchObject({ status: 'recording', sessionId: t.keynoteId });
    expect(restarted.id).not.toBe(part!.recordingId);
    const newParts = await partsWriting(2, 5_000);
    expect(newParts.every((p) => p.recordingId === restarted.id)).toBe(true);

    const twice = await post(`/api/sessions/${t.keynoteId}/recording/start`);
    expect(twice.status).toBe(409);
    expect((await body(twice)).error.code).toBe('recording.alreadyCapturing');
    await stopPresenting(socket);
    const speaker = await fetch(`${t.url}/api/sessions/${t.keynoteId}/recording/stop`, { method: 'POST', headers: { cookie: await t.signIn('speaker') } });
    expect(speaker.status).toBe(403);
  });
});
