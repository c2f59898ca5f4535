import { z } from 'zod';
import { ConfigError } from '../env-config';

/**
 * docker-compose's `VAR=` and `${VAR:-}` give an empty string: treat it as unset, as readEnv does,
 * so that the schema alone (the docker-compose test parses with it) agrees with loadConfig.
 */
function unsetWhenEmpty<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema);
}

/**
 * The storage settings, shared by server and media-worker (both must point at the same storage).
 * Spread into their config schemas; then call `requireStorageSettings` on the parsed config, since
 * a spread shape cannot carry the "S3 needs a bucket and keys" rule.
 */
export const storageConfigShape = {
  /** `local`: a folder (STORAGE_DIR); `s3`: a bucket on any S3-compatible service. */
  STORAGE_DRIVER: unsetWhenEmpty(z.enum(['local', 's3']).default('local')),
  /**
   * The folder of the local driver. Unset: the caller's default (`<DATA_DIR>/storage` for the
   * server). server and media-worker must use the same folder, so set it for both when they do not
   * run from the same working directory with the same defaults.
   */
  STORAGE_DIR: unsetWhenEmpty(z.string().min(1).optional()),
  /** Service URL for S3-compatible services (MinIO, Ceph, R2, ...); unset for AWS itself. */
  S3_ENDPOINT: unsetWhenEmpty(z.string().url().optional()),
  S3_REGION: unsetWhenEmpty(z.string().min(1).default('us-east-1')),
  S3_BUCKET: unsetWhenEmpty(z.string().min(3).max(63).optional()),
  S3_ACCESS_KEY_ID: unsetWhenEmpty(z.string().min(1).optional()),
  S3_SECRET_ACCESS_KEY: unsetWhenEmpty(z.string().min(1).optional()),
  /** `true` addresses `<endpoint>/<bucket>/<key>` (what most self-hosted services need); `false` uses `<bucket>.<host>`. */
  S3_FORCE_PATH_STYLE: unsetWhenEmpty(z.enum(['true', 'false']).default('true')).transform((value) => value === 'true'),
};

export type StorageConfig = z.infer<z.ZodObject<typeof storageConfigShape>>;

/**
 * Storage settings whose values a ConfigError must not echo. The access key id is not a secret by
 * itself but names the account; the endpoint is a URL, and URLs may hold credentials.
 */
export const storageSecretKeys = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** Throws a ConfigError naming the first setting the chosen driver needs and lacks. */
export function requireStorageSettings(config: StorageConfig): void {
  if (config.STORAGE_DRIVER === 's3') requiredS3Settings(config);
}

/** The S3 settings that have no default, or a ConfigError naming the first one missing. */
export function requiredS3Settings(config: StorageConfig): { bucket: string; accessKeyId: string; secretAccessKey: string } {
  const { S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = config;
  const required = 'is required when STORAGE_DRIVER is s3';
  if (!bucket) throw new ConfigError('S3_BUCKET', required);
  if (!accessKeyId) throw new ConfigError('S3_ACCESS_KEY_ID', required);
  if (!secretAccessKey) throw new ConfigError('S3_SECRET_ACCESS_KEY', required);
  return { bucket, accessKeyId, secretAccessKey };
}
