import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The media queue as the server's MediaQueue sees it, under a Redis prefix of the test's own.
 * The BullMQ prefix is written out (`<prefix>:bull`) rather than imported from the worker: the
 * test must fail if the worker's convention drifts from the server's.
 */
export interface TestQueue {
  redisUrl: string;
  redisPrefix: string;
  queue: Queue;
  events: QueueEvents;
  /** Connection errors the queue and its events reported (a test that restarts Redis sees some). */
  errors: Error[];
  /** Every progress value the queue's events reported for a job, in order. */
  progressOf(jobId: string): number[];
  /** Closes the queue and events and removes every key under the prefix. */
  close(): Promise<void>;
}

export async function openTestQueue(redisUrl: string, redisPrefix = `test-mw-${randomUUID().slice(0, 8)}`): Promise<TestQueue> {
  const { hostname, port } = new URL(redisUrl);
  const connection = { host: hostname, port: Number(port || 6379), maxRetriesPerRequest: null };
  const options = { connection, prefix: `${redisPrefix}:bull` };
  const queue = new Queue('media', options);
  const events = new QueueEvents('media', options);
  // QueueEvents reads events from when it connects: be connected before any job is added.
  await events.waitUntilReady();
  const errors: Error[] = [];
  // Without listeners an 'error' event (Redis gone for a moment) would crash the test process.
  events.on('error', (error) => errors.push(error));
  queue.on('error', (error) => errors.push(error));
  const progress = new Map<string, number[]>();
  events.on('progress', ({ jobId, data }) => {
    progress.set(jobId, [...(progress.get(jobId) ?? []), data as number]);
  });
  return {
    redisUrl,
    redisPrefix,
    queue,
    events,
    errors,
    progressOf: (jobId) => progress.get(jobId) ?? [],
    async close() {
      await events.close();
      await queue.close();
      await removeKeys(redisUrl, redisPrefix);
    },
  };
}

export async function removeKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const keys: string[] = [];
    for await (const batch of redis.scanStream({ match: `${prefix}:*`, count: 500 })) keys.push(...(batch as string[]));
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    await redis.quit();
  }
}

/** Resolves with the first progress report of the job that satisfies `test`. */
export function progressReaching(events: QueueEvents, jobId: string, test: (percent: number) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const listener = ({ jobId: id, data }: { jobId: string; data: unknown }) => {
      if (id === jobId && typeof data === 'number' && test(data)) {
        events.off('progress', listener);
        resolve(data);
      }
    };
    events.on('progress', listener);
  });
}

/** Resolves with the job as stored once it has failed for good; rejects if it completes. */
export async function finalFailure(queue: Queue, events: QueueEvents, job: Job): Promise<Job> {
  let completed = false;
  try {
    await job.waitUntilFinished(events);
    completed = true;
  } catch {
    // Expected: it failed.
  }
  if (completed) throw new Error(`job ${job.id} completed; a failure was expected`);
  const stored = await queue.getJob(job.id!);
  if ((await stored?.getState()) !== 'failed') throw new Error(`job ${job.id} is not in the failed state`);
  return stored!;
}
