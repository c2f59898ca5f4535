import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { type JobPayload, type TranscodeResult, transcodeJobId } from '@rounds/shared';
import { LocalStorage } from '@rounds/shared/src/storage/local-storage';
import { Redis } from 'ioredis';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { type MediaWorker, startMediaWorker, workerName } from '../../src/media-worker';
import { makeAudioPart, makeRandomBytes, makeTruncatedMp4, makeUpload } from '../helpers/media-files';
import { ffmpegPidsMentioning, OwnRedis, startWorkerProcess, type WorkerProcess } from '../helpers/processes';
import { finalFailure, openTestQueue, progressReaching, type TestQueue } from '../helpers/test-queue';

/**
 * The faults the issue names, each with the real parts: Redis restarted mid-transcode, the worker
 * process killed or stopped mid-job, and uploads that are not media. Events and promises tell the
 * test when to act; nothing waits on a timer.
 */
const sharedRedisUrl = 'redis://127.0.0.1:6379';
const jobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 200 } };

let dir: string;
let storage: LocalStorage;
/** A 20 s 720p talk: long enough to still be encoding after the first progress report. */
const talkKey = 'uploads/fault-tests/talk.mp4';

const local = (key: string) => path.join(storage.root, ...key.split('/'));

function uploadJob(recordingId = randomUUID(), key = talkKey): JobPayload<'transcode'> & { jobId: string } {
  return {
    recordingId,
    version: 1,
    inputs: [{ key, role: 'upload', offsetMs: 0 }],
    trim: null,
    outputPrefix: `assets/${recordingId}/v1`,
    jobId: transcodeJobId(recordingId, 1),
  };
}

function addTranscode(tq: TestQueue, { jobId, ...payload }: ReturnType<typeof uploadJob>) {
  return tq.queue.add('transcode', payload, { ...jobOptions, jobId });
}

/** Entries of the queue's event stream for a job: the record of what happened to it, once each. */
async function eventsOf(redisUrl: string, redisPrefix: string, jobId: string): Promise<string[]> {
  const redis = new Redis(redisUrl);
  try {
    const entries = await redis.xrange(`${redisPrefix}:bull:media:events`, '-', '+');
    return entries
      .map(([, fields]) => Object.fromEntries(fields.flatMap((value, i) => (i % 2 === 0 ? [[value, fields[i + 1]]] : []))) as Record<string, string>)
      .filter((event) => event.jobId === jobId)
      .map((event) => event.event!);
  } finally {
    await redis.quit();
  }
}

/** The keys of a complete asset: what a second run would write, and nothing more. */
async function expectOneCompleteAsset(result: TranscodeResult, outputPrefix: string): Promise<void> {
  const keys = await storage.list(outputPrefix);
  const relative = keys.map((key) => key.slice(outputPrefix.length + 1));
  expect(relative).toEqual(expect.arrayContaining(['asset.json', 'master.m3u8', 'poster.jpg', 'sprite.jpg']));
  // 20 s in 4 s segments: five per rendition, no strays from an interrupted run.
  for (const rendition of result.renditions) {
    expect(relative.filter((key) => key.startsWith(`${rendition.name}/`)).sort()).toEqual([
      `${rendition.name}/index.m3u8`,
      ...[0, 1, 2, 3, 4].map((i) => `${rendition.name}/segment-000${i}.ts`),
    ]);
  }
  expect(relative).toHaveLength(4 + result.renditions.length * 6);
  expect(JSON.parse(await fs.readFile(local(`${outputPrefix}/asset.json`), 'utf8'))).toEqual(result);
}

function workerEnv(tq: TestQueue, name: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: tq.redisUrl,
    REDIS_PREFIX: tq.redisPrefix,
    STORAGE_DIR: storage.root,
    MEDIA_SCRATCH_DIR: path.join(dir, `scratch-${name}`),
    FFMPEG_BIN: 'ffmpeg',
    ...extra,
  };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-faults-'));
  storage = new LocalStorage(path.join(dir, 'storage'));
  await makeUpload(local(talkKey), { seconds: 20, width: 1280, height: 720 });
}, 60_000);

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('Redis restarted during a transcode', () => {
  let redis: OwnRedis;
  let tq: TestQueue;
  let worker: MediaWorker;

  beforeAll(async () => {
    const redisDir = path.join(dir, 'redis');
    await fs.mkdir(redisDir);
    redis = await OwnRedis.start(redisDir);
    tq = await openTestQueue(redis.url);
    const config = loadConfig({ REDIS_URL: redis.url, REDIS_PREFIX: tq.redisPrefix, LOG_LEVEL: 'silent', FFMPEG_BIN: 'ffmpeg' });
    worker = await startMediaWorker(config, pino({ level: 'silent' }), { storage, scratchDir: path.join(dir, 'scratch-redis') });
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await tq?.close();
    await redis?.stop();
  });

  it('completes the job exactly once, with one asset', async () => {
    const job = uploadJob();
    const added = await addTranscode(tq, job);
    // Mid-ladder: the worker is encoding, holding the job's lock, reporting progress.
    await progressReaching(tq.events, job.jobId, (p) => p >= 5 && p < 90);

    await redis.kill();
    const restartedAt = Date.now();
    await redis.start();

    const result = (await added.waitUntilFinished(tq.events)) as TranscodeResult;
    // Close the worker, so nothing more can happen to the job, and read what did.
    await worker.close();
    const stored = (await tq.queue.getJob(job.jobId))!;
    expect(await stored.getState()).toBe('completed');
    expect(stored.finishedOn).toBeGreaterThan(restartedAt);
    expect(stored.attemptsStarted).toBe(1);
    expect(stored.returnvalue).toEqual(result);
    expect((await eventsOf(redis.url, tq.redisPrefix, job.jobId)).filter((e) => e === 'completed')).toHaveLength(1);
    await expectOneCompleteAsset(result, job.outputPrefix);
  }, 180_000);
});

describe('media-worker killed during a job', () => {
  let tq: TestQueue;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    tq = await openTestQueue(sharedRedisUrl);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await tq?.close();
  });

  it('is retried by another worker once its lock lapses, and completes', async () => {
    // A short lock so that the job is taken up again within seconds.
    const lock = { MEDIA_LOCK_MS: '3000' };
    const first = await startWorkerProcess(workerEnv(tq, 'killed', lock));
    workers.push(first);
    const job = uploadJob();
    const added = await addTranscode(tq, job);
    await progressReaching(tq.events, job.jobId, (p) => p >= 5 && p < 90);
    const orphans = ffmpegPidsMentioning(path.join(dir, 'scratch-killed'));
    expect(orphans).toHaveLength(1);

    first.child.kill('SIGKILL');
    await first.exited;
    const second = await startWorkerProcess(workerEnv(tq, 'second', lock));
    workers.push(second);

    const result = (await added.waitUntilFinished(tq.events)) as TranscodeResult;
    const stored = (await tq.queue.getJob(job.jobId))!;
    expect(await stored.getState()).toBe('completed');
    expect(stored.attemptsStarted).toBe(2);
    const events = await eventsOf(tq.redisUrl, tq.redisPrefix, job.jobId);
    expect(events).toContain('stalled');
    expect(events.filter((e) => e === 'completed')).toHaveLength(1);
    expect(stored.processedBy).toBe(workerName(second.child.pid));
    await expectOneCompleteAsset(result, job.outputPrefix);
    // The killed worker's ffmpeg died with it rather than transcoding on as an orphan.
    expect(ffmpegPidsMentioning(path.join(dir, 'scratch-killed'))).toEqual([]);
  }, 240_000);
});

describe('SIGTERM during a job', () => {
  let tq: TestQueue;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    tq = await openTestQueue(sharedRedisUrl);
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await tq?.close();
  });

  it('finishes the active job within the grace period, then exits', async () => {
    const worker = await startWorkerProcess(workerEnv(tq, 'finishes', { MEDIA_SHUTDOWN_GRACE_MS: '600000' }));
    workers.push(worker);
    const job = uploadJob();
    const added = await addTranscode(tq, job);
    await progressReaching(tq.events, job.jobId, (p) => p >= 5 && p < 90);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);

    // It exited after completing: the job is done, by this worker, on its first attempt.
    const stored = (await tq.queue.getJob(job.jobId))!;
    expect(await stored.getState()).toBe('completed');
    expect(stored.attemptsStarted).toBe(1);
    expect(stored.processedBy).toBe(workerName(worker.child.pid));
    await expectOneCompleteAsset((await added.waitUntilFinished(tq.events)) as TranscodeResult, job.outputPrefix);
  }, 180_000);

  it('hands the job back when the grace period ends, and another worker completes it', async () => {
    const worker = await startWorkerProcess(workerEnv(tq, 'hands-back', { MEDIA_SHUTDOWN_GRACE_MS: '200' }));
    workers.push(worker);
    const job = uploadJob();
    const added = await addTranscode(tq, job);
    await progressReaching(tq.events, job.jobId, (p) => p >= 5 && p < 90);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);

    // Back in the queue at once, with no attempt counted, its ffmpeg stopped and its scratch removed.
    const handedBack = (await tq.queue.getJob(job.jobId))!;
    expect(await handedBack.getState()).toBe('waiting');
    expect(handedBack.attemptsMade).toBe(0);
    expect(worker.logs.some((line) => line.msg === 'handed the job back to the queue')).toBe(true);
    expect(ffmpegPidsMentioning(path.join(dir, 'scratch-hands-back'))).toEqual([]);
    expect(await fs.readdir(path.join(dir, 'scratch-hands-back'))).toEqual([]);
    expect(await storage.list(job.outputPrefix)).toEqual([]);

    const next = await startWorkerProcess(workerEnv(tq, 'takes-over'));
    workers.push(next);
    const result = (await added.waitUntilFinished(tq.events)) as TranscodeResult;
    const stored = (await tq.queue.getJob(job.jobId))!;
    expect(stored.attemptsMade).toBe(1);
    expect(stored.processedBy).toBe(workerName(next.child.pid));
    expect((await eventsOf(tq.redisUrl, tq.redisPrefix, job.jobId)).filter((e) => e === 'failed')).toEqual([]);
    await expectOneCompleteAsset(result, job.outputPrefix);
  }, 240_000);
});

describe('an upload that is not media', () => {
  let tq: TestQueue;
  let worker: MediaWorker;

  beforeAll(async () => {
    tq = await openTestQueue(sharedRedisUrl);
    const config = loadConfig({ REDIS_URL: sharedRedisUrl, REDIS_PREFIX: tq.redisPrefix, LOG_LEVEL: 'silent', FFMPEG_BIN: 'ffmpeg' });
    worker = await startMediaWorker(config, pino({ level: 'silent' }), { storage, scratchDir: path.join(dir, 'scratch-corrupt') });
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await tq?.close();
  });

  /** Runs the job to its final failure, with files left under its prefix as if an earlier attempt had been cut off mid-upload. */
  async function failureOf(job: ReturnType<typeof uploadJob>) {
    await storage.putStream(`${job.outputPrefix}/720p/segment-0000.ts`, Readable.from([Buffer.from('stale')]));
    const failed = await finalFailure(tq.queue, tq.events, await addTranscode(tq, job));
    expect(failed.attemptsMade).toBe(1);
    expect(await storage.list(job.outputPrefix)).toEqual([]);
    return failed.failedReason;
  }

  it('fails random bytes permanently, at once, with the reason and nothing published', async () => {
    const key = 'uploads/fault-tests/random.mp4';
    await makeRandomBytes(local(key));
    expect(await failureOf(uploadJob(randomUUID(), key))).toBe(
      // ffprobe picks the MP4 demuxer by the name; it finds no index, then gives up.
      `The file is not a readable media file: upload ${key} (ffprobe: moov atom not found; Invalid data found when processing input)`,
    );
  }, 60_000);

  it('fails a truncated MP4 permanently with the reason', async () => {
    const key = 'uploads/fault-tests/truncated.mp4';
    await makeTruncatedMp4(local(key));
    expect(await failureOf(uploadJob(randomUUID(), key))).toBe(
      `The file is not a readable media file: upload ${key} (ffprobe: moov atom not found; Invalid data found when processing input)`,
    );
  }, 60_000);

  it('refuses a playlist renamed to .mp4, which would make ffmpeg read the local files it names', async () => {
    const key = 'uploads/fault-tests/playlist.mp4';
    // It names the fault tests' own talk: without the format whitelist this "upload" transcodes fine.
    await storage.putStream(key, Readable.from([`#EXTM3U\n#EXT-X-TARGETDURATION:20\n#EXTINF:20.0,\nfile:${local(talkKey)}\n#EXT-X-ENDLIST\n`]));
    expect(await failureOf(uploadJob(randomUUID(), key))).toBe(
      `The file is not a readable media file: upload ${key} (ffprobe: Format not on whitelist 'mov,matroska'; Invalid argument)`,
    );
  }, 60_000);

  it('fails an upload that is not in storage permanently', async () => {
    const key = 'uploads/fault-tests/never-uploaded.mp4';
    expect(await failureOf(uploadJob(randomUUID(), key))).toBe(`The file is not a readable media file: upload ${key} is not in storage`);
  }, 60_000);

  it('fails a recording whose every part is unreadable, naming the parts', async () => {
    const recordingId = randomUUID();
    const camera = `recordings/${recordingId}/parts/camera-1.mkv`;
    const soundOnly = `recordings/${recordingId}/parts/camera-2.mkv`;
    await makeRandomBytes(local(camera));
    // A camera part holding only sound: no picture to show.
    await makeAudioPart(local(soundOnly), { seconds: 2 });
    const job = {
      ...uploadJob(recordingId),
      inputs: [
        { key: camera, role: 'camera' as const, offsetMs: 0 },
        { key: soundOnly, role: 'camera' as const, offsetMs: 1000 },
      ],
    };
    expect(await failureOf(job)).toBe(
      `The file is not a readable media file: none of the 2 recorded parts can be read (camera ${camera} (ffprobe: EBML header parsing failed; Invalid data found when processing input); ` +
        `camera ${soundOnly} has no picture)`,
    );
  }, 60_000);

  it('fails a trim that leaves nothing permanently', async () => {
    const job = { ...uploadJob(), trim: { startSec: 25, endSec: null } };
    expect(await failureOf(job)).toBe('The recording cannot be transcoded: the trim starts at 25 s, after the end of the 20 s recording');
  }, 60_000);
});
