import { bullPrefix, mediaQueueName } from '@rounds/shared';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './logger';
import { processorFor } from './processors';

export interface MediaWorker {
  /** Stops taking jobs and resolves once the active ones have finished. Idempotent. */
  close(): Promise<void>;
}

/** Starts consuming the media queue; resolves once the worker is connected and waiting for jobs. */
export async function startMediaWorker(config: Config, logger: Logger): Promise<MediaWorker> {
  // BullMQ's blocking commands must wait for Redis as long as it takes, not fail after N retries.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const tools = { ffmpegBin: config.FFMPEG_BIN, ffprobeBin: config.FFPROBE_BIN };

  const worker = new Worker(
    mediaQueueName,
    // Three parameters on purpose: BullMQ only passes the abort signal to a processor whose
    // declared arity is 3 or more (it checks `processor.length`).
    async (job: Job, _token: string | undefined, signal?: AbortSignal) => {
      const run = processorFor(job.name);
      const jobLogger = logger.child({ jobId: job.id, jobName: job.name });
      return run(job.data, { logger: jobLogger, signal: signal ?? new AbortController().signal, tools });
    },
    { connection, prefix: bullPrefix(config.REDIS_PREFIX), concurrency: config.MEDIA_CONCURRENCY },
  );

  worker.on('active', (job) => {
    logger.info({ jobId: job.id, jobName: job.name, attempt: job.attemptsMade + 1 }, 'job started');
  });
  worker.on('completed', (job) => {
    const durationMs = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined;
    logger.info({ jobId: job.id, jobName: job.name, durationMs }, 'job completed');
  });
  worker.on('failed', (job, error) => {
    // `job` is undefined when BullMQ fails a job it found stalled without loading it.
    const permanent = error instanceof UnrecoverableError;
    const willRetry = job !== undefined && !permanent && job.attemptsMade < (job.opts.attempts ?? 1);
    logger[willRetry ? 'warn' : 'error'](
      { jobId: job?.id, jobName: job?.name, attemptsMade: job?.attemptsMade, permanent, willRetry, err: error },
      'job failed',
    );
  });
  // Connection trouble is reported here; without a listener an 'error' event would crash the process.
  worker.on('error', (error) => logger.error({ err: error }, 'media worker error'));

  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  return {
    close() {
      // Worker first (it waits for active jobs and uses the connection to report them), then Redis.
      closing ??= worker.close().then(async () => {
        await connection.quit();
      });
      return closing;
    },
  };
}
