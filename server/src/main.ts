import { ConfigError, loadConfig } from './config';
import { demoAccounts, demoPassword, seedDemo } from './db/seed';
import { createLogger } from './logger';
import { startPlatform } from './platform';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const platform = await startPlatform(config, logger);
  if (config.SEED_DEMO) {
    const { created } = await seedDemo(platform.database.db);
    logger.info({ created }, 'demo conference ready');
  }
  logger.info({ url: platform.url, workers: platform.pool.size }, 'Rounds server listening');
  // Tells a supervising script (scripts/start.mjs) that the server is ready, and where.
  process.send?.({ type: 'ready', url: platform.url, demo: config.SEED_DEMO ? { demoAccounts, demoPassword } : null });

  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    platform.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  // Started by scripts/start.mjs: if that supervisor dies, stop too rather than linger.
  process.once('disconnect', () => stop('supervisor gone'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Rounds server failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
