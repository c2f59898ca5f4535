import { mediaQueueName } from '@rounds/shared';
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
  const worker = await startMediaWorker(config, logger);
  logger.info(
    { queue: mediaQueueName, prefix: config.REDIS_PREFIX, concurrency: config.MEDIA_CONCURRENCY, ffprobe: config.FFPROBE_BIN },
    'media-worker ready',
  );
  // Tells a supervising script that the worker is consuming jobs.
  process.send?.({ type: 'ready' });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now": do not wait for a long transcode. BullMQ retries the job later.
      logger.warn({ signal }, 'stopping without waiting for the active job');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down; waiting for the active job to finish');
    worker.close().then(
      () => process.exit(0),
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
