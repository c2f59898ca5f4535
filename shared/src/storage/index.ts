/**
 * Media storage for server and media-worker. Node-only (file system, AWS SDK): import
 * `@rounds/shared/src/storage`, never from `@rounds/shared`'s index, which the browser client bundles.
 */
import { LocalStorage } from './local-storage';
import type { MediaStorage } from './media-storage';
import { S3Storage } from './s3-storage';
import { requiredS3Settings, type StorageConfig } from './storage-config';

export { assertStorageKey, type MediaStorage, StorageLimitError, StorageNotFoundError } from './media-storage';
export { type ByteRange } from './byte-range';
export { LocalStorage } from './local-storage';
export { S3Storage, type S3StorageOptions } from './s3-storage';
export {
  requiredS3Settings,
  requireStorageSettings,
  type StorageConfig,
  storageConfigShape,
  storageSecretKeys,
} from './storage-config';

/**
 * The storage the configuration names. `defaultDir` is the folder of the local driver when
 * STORAGE_DIR is unset: `<DATA_DIR>/storage` for the server; the media-worker must pass the same folder.
 */
export function createStorage(config: StorageConfig, defaultDir: string): MediaStorage {
  if (config.STORAGE_DRIVER === 'local') return new LocalStorage(config.STORAGE_DIR ?? defaultDir);
  const { bucket, accessKeyId, secretAccessKey } = requiredS3Settings(config);
  return new S3Storage({
    bucket,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials: { accessKeyId, secretAccessKey },
  });
}
