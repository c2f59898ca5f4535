import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { createAdapter } from '@socket.io/redis-adapter';
import { buildApp } from './app';
import { AccessPolicy } from './auth/access-policy';
import { AuthService } from './auth/auth-service';
import type { GuardedRoute } from './auth/route-guard';
import { NodeBus } from './cluster/node-bus';
import { StageCluster } from './cluster/stage-cluster';
import { type Config, redactUrl } from './config';
import { migrate, openDatabase, type DatabaseHandle } from './db/database';
import type { Logger } from './logger';
import type { StageRoom } from './media/stage-room';
import { WorkerPool } from './media/worker-pool';
import { jobDashboard } from './queue/job-dashboard';
import { MediaQueue } from './queue/media-queue';
import { chatHandlers } from './qa/chat-handlers';
import { ChatService } from './qa/chat-service';
import { pollHandlers } from './qa/poll-handlers';
import { PollService } from './qa/poll-service';
import { qaHandlers } from './qa/qa-handlers';
import { QaService } from './qa/qa-service';
import { QaStore } from './qa/qa-store';
import { RateLimiter } from './signalling/rate-limiter';
import { startRecordings, type Recordings } from './recordings/recordings';
import { Dispatcher } from './signalling/dispatcher';
import { createSignallingServer, type SignallingServer } from './signalling/socket-server';
import { stageHandlers } from './stage/stage-handlers';
import { StageService } from './stage/stage-service';

export interface Platform {
  url: string;
  database: DatabaseHandle;
  pool: WorkerPool;
  stages: StageService;
  cluster: StageCluster;
  /** This node's link to the others (tests stop its heartbeat to play a node that died). */
  bus: NodeBus;
  io: SignallingServer;
  /** REST routes with their declared permissions. */
  routes: GuardedRoute[];
  recordings: Recordings;
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
  const bus = await NodeBus.start(redis, config.REDIS_PREFIX, logger);
  const cluster: StageCluster = new StageCluster({
    bus,
    redis,
    prefix: config.REDIS_PREFIX,
    listenIp: { ip: config.RTC_LISTEN_IP, announcedIp: config.PIPE_ANNOUNCED_IP },
    logger,
    // Rooms live in the stage service, created next; the cluster only asks once requests arrive.
    findRoom: (sessionId): Promise<StageRoom | undefined> => stages.existingRoom(sessionId),
  });
  const stages = new StageService(
    pool,
    { transport: { listenIp: config.RTC_LISTEN_IP, announcedIp: config.RTC_ANNOUNCED_IP }, consumerBudget: config.STAGE_CONSUMER_BUDGET },
    cluster,
    logger,
  );
  const auth = new AuthService(database.db);
  const access = new AccessPolicy(database.db);
  const interaction = {
    qa: new QaService(new QaStore(database.interactionDb)),
    polls: new PollService(database.interactionDb),
    chat: new ChatService(database.interactionDb),
  };
  const dispatcher = new Dispatcher(
    { ...stageHandlers(stages), ...qaHandlers(interaction.qa), ...pollHandlers(interaction.polls), ...chatHandlers(interaction.chat) },
    access,
    new RateLimiter(redis, config.REDIS_PREFIX),
    logger,
  );

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
  const recordings = await startRecordings({ config, db: database.db, queue, stages, bus, cluster, logger });
  await recordings.register(app);
  await app.register(jobDashboard({ queue, auth, db: database.db }));
  // Broadcasts reach the sockets of every node sharing this Redis and prefix.
  const adapterSubscriber = redis.duplicate();
  const io = createSignallingServer(app.server, { auth, dispatcher, stages, interaction, logger });
  io.adapter(createAdapter(redis, adapterSubscriber, { key: `${config.REDIS_PREFIX}:socket.io` }));
  await app.listen({ host: config.HOST, port: config.PORT });
  const { port } = app.server.address() as AddressInfo;
  url = config.PUBLIC_URL ?? `http://localhost:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await recordings.close();
      await stages.close();
      await io.close();
      await app.close();
      await pool.close();
      await queue.close();
      await bus.close();
      adapterSubscriber.disconnect();
      redis.disconnect();
      await database.close();
    })());

  return { url, database, pool, stages, cluster, bus, io, routes: app.guardedRoutes, recordings, close };
}
