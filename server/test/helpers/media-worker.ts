import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { createStorage } from '@rounds/shared/src/storage';
import { loadConfig } from '../../../media-worker/src/config';
import { createLogger } from '../../../media-worker/src/logger';
import { startMediaWorker, type MediaWorker } from '../../../media-worker/src/media-worker';
import type { TestPlatform } from './test-platform';

/** A real media-worker in this process, on the test platform's queue and storage folder. */
export async function startTestMediaWorker(t: TestPlatform): Promise<MediaWorker> {
  const config = loadConfig({
    REDIS_URL: t.config.REDIS_URL,
    REDIS_PREFIX: t.config.REDIS_PREFIX,
    STORAGE_DIR: t.config.STORAGE_DIR,
    MEDIA_SCRATCH_DIR: path.join(os.tmpdir(), `rounds-test-scratch-${process.pid}`),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const storage = createStorage(config, t.config.STORAGE_DIR!);
  return startMediaWorker(config, createLogger(config.LOG_LEVEL), { storage, scratchDir: config.MEDIA_SCRATCH_DIR });
}

/** A short talk made by ffmpeg: a test pattern of that size with a tone, as MP4 (H.264 + AAC). */
export async function makeTalk(file: string, seconds: number, size = '1280x720'): Promise<void> {
  const ffmpeg = spawn(process.env.FFMPEG_BIN ?? 'ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', '-y', file],
  ]);
  const [code] = (await once(ffmpeg, 'exit')) as [number];
  if (code !== 0) throw new Error(`ffmpeg could not make ${file}`);
}
