import { once } from 'node:events';
import { constants, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ByteLimit } from './byte-limit';
import { assertRange, type ByteRange } from './byte-range';
import { filesUnder, isMissing, keysForDirectory, writeFileAtomically } from './local-files';
import { assertStorageKey, type MediaStorage, StorageNotFoundError } from './media-storage';

/**
 * MediaStorage in a local folder: `key` is the file `<root>/<key>`. Keys are checked before any
 * file system call, so nothing outside the root is ever touched.
 *
 * Writes go to a temporary file next to the target and are renamed into place once complete
 * (`writeFileAtomically`), so a reader never sees half a file and a failed write leaves nothing at
 * the key.
 */
export class LocalStorage implements MediaStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async putFile(key: string, localPath: string): Promise<void> {
    await writeFileAtomically(this.#pathOf(key), (temporary) => copyFile(localPath, temporary));
  }

  async putStream(key: string, body: Readable, options: { maxBytes?: number } = {}): Promise<{ bytes: number }> {
    const counter = new ByteLimit(options.maxBytes ?? Number.MAX_SAFE_INTEGER);
    await writeFileAtomically(this.#pathOf(key), async (temporary) => {
      const file = createWriteStream(temporary, { flags: 'wx' });
      try {
        // pipeline destroys every stream on the first error, so an oversized body stops being read.
        await pipeline(body, counter, file);
      } finally {
        // The file may still be opening when the body fails: wait, or it would appear after the cleanup.
        if (!file.closed) await once(file, 'close');
      }
    });
    return { bytes: counter.bytes };
  }

  /**
   * Copies rather than moves: the caller keeps its folder (the media-worker cleans its own scratch
   * space), and both drivers then behave the same. `copyFile` asks for a copy-on-write clone, which
   * costs no extra space or I/O on file systems that support it (btrfs, XFS) and is a plain copy
   * elsewhere. Every key is checked before the first file is written.
   */
  async putDirectory(prefix: string, localDir: string): Promise<void> {
    const files = await keysForDirectory(prefix, localDir);
    for (const { key, file } of files) await this.putFile(key, file);
  }

  async localPath(key: string, _scratchDir: string): Promise<string> {
    const file = this.#pathOf(key);
    if (!(await isFile(file))) throw new StorageNotFoundError(key);
    return file;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = this.#pathOf(key);
    if (range) assertRange(range);
    // Opening first turns a missing file into a rejection here, not an error event on the stream.
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r');
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
    try {
      if ((await handle.stat()).isDirectory()) throw new StorageNotFoundError(key);
    } catch (error) {
      await handle.close();
      throw error;
    }
    // The stream closes the handle when it ends or is destroyed. An end past the file stops at its
    // last byte, a start past it gives no bytes (see assertRange).
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    const file = this.#pathOf(key);
    try {
      const stats = await fs.stat(file);
      return stats.isFile() ? { size: stats.size, modifiedAt: new Date(stats.mtimeMs) } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Keys under `prefix/`, sorted; the key `prefix` itself, if a file, is not listed. */
  async list(prefix: string): Promise<string[]> {
    const folder = this.#pathOf(prefix);
    const relative = await filesUnder(folder);
    return relative.map((name) => `${prefix}/${name}`).sort();
  }

  async deletePrefix(prefix: string): Promise<void> {
    // On a file system the key and the folder `key/` are the same path.
    try {
      await fs.rm(this.#pathOf(prefix), { recursive: true, force: true });
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  #pathOf(key: string): string {
    assertStorageKey(key);
    const file = path.join(this.root, ...key.split('/'));
    // assertStorageKey already rules out `..`; this guards against a future change to it.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
    return file;
  }
}

async function copyFile(from: string, to: string): Promise<void> {
  await fs.copyFile(from, to, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
