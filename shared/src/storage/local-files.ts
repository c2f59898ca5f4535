import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertStorageKey } from './media-storage';

const keySegment = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Paths (with `/`) of the regular files under `folder`, relative to it. Only names that can be key
 * segments are followed, which leaves out writeFileAtomically's temporary `.tmp-<uuid>` files. A
 * missing folder has no files.
 */
export async function filesUnder(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (!keySegment.test(entry.name)) continue;
    if (entry.isFile()) found.push(entry.name);
    else if (entry.isDirectory()) {
      for (const inner of await filesUnder(path.join(folder, entry.name))) found.push(`${entry.name}/${inner}`);
    }
  }
  return found;
}

/**
 * The key of every file under the local folder `localDir` when stored under `prefix`, for
 * putDirectory. Everything is checked before anything is written: a name that cannot be a key
 * (`.DS_Store`, a space) or an entry that is not a file or folder (a symbolic link) throws, rather
 * than being left out of an upload silently.
 */
export async function keysForDirectory(prefix: string, localDir: string): Promise<{ key: string; file: string }[]> {
  assertStorageKey(prefix);
  const files: { key: string; file: string }[] = [];
  async function walk(folder: string, keyPrefix: string): Promise<void> {
    for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
      const key = `${keyPrefix}/${entry.name}`;
      assertStorageKey(key);
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file, key);
      else if (entry.isFile()) files.push({ key, file });
      else throw new Error(`Only files and folders can be stored: ${file}`);
    }
  }
  await walk(localDir, prefix);
  return files.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Runs `write` into a fresh temporary file beside `file`, then renames it into place (atomic within
 * one folder), so a reader never sees half a file; on failure the temporary file is removed and
 * `file` is as it was. Temporary names start with a dot, which `filesUnder` skips.
 */
export async function writeFileAtomically(file: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.tmp-${randomUUID()}`);
  try {
    await write(temporary);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Whether a file system error means "nothing there". */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR: a path segment is a file (`a/b` asked while `a` is a file), so nothing is at the key.
  return code === 'ENOENT' || code === 'ENOTDIR';
}
