import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createStorage } from '@rounds/shared/src/storage';
import type { NodeBus } from '../cluster/node-bus';
import type { StageCluster } from '../cluster/stage-cluster';
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Logger } from '../logger';
import type { MediaQueue } from '../queue/media-queue';
import type { StageService } from '../stage/stage-service';
import { mediaRoutes } from './media-routes';
import { recordingRoutes } from './recording-routes';
import { RecordingService } from './recording-service';
import { RecordingStore } from './recording-store';
import { ReplayStore } from './replay-store';
import { StageRecorder } from './stage-recorder';
import { recordingUploadRoutes } from './upload-routes';

export interface Recordings {
  service: RecordingService;
  recorder: StageRecorder;
  /** Adds the console, upload, library and media routes to the app. */
  register(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

/**
 * Wires recording on this node: captures of its stages, the transcode jobs' events, and the
 * routes. Catches up with jobs that finished while the server was away.
 */
export async function startRecordings(deps: {
  config: Config;
  db: Db;
  queue: MediaQueue;
  stages: StageService;
  bus: NodeBus;
  cluster: StageCluster;
  logger: Logger;
}): Promise<Recordings> {
  const { config, logger } = deps;
  const storage = createStorage(config, path.resolve(config.DATA_DIR, 'storage'));
  const spoolDir = path.resolve(config.SPOOL_DIR ?? path.join(config.DATA_DIR, 'spool'), 'recordings');
  await fs.mkdir(spoolDir, { recursive: true });
  const store = new RecordingStore(deps.db);
  const service = new RecordingService(store, deps.queue, logger);
  const recorder = new StageRecorder(
    { store, service, storage, bus: deps.bus, cluster: deps.cluster, logger },
    {
      autoRecord: config.RECORD_LIVE_SESSIONS,
      graceMs: config.RECORDING_GRACE_MS,
      tools: { ffmpegBin: config.FFMPEG_BIN, spoolDir, minPort: config.RECORDER_MIN_PORT, maxPort: config.RECORDER_MAX_PORT },
    },
  );
  deps.stages.onRoomCreated((room) => recorder.watch(room));
  await deps.queue.listen(service);
  await service.reconcile();
  await recorder.resume(await store.capturingSessions());

  const routeDeps = { service, store, replays: new ReplayStore(deps.db), recorder, storage, uploadMaxBytes: config.UPLOAD_MAX_BYTES };
  return {
    service,
    recorder,
    async register(app) {
      await app.register(recordingRoutes(routeDeps));
      await app.register(recordingUploadRoutes(routeDeps));
      await app.register(mediaRoutes({ store, storage }));
    },
    close: () => recorder.close(),
  };
}
