import { createReadStream, createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ByteLimit } from './byte-limit';
import { assertRange, type ByteRange } from './byte-range';
import { keysForDirectory, writeFileAtomically } from './local-files';
import { assertStorageKey, type MediaStorage, StorageNotFoundError } from './media-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** The service URL of an S3-compatible service; unset for AWS. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<host>/<key>`. */
  forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, instance role, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** DeleteObjects takes at most this many keys per request. */
const deleteBatchSize = 1000;
/** Files putDirectory uploads at once: HLS renditions are many small segments. */
const directoryConcurrency = 4;

/**
 * MediaStorage in a bucket of any S3-compatible service. A key is the object's name as is.
 * Objects are written whole or not at all: a failed upload (error, limit) never becomes visible,
 * and lib-storage aborts a multipart upload that fails.
 */
export class S3Storage implements MediaStorage {
  readonly bucket: string;
  readonly #client: S3Client;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.#client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials: options.credentials,
      // Since 3.729 the SDK adds checksums to every upload and sends streams as `aws-chunked` with a
      // trailer, which many S3-compatible services reject. Send them only where S3 requires one
      // (DeleteObjects); TLS and S3's own MD5 ETags still cover transfers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async putFile(key: string, localPath: string): Promise<void> {
    assertStorageKey(key);
    await this.#upload(key, createReadStream(localPath));
  }

  async putStream(key: string, body: Readable, options: { maxBytes?: number } = {}): Promise<{ bytes: number }> {
    assertStorageKey(key);
    const counter = new ByteLimit(options.maxBytes ?? Number.MAX_SAFE_INTEGER);
    // pipeline destroys the body as soon as the counter fails (limit) or is destroyed (failed
    // upload). Its outcome is taken at once, so a body failing mid-upload is never an unhandled rejection.
    const flowed = pipeline(body, counter).then(
      () => undefined,
      (error: unknown) => error,
    );
    try {
      await this.#upload(key, counter);
    } catch (error) {
      // The upload sees the counter's failure (the body's error, or the limit) as its own: report that.
      // When lib-storage's AbortMultipartUpload fails it reports that instead; the parts left behind
      // never form an object (a bucket lifecycle rule removes them), so the cause is what matters.
      const cause: unknown = counter.errored ?? error;
      counter.destroy();
      await flowed;
      throw cause;
    }
    await flowed;
    return { bytes: counter.bytes };
  }

  /** Every key is checked before the first upload; a few files are uploaded at once. */
  async putDirectory(prefix: string, localDir: string): Promise<void> {
    const pending = await keysForDirectory(prefix, localDir);
    let failed = false;
    const uploader = async () => {
      for (let next = pending.shift(); next && !failed; next = pending.shift()) {
        await this.putFile(next.key, next.file).catch((error: unknown) => {
          failed = true; // The other uploaders stop taking files.
          throw error;
        });
      }
    };
    const results = await Promise.allSettled(Array.from({ length: directoryConcurrency }, uploader));
    const failure = results.find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /**
   * Downloads to `<scratchDir>/<key>` (the key's own name keeps its extension, which ffmpeg reads)
   * each time, since the object may have changed. The caller owns and cleans `scratchDir`.
   */
  async localPath(key: string, scratchDir: string): Promise<string> {
    const body = await this.read(key);
    const file = path.join(path.resolve(scratchDir), ...key.split('/'));
    try {
      await writeFileAtomically(file, (temporary) => pipeline(body, createWriteStream(temporary)));
    } finally {
      body.destroy();
    }
    return file;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    assertStorageKey(key);
    if (range) assertRange(range);
    try {
      const output = await this.#client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(output.Body instanceof Readable)) throw new Error(`No readable body for ${key}`);
      return output.Body;
    } catch (error) {
      if (isS3Error(error, 'NoSuchKey')) throw new StorageNotFoundError(key);
      // S3 answers 416 for a start past the end; the local driver gives no bytes (see assertRange).
      if (range && isS3Error(error, 'InvalidRange')) return Readable.from([]);
      throw error;
    }
  }

  async stat(key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    assertStorageKey(key);
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (error) {
      // HEAD responses have no body, so a missing object is only "NotFound".
      if (isS3Error(error, 'NotFound') || isS3Error(error, 'NoSuchKey')) return null;
      throw error;
    }
  }

  /**
   * Keys under `prefix/`, sorted; the key `prefix` itself is not listed. Objects whose names are
   * not storage keys (written by other tools) are left out, as the local driver leaves them out.
   */
  async list(prefix: string): Promise<string[]> {
    assertStorageKey(prefix);
    const keys = await this.#namesUnder(prefix);
    return keys.filter(isStorageKey).sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    assertStorageKey(prefix);
    // Deleting an absent object is no error in S3, so `prefix` itself rides in the first batch.
    const keys = [prefix, ...(await this.#namesUnder(prefix))];
    for (let start = 0; start < keys.length; start += deleteBatchSize) {
      const batch = keys.slice(start, start + deleteBatchSize);
      const result = await this.#client.send(
        new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const firstError = result.Errors?.[0];
      if (firstError) throw new Error(`Could not delete ${firstError.Key}: ${firstError.Code} ${firstError.Message}`);
    }
  }

  /** Every object name starting with `prefix/`, following continuation tokens. */
  async #namesUnder(prefix: string): Promise<string[]> {
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.#client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${prefix}/`, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) if (object.Key) names.push(object.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names;
  }

  /** lib-storage sends one PutObject for small bodies and a multipart upload (5 MiB parts) for large ones. */
  async #upload(key: string, body: Readable): Promise<void> {
    await new Upload({ client: this.#client, params: { Bucket: this.bucket, Key: key, Body: body } }).done();
  }
}

function isS3Error(error: unknown, name: string): boolean {
  return error instanceof S3ServiceException && error.name === name;
}

function isStorageKey(key: string): boolean {
  try {
    assertStorageKey(key);
    return true;
  } catch {
    return false; // Not ours to list; assertStorageKey's message is not needed here.
  }
}
