import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, readEnv } from '@rounds/shared';
import { requireStorageSettings, storageConfigShape, storageSecretKeys } from '@rounds/shared/src/storage/storage-config';
import { z } from 'zod';

/**
 * Every setting media-worker reads, from environment variables, validated once at start.
 * The same names are used by docker-compose.yml (a test compares its keys with this schema).
 */
export const configSchema = z.object({
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  /** Must equal the server's REDIS_PREFIX: both derive the BullMQ prefix from it (see bullPrefix). */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('rounds'),
  /** Must name the same storage as the server's: it reads the recordings and writes the HLS assets there. */
  ...storageConfigShape,
  /** Jobs run at once by this process. ffmpeg uses every core it gets, so 1 is right for most hosts. */
  MEDIA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  // Defaults are functions so that ffmpeg-static is only looked up when the variable is unset.
  FFMPEG_BIN: z.string().min(1).default(() => bundledFfmpegPath() ?? 'ffmpeg'),
  /** ffmpeg-static ships no ffprobe, so the default is the one on PATH. */
  FFPROBE_BIN: z.string().min(1).default('ffprobe'),
  /**
   * How long a job's lock lasts without renewal (renewed every half of it), and how often the
   * stalled check runs: a killed worker's job is taken up again by another after one to two times this.
   */
  MEDIA_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /**
   * On SIGTERM, how long the active job may run on before it is stopped and handed back to the
   * queue for another worker. Keep it below the supervisor's stop timeout (docker: 10 s).
   */
  MEDIA_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(8000),
  /** Local folder for work in progress (downloads, the composed programme, the ladder before upload). */
  MEDIA_SCRATCH_DIR: z.string().min(1).default(() => path.join(os.tmpdir(), 'rounds-media-worker')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export { ConfigError };

/** Reads the configuration once; throws a ConfigError that names the first bad variable (REDIS_URL, which may hold a password, is not echoed). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = readEnv(configSchema, Object.keys(configSchema.shape), env, ['REDIS_URL', ...storageSecretKeys]);
  // Which S3 settings are required depends on STORAGE_DRIVER, a rule the spread storage shape cannot carry.
  requireStorageSettings(config);
  return config;
}

/**
 * The binary of the optional `ffmpeg-static` package, if it installed and its download succeeded.
 * Its install script fetches the binary from GitHub, so on offline machines the package can
 * resolve while the file is missing: check both.
 */
export function bundledFfmpegPath(load: () => unknown = loadFfmpegStatic): string | undefined {
  let resolved: unknown;
  try {
    resolved = load();
  } catch {
    return undefined; // Not installed: it is an optionalDependency.
  }
  return typeof resolved === 'string' && fs.existsSync(resolved) ? resolved : undefined;
}

function loadFfmpegStatic(): unknown {
  // A runtime require, not an import: the package is optional and may be absent at type-check time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('ffmpeg-static') as unknown;
}
