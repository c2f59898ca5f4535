import os from 'node:os';
import path from 'node:path';
import { ConfigError, defaultUploadMaxBytes, readEnv } from '@rounds/shared';
import { requireStorageSettings, storageConfigShape, storageSecretKeys } from '@rounds/shared/src/storage/storage-config';
import { z } from 'zod';

/**
 * Every setting the server reads, from environment variables, validated once at start.
 * The same names are used by docker-compose.yml (a test checks that they agree).
 */
const port = z.coerce.number().int().min(1).max(65535);

export const configSchema = z
  .object({
    HOST: z.string().min(1).default('0.0.0.0'),
    /** 0 picks a free port (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Where browsers reach the server; printed at start and used in links. */
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** PostgreSQL connection string. Without it, embedded PGlite keeps its data under DATA_DIR. */
    DATABASE_URL: z.string().url().optional(),
    /** PostgreSQL schema to use (tests give each run its own). */
    DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('public'),
    DATA_DIR: z.string().min(1).default('./var'),
    /** Recordings, uploads and HLS assets: a folder (STORAGE_DIR, default `<DATA_DIR>/storage`) or an S3 bucket. */
    ...storageConfigShape,
    REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
    /** Prefix of every Redis key and BullMQ queue, so several deployments or test runs can share a Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('rounds'),
    MEDIASOUP_WORKERS: z.coerce.number().int().min(1).max(64).default(os.availableParallelism()),
    /** Consumers one router serves before further viewers are placed on a router on another worker (pipeToRouter). */
    STAGE_CONSUMER_BUDGET: z.coerce.number().int().min(1).max(10000).default(400),
    RTC_MIN_PORT: port.default(40000),
    RTC_MAX_PORT: port.default(49999),
    /** The IP address browsers use to reach this host's media ports (the host's public or LAN address). */
    RTC_ANNOUNCED_IP: z.string().min(1).default('127.0.0.1'),
    /**
     * The address the media ports bind to. Default: 127.0.0.1 when the announced address is a
     * loopback one, else every address (0.0.0.0). Bound to every address, the worker answers a
     * browser from the address the kernel picks (the browser's own, on this machine), not the
     * announced 127.0.0.1, so the browser drops every UDP answer and ICE falls back to TCP.
     */
    RTC_LISTEN_IP: z.string().ip().optional(),
    /** The IP address other server nodes use to reach this host's media ports for stage pipes (its private address). */
    PIPE_ANNOUNCED_IP: z.string().min(1).default('127.0.0.1'),
    /** Seed the demo conference and accounts at start (`npm start` sets it; never in production). */
    SEED_DEMO: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    /** Record every live stage from its first stream (organizers can still stop and start it). */
    RECORD_LIVE_SESSIONS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** A stage silent this long ends its recording; a speaker back sooner continues the same recording. */
    RECORDING_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    /** Local folder for stage captures while they are written (before they go to storage); default `<DATA_DIR>/spool`. */
    SPOOL_DIR: z.string().min(1).optional(),
    /** UDP ports for the local ffmpeg processes that capture stage streams (two per stream). */
    RECORDER_MIN_PORT: port.default(50000),
    RECORDER_MAX_PORT: port.default(50999),
    /** ffmpeg for capturing (copy only; transcoding runs in media-worker). */
    FFMPEG_BIN: z.string().min(1).default('ffmpeg'),
    /** Largest pre-recorded talk accepted, in bytes. */
    UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(defaultUploadMaxBytes),
    /** Folder of the built client; served at `/`. */
    CLIENT_DIST: z.string().min(1).default(path.resolve(__dirname, '../../client/dist')),
  })
  .superRefine((c, context) => {
    for (const [low, high] of [['RTC_MIN_PORT', 'RTC_MAX_PORT'], ['RECORDER_MIN_PORT', 'RECORDER_MAX_PORT']] as const) {
      if (c[low] >= c[high]) context.addIssue({ code: 'custom', message: `must be below ${high}`, path: [low] });
    }
  });

export type Config = Omit<z.infer<typeof configSchema>, 'RTC_LISTEN_IP'> & { RTC_LISTEN_IP: string };

function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address.startsWith('127.');
}

export { ConfigError };

/** Reads the configuration once; throws a ConfigError that names the first bad variable (URLs, which may hold passwords, are not echoed). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = readEnv(configSchema, Object.keys(configSchema._def.schema.shape), env, ['DATABASE_URL', 'REDIS_URL', ...storageSecretKeys]);
  // Which S3 settings are required depends on STORAGE_DRIVER, a rule the spread storage shape cannot carry.
  requireStorageSettings(config);
  return { ...config, RTC_LISTEN_IP: config.RTC_LISTEN_IP ?? (isLoopback(config.RTC_ANNOUNCED_IP) ? '127.0.0.1' : '0.0.0.0') };
}

/** Connection strings with their passwords masked, for logs. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '[unparseable]';
  }
}
