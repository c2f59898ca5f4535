import type { Readable } from 'node:stream';

/**
 * Where recordings, uploads and HLS assets live: a local folder by default, an S3-compatible
 * bucket when configured (`STORAGE_DRIVER=s3`). Keys are relative paths such as
 * `recordings/<id>/parts/<partId>.mkv` or `assets/<id>/v2/720p/segment-003.ts`; `assertStorageKey`
 * says which are allowed. Node-only: not exported from `@rounds/shared`'s index (the client
 * bundles that); import `@rounds/shared/src/storage`.
 */
export interface MediaStorage {
  /** Copies a local file to `key`, replacing what was there. */
  putFile(key: string, localPath: string): Promise<void>;
  /**
   * Writes a stream to `key`. Rejects, leaving nothing at `key`, when the stream errors or passes
   * `maxBytes` (a `StorageLimitError`). Resolves with the bytes written.
   */
  putStream(key: string, body: Readable, options?: { maxBytes?: number }): Promise<{ bytes: number }>;
  /** Uploads every file under a local folder to `prefix/<relative path>`. */
  putDirectory(prefix: string, localDir: string): Promise<void>;
  /**
   * A local file holding `key`'s bytes, for tools that need a path (ffmpeg): the stored file itself
   * for a local folder, a download into `scratchDir` for S3.
   */
  localPath(key: string, scratchDir: string): Promise<string>;
  /** Bytes of `key`, all or the inclusive range [start, end]. Rejects with StorageNotFoundError. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Size and last change, or null when there is nothing at `key`. */
  stat(key: string): Promise<{ size: number; modifiedAt: Date } | null>;
  /** Every key under `prefix` (recursively), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Deletes `key` and everything under `key/`; nothing there is not an error. */
  deletePrefix(prefix: string): Promise<void>;
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Nothing stored at ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

export class StorageLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Larger than the limit of ${maxBytes} bytes`);
    this.name = 'StorageLimitError';
  }
}

const keyPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Throws unless `key` is a relative path of plain segments (no `..`, no leading `/`, no empty segment). */
export function assertStorageKey(key: string): void {
  if (key.length > 512 || !keyPattern.test(key) || key.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
  }
}
