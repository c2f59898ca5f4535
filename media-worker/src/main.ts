import path from 'node:path';
import { mediaQueueName } from '@rounds/shared';
import { createStorage } from '@rounds/shared/src/storage';
import { checkTools } from './check-tools';
import { type Config, ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startMediaWorker } from './media-worker';

/** Reads and checks the configuration; a bad one ends the process with a message naming the variable. */
async function configure(): Promise<Config> {
  try {
    const config = loadConfig();
    await checkTools(config);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = await configure();
  const logger = createLogger(config.LOG_LEVEL);
  // Unset STORAGE_DIR: the server's default (`<DATA_DIR>/storage`, DATA_DIR `./var`), for `npm start`
  // which runs both from the repository root.
  const storage = createStorage(config, path.resolve('var', 'storage'));
  const worker = await startMediaWorker(config, logger, { storage, scratchDir: config.MEDIA_SCRATCH_DIR });
  logger.info(
    {
      queue: mediaQueueName,
      prefix: config.REDIS_PREFIX,
      concurrency: config.MEDIA_CONCURRENCY,
      ffprobe: config.FFPROBE_BIN,
      storage: config.STORAGE_DRIVER,
      scratchDir: config.MEDIA_SCRATCH_DIR,
    },
    'media-worker ready',
  );
  // Tells a supervising script that the worker is consuming jobs.
  process.send?.({ type: 'ready' });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now": do not wait. The job's lock lapses and BullMQ retries it later.
      logger.warn({ signal }, 'stopping without waiting for the active job');
      process.exit(1);
    }
    stopping = true;
    const graceMs = config.MEDIA_SHUTDOWN_GRACE_MS;
    logger.info({ signal, graceMs }, 'shutting down: taking no more jobs, giving the active one time to finish');
    worker.shutdown(graceMs).then(
      (outcome) => {
        logger.info({ outcome }, outcome === 'finished' ? 'active jobs finished; exiting' : 'handed the active jobs back to the queue; exiting');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  // Started by scripts/start.mjs: if that supervisor dies, stop too rather than linger.
  process.once('disconnect', () => stop('supervisor gone'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`media-worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
