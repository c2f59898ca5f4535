import { Queue } from 'bullmq';
import { bullPrefix, mediaQueueName, type JobName, type JobPayload } from '@rounds/shared';
import type { Redis } from 'ioredis';

/** The only place the server creates a BullMQ queue. Jobs are idempotent by id (`jobId`). */
export class MediaQueue {
  readonly #queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.#queue = new Queue(mediaQueueName, { connection, prefix: bullPrefix(prefix) });
  }

  async add<N extends JobName>(name: N, payload: JobPayload<N>, jobId: string): Promise<string> {
    const job = await this.#queue.add(name, payload, {
      jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 7 * 24 * 3600 },
    });
    return job.id ?? jobId;
  }

  /** Job counts and how many media-workers listen: a real Redis round trip. */
  async status(): Promise<{ waiting: number; active: number; failed: number; mediaWorkers: number }> {
    const [counts, mediaWorkers] = await Promise.all([
      this.#queue.getJobCounts('waiting', 'active', 'failed'),
      this.#queue.getWorkersCount(),
    ]);
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, failed: counts.failed ?? 0, mediaWorkers };
  }

  close(): Promise<void> {
    return this.#queue.close();
  }
}
