import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { buildApp } from './app';
import { AccessPolicy } from './auth/access-policy';
import { AuthService } from './auth/auth-service';
import type { GuardedRoute } from './auth/route-guard';
import { type Config, redactUrl } from './config';
import { migrate, openDatabase, type DatabaseHandle } from './db/database';
import type { Logger } from './logger';
import { WorkerPool } from './media/worker-pool';
import { MediaQueue } from './queue/media-queue';
import { Dispatcher } from './signalling/dispatcher';
import { createSignallingServer, type SignallingServer } from './signalling/socket-server';
import { stageHandlers } from './stage/stage-handlers';
import { StageService } from './stage/stage-service';

export interface Platform {
  url: string;
  database: DatabaseHandle;
  pool: WorkerPool;
  stages: StageService;
  io: SignallingServer;
  /** REST routes with their declared permissions. */
  routes: GuardedRoute[];
  close(): Promise<void>;
}

/**
 * Wires every part of one server node and starts listening. Used by main.ts and by integration
 * tests, so tests run the same wiring as production.
 */
export async function startPlatform(config: Config, logger: Logger): Promise<Platform> {
  logger.info(
    { database: config.DATABASE_URL ? redactUrl(config.DATABASE_URL) : 'embedded PGlite', redis: redactUrl(config.REDIS_URL) },
    'starting',
  );
  const database = await openDatabase(config);
  const applied = await migrate(database);
  if (applied.length) logger.info({ migrations: applied }, 'migrations applied');

  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: true });
  await redis.connect();
  const queue = new MediaQueue(redis, config.REDIS_PREFIX);
  const pool = await WorkerPool.create({
    size: config.MEDIASOUP_WORKERS,
    rtcMinPort: config.RTC_MIN_PORT,
    rtcMaxPort: config.RTC_MAX_PORT,
    logger,
  });
  const stages = new StageService(
    pool,
    { transport: { listenIp: config.RTC_LISTEN_IP, announcedIp: config.RTC_ANNOUNCED_IP }, consumerBudget: config.STAGE_CONSUMER_BUDGET },
    logger,
  );
  const auth = new AuthService(database.db);
  const access = new AccessPolicy(database.db);
  const dispatcher = new Dispatcher(stageHandlers(stages), access, logger);

  // Configured, or else known once the server has bound its port.
  let url = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const app = await buildApp({
    logger,
    database,
    redis,
    pool,
    queue,
    auth,
    access,
    clientDist: config.CLIENT_DIST,
    publicUrl: () => url,
  });
  const io = createSignallingServer(app.server, { auth, dispatcher, stages, logger });
  await app.listen({ host: config.HOST, port: config.PORT });
  const { port } = app.server.address() as AddressInfo;
  url = config.PUBLIC_URL ?? `http://localhost:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      stages.close();
      await io.close();
      await app.close();
      await pool.close();
      await queue.close();
      redis.disconnect();
      await database.close();
    })());

  return { url, database, pool, stages, io, routes: app.guardedRoutes, close };
}
