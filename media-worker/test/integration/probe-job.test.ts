import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mediaQueueName, type ProbeResult } from '@rounds/shared';
import { type Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import pino from 'pino';
import { LocalStorage } from '@rounds/shared/src/storage/local-storage';
import { loadConfig } from '../../src/config';
import { type MediaWorker, startMediaWorker } from '../../src/media-worker';

/**
 * The probe job end to end: a real Redis (shared, so a prefix of its own), the real worker as
 * main.ts starts it, and real ffmpeg/ffprobe on files made here.
 */
const redisUrl = 'redis://127.0.0.1:6379';
const redisPrefix = `test-mw-${randomUUID().slice(0, 8)}`;
// Written out rather than imported from the worker: this is what the server's queue uses, and
// the test must fail if the worker's convention drifts from it.
const connection = { host: '127.0.0.1', port: 6379 };
const queueOptions = { connection, prefix: `${redisPrefix}:bull` };

let dir: string;
let clip: string;
let corrupt: string;
let worker: MediaWorker;
let queue: Queue;
let queueEvents: QueueEvents;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-probe-'));
  clip = path.join(dir, 'clip.mp4');
  // 2 s of 640x360 test pattern at 30 fps with a sine tone: H.264 + AAC in MP4.
  await promisify(execFile)('ffmpeg', [
    '-hide_banner', '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
    clip,
  ]);
  // Random-looking bytes, but the same every run, so a freak match of some format cannot flake.
  corrupt = path.join(dir, 'corrupt.mp4');
  const blocks = Array.from({ length: 2048 }, (_, i) => createHash('sha256').update(`corrupt-${i}`).digest());
  await fs.writeFile(corrupt, Buffer.concat(blocks));

  const config = loadConfig({ REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, LOG_LEVEL: 'silent' });
  worker = await startMediaWorker(config, pino({ level: 'silent' }), { storage: new LocalStorage(path.join(dir, 'storage')), scratchDir: dir });
  queue = new Queue(mediaQueueName, queueOptions);
  queueEvents = new QueueEvents(mediaQueueName, queueOptions);
  // QueueEvents reads events from when it connects: be connected before any job is added.
  await queueEvents.waitUntilReady();
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await queueEvents?.close();
  await queue?.close();
  const redis = new Redis(redisUrl);
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${redisPrefix}:*`, count: 500 })) keys.push(...(batch as string[]));
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** Resolves with the job as stored once it has failed for good; fails the test if it completes. */
async function finalFailure(job: Job): Promise<Job> {
  await expect(job.waitUntilFinished(queueEvents)).rejects.toThrow();
  const stored = await queue.getJob(job.id!);
  expect(await stored!.getState()).toBe('failed');
  return stored!;
}

describe('probe job', () => {
  it('reports the duration and streams of a real clip', async () => {
    const job = await queue.add('probe', { path: clip }, { attempts: 3 });
    const result = (await job.waitUntilFinished(queueEvents)) as ProbeResult;

    expect(result.durationSec).toBeGreaterThan(1.9);
    expect(result.durationSec).toBeLessThan(2.1);
    expect(result.formatName).toContain('mp4');
    expect(result.streams).toEqual([
      { index: 0, kind: 'video', codec: 'h264', width: 640, height: 360 },
      { index: 1, kind: 'audio', codec: 'aac' },
    ]);
  }, 30_000);

  it('fails a corrupt file permanently, on the first attempt, with a readable reason', async () => {
    const job = await queue.add('probe', { path: corrupt }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    const failed = await finalFailure(job);

    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe(
      `The file is not a readable media file: ${corrupt} (ffprobe: moov atom not found; Invalid data found when processing input)`,
    );
  }, 30_000);

  it('fails a job name it does not know permanently', async () => {
    const job = await queue.add('transcode-to-vhs', { path: clip }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    const failed = await finalFailure(job);

    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe('Unknown job "transcode-to-vhs": this media worker has no processor for it');
  }, 30_000);
});
