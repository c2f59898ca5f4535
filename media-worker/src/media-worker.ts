import os from 'node:os';
import { bullPrefix, mediaQueueName } from '@rounds/shared';
import type { MediaStorage } from '@rounds/shared/src/storage/media-storage';
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from './config';
import type { Logger } from './logger';
import { processorFor } from './processors';

export interface MediaWorker {
  /** Stops taking jobs and resolves once the active ones have finished. Idempotent. */
  close(): Promise<void>;
  /**
   * Stops taking jobs, gives the active ones `graceMs` to finish, then stops their tools and hands
   * them back to the queue for another worker (see `handBack`). Resolves once closed, with what
   * became of the active jobs.
   */
  shutdown(graceMs: number): Promise<'finished' | 'handedBack'>;
}

export interface MediaWorkerDependencies {
  storage: MediaStorage;
  scratchDir: string;
}

const handBackReason = 'media-worker is shutting down';

/** Starts consuming the media queue; resolves once the worker is connected and waiting for jobs. */
export async function startMediaWorker(config: Config, logger: Logger, deps: MediaWorkerDependencies): Promise<MediaWorker> {
  // BullMQ's blocking commands must wait for Redis as long as it takes, not fail after N retries.
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const tools = { ffmpegBin: config.FFMPEG_BIN, ffprobeBin: config.FFPROBE_BIN };
  let handingBack = false;

  const worker = new Worker(
    mediaQueueName,
    // Three parameters on purpose: BullMQ only passes the abort signal to a processor whose
    // declared arity is 3 or more (it checks `processor.length`).
    async (job: Job, token: string | undefined, signal?: AbortSignal) => {
      const run = processorFor(job.name);
      const jobLogger = logger.child({ jobId: job.id, jobName: job.name });
      // Progress reports go out one after another, and all before the job's result: a percent
      // written after "completed" would show a finished job as 97 %.
      let progress = Promise.resolve();
      const reportProgress = (percent: number) => {
        progress = progress.then(
          () => job.updateProgress(percent),
          () => undefined,
        ).catch((error: unknown) => jobLogger.warn({ err: error, percent }, 'could not report progress'));
      };
      try {
        return await run(job.data, {
          logger: jobLogger,
          signal: signal ?? new AbortController().signal,
          tools,
          storage: deps.storage,
          scratchDir: deps.scratchDir,
          reportProgress,
        });
      } catch (error) {
        if (handingBack && signal?.aborted) await handBack(job, token, jobLogger);
        throw error;
      } finally {
        await progress;
      }
    },
    {
      connection,
      // Stored on each job it takes (`processedBy`): which host and process ran a transcode.
      name: workerName(),
      prefix: bullPrefix(config.REDIS_PREFIX),
      concurrency: config.MEDIA_CONCURRENCY,
      // A worker that dies (SIGKILL, power loss) stops renewing its job's lock; once it lapses the
      // stalled check of any worker puts the job back in the queue. Both from one setting.
      lockDuration: config.MEDIA_LOCK_MS,
      stalledInterval: config.MEDIA_LOCK_MS,
    },
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
  // The lock of a job is gone (it lapsed, and the job was put back for another worker): finishing
  // it here would be wasted work that BullMQ refuses to record, so stop its tools.
  worker.on('lockRenewalFailed', (jobIds) => {
    for (const jobId of jobIds) {
      logger.warn({ jobId }, 'lost the lock of a job; stopping it');
      worker.cancelJob(jobId, 'lock lost');
    }
  });
  // Connection trouble is reported here; without a listener an 'error' event would crash the process.
  worker.on('error', (error) => logger.error({ err: error }, 'media worker error'));

  await worker.waitUntilReady();

  let closing: Promise<void> | undefined;
  const close = () => {
    // Worker first (it waits for active jobs and uses the connection to report them), then Redis.
    closing ??= worker.close().then(async () => {
      await connection.quit();
    });
    return closing;
  };
  return {
    close,
    async shutdown(graceMs) {
      const closed = close();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'graceOver'>((resolve) => {
        timer = setTimeout(() => resolve('graceOver'), graceMs);
      });
      const outcome = await Promise.race([closed.then(() => 'closed' as const), graceOver]);
      clearTimeout(timer);
      if (outcome === 'closed') return 'finished';
      handingBack = true;
      worker.cancelAllJobs(handBackReason);
      await closed;
      return 'handedBack';
    },
  };
}

/** `media-worker@<host>:<pid>`. */
export function workerName(pid = process.pid): string {
  return `media-worker@${os.hostname()}:${pid}`;
}

/**
 * Puts an active job back at the head of the queue without counting an attempt, so another worker
 * takes it at once. The alternative, exiting and letting the lock lapse, delays the job by the
 * lock duration plus a stalled check, and counts as a stall (a second one fails the job for good).
 * Throws WaitingError, which tells BullMQ the job has moved and must be neither completed nor failed.
 */
async function handBack(job: Job, token: string | undefined, logger: Logger): Promise<never> {
  try {
    await job.moveToWait(token);
  } catch (error) {
    // The lock is gone already (it lapsed): the stalled check hands the job back instead.
    logger.warn({ err: error }, 'could not hand the job back; it will be retried once its lock lapses');
    throw error;
  }
  logger.info('handed the job back to the queue');
  throw new WaitingError();
}
