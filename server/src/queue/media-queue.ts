import { Job, Queue, QueueEvents } from 'bullmq';
import { bullPrefix, mediaQueueName, type JobName, type JobPayload } from '@rounds/shared';
import type { Redis } from 'ioredis';

/** What the server hears of its jobs (from any media-worker, through Redis). */
export interface JobListener {
  progress(jobId: string, percent: number): void;
  completed(jobId: string, result: unknown): void;
  /** A job failed for good: permanently, or after its last attempt. */
  failed(jobId: string, reason: string): void;
}

export type JobOutcome = { state: 'completed'; result: unknown } | { state: 'failed'; reason: string } | { state: 'pending' } | { state: 'missing' };

/** The only place the server creates BullMQ queues. Jobs are idempotent by id (`jobId`). */
export class MediaQueue {
  readonly #queue: Queue;
  readonly #connection: Redis;
  readonly #prefix: string;
  #events: QueueEvents | undefined;

  constructor(connection: Redis, prefix: string) {
    this.#connection = connection;
    this.#prefix = bullPrefix(prefix);
    this.#queue = new Queue(mediaQueueName, { connection, prefix: this.#prefix });
  }

  /** The queue itself, for the job dashboard. */
  get queue(): Queue {
    return this.#queue;
  }

  /** Adds a job; an existing job with the same id (waiting, active, done or failed) is kept and no new one made. */
  async add<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<string> {
    const job = await this.#queue.add(name, payload, {
      jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    return job.id ?? jobId;
  }

  /** Starts listening to job events; the listener hears events from now on (see `outcome` for the past). */
  async listen(listener: JobListener): Promise<void> {
    const events = new QueueEvents(mediaQueueName, { connection: this.#connection.duplicate(), prefix: this.#prefix });
    events.on('progress', ({ jobId, data }) => typeof data === 'number' && listener.progress(jobId, data));
    events.on('completed', ({ jobId, returnvalue }) => listener.completed(jobId, parseReturnValue(returnvalue)));
    events.on('failed', ({ jobId, failedReason }) => {
      // Also emitted for an attempt that will be retried on some BullMQ paths: only the failed state is final.
      void this.#queue.getJobState(jobId).then((state) => state === 'failed' && listener.failed(jobId, failedReason), () => undefined);
    });
    await events.waitUntilReady();
    this.#events = events;
  }

  /** What became of a job, for reconciling after a restart. */
  async outcome(jobId: string): Promise<JobOutcome> {
    const job = await Job.fromId(this.#queue, jobId);
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    if (state === 'completed') return { state, result: job.returnvalue };
    if (state === 'failed') return { state, reason: job.failedReason };
    return { state: 'pending' };
  }

  /** Job counts and how many media-workers listen: a real Redis round trip. */
  async status(): Promise<{ waiting: number; active: number; failed: number; mediaWorkers: number }> {
    const [counts, mediaWorkers] = await Promise.all([
      this.#queue.getJobCounts('waiting', 'active', 'failed'),
      this.#queue.getWorkersCount(),
    ]);
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0, mediaWorkers };
  }

  async close(): Promise<void> {
    if (this.#events) {
      const connection = await this.#events.client;
      await this.#events.close();
      connection.disconnect();
    }
    await this.#queue.close();
  }
}

function parseReturnValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
