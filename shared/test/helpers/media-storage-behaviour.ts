import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { type MediaStorage, StorageLimitError, StorageNotFoundError } from '../../src/storage';

const MiB = 1024 * 1024;

/** A body of `total` bytes in chunks of at most `chunkSize`, generated lazily so large bodies cost no memory up front. */
function bytes(total: number, chunkSize = 64 * 1024, fill = (index: number) => index % 251): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(chunkSize, total - sent);
      const chunk = Buffer.alloc(size);
      for (let i = 0; i < size; i++) chunk[i] = fill(sent + i);
      sent += size;
      this.push(chunk);
    },
  });
}

/** A body that sends `before` bytes and then fails with `error`. */
function failingAfter(before: number, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(before, 7));
      } else {
        this.destroy(error);
      }
    },
  });
}

async function sha256(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const escapingKeys = ['../x', '/etc/passwd', 'a//b', 'a/../../x', 'a/./b', '', 'a/', '.hidden/x'];

/**
 * The behaviour every MediaStorage must have, run against each driver. `open` gives an empty
 * storage for one test and a function that disposes of it.
 */
export function describeMediaStorage(name: string, open: () => Promise<{ storage: MediaStorage; close: () => Promise<void> }>): void {
  describe(`${name} (MediaStorage behaviour)`, () => {
    let storage: MediaStorage;
    let close: () => Promise<void>;
    /** A scratch folder of the test's own, outside the storage. */
    let scratch: string;

    beforeEach(async () => {
      ({ storage, close } = await open());
      scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'rounds-storage-scratch-'));
    });

    afterEach(async () => {
      await close();
      await fs.rm(scratch, { recursive: true, force: true });
    });

    async function put(key: string, content: string): Promise<void> {
      await storage.putStream(key, Readable.from([Buffer.from(content)]));
    }

    async function readText(key: string, range?: { start: number; end: number }): Promise<string> {
      return text(await storage.read(key, range));
    }

    it('stores a stream and reads it back, reporting the bytes written', async () => {
      await expect(storage.putStream('recordings/r1/parts/p1.mkv', Readable.from([Buffer.from('hello '), Buffer.from('world')]))).resolves.toEqual({
        bytes: 11,
      });
      await expect(readText('recordings/r1/parts/p1.mkv')).resolves.toBe('hello world');
    });

    it('stores a local file and replaces what was at the key', async () => {
      const source = path.join(scratch, 'poster.jpg');
      await fs.writeFile(source, 'first');
      await storage.putFile('assets/a1/poster.jpg', source);
      await fs.writeFile(source, 'second, longer');
      await storage.putFile('assets/a1/poster.jpg', source);
      await expect(readText('assets/a1/poster.jpg')).resolves.toBe('second, longer');
    });

    it('round-trips a body larger than one multipart part (5 MiB) byte for byte', async () => {
      const size = 11 * MiB + 123;
      const expected = await sha256(bytes(size));
      await expect(storage.putStream('recordings/big/raw.mkv', bytes(size))).resolves.toEqual({ bytes: size });
      await expect(sha256(await storage.read('recordings/big/raw.mkv'))).resolves.toBe(expected);
      expect((await storage.stat('recordings/big/raw.mkv'))?.size).toBe(size);
    });

    it('reads an inclusive byte range, stops a range at the last byte, and gives nothing past the end', async () => {
      await put('assets/a1/v1/720p/seg-003.ts', '0123456789');
      await expect(readText('assets/a1/v1/720p/seg-003.ts', { start: 2, end: 4 })).resolves.toBe('234');
      // A single byte. Not at 0: s3rver reads `bytes=0-0` as the whole object (its bug, not S3's), and
      // LocalStorage's own test covers that range.
      await expect(readText('assets/a1/v1/720p/seg-003.ts', { start: 3, end: 3 })).resolves.toBe('3');
      await expect(readText('assets/a1/v1/720p/seg-003.ts', { start: 7, end: 100 })).resolves.toBe('789');
      await expect(readText('assets/a1/v1/720p/seg-003.ts', { start: 10, end: 20 })).resolves.toBe('');
    });

    it('rejects a range that is not one (end before start, negative, fractional)', async () => {
      await put('assets/a1/x.ts', '0123456789');
      for (const range of [
        { start: 5, end: 4 },
        { start: -1, end: 4 },
        { start: 0.5, end: 4 },
      ]) {
        await expect(storage.read('assets/a1/x.ts', range)).rejects.toThrow(RangeError);
      }
    });

    it('rejects reading a missing key with StorageNotFoundError, even where a folder of keys is', async () => {
      await put('recordings/r1/parts/p1.mkv', 'x');
      for (const key of ['recordings/r1/parts/none.mkv', 'recordings/r1', 'nothing/here']) {
        const failure = storage.read(key);
        await expect(failure).rejects.toBeInstanceOf(StorageNotFoundError);
        await expect(failure).rejects.toMatchObject({ key });
      }
    });

    it('gives the size and last change of a key, and null where nothing is stored', async () => {
      const before = Date.now();
      await put('recordings/r1/parts/p1.mkv', '12345');
      const stat = await storage.stat('recordings/r1/parts/p1.mkv');
      expect(stat?.size).toBe(5);
      expect(stat?.modifiedAt).toBeInstanceOf(Date);
      // S3 keeps whole seconds.
      expect(stat!.modifiedAt.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
      expect(stat!.modifiedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      await expect(storage.stat('recordings/r1/parts/none.mkv')).resolves.toBeNull();
      await expect(storage.stat('recordings/r1')).resolves.toBeNull();
    });

    it('lists every key under a prefix, sorted, and nothing beside it', async () => {
      for (const key of ['assets/a1/v1/720p/seg-002.ts', 'assets/a1/v1/480p/seg-001.ts', 'assets/a1/master.m3u8', 'assets/a10/other.ts', 'assets/a1x']) {
        await put(key, key);
      }
      await expect(storage.list('assets/a1')).resolves.toEqual([
        'assets/a1/master.m3u8',
        'assets/a1/v1/480p/seg-001.ts',
        'assets/a1/v1/720p/seg-002.ts',
      ]);
      await expect(storage.list('assets/a1/v1/720p')).resolves.toEqual(['assets/a1/v1/720p/seg-002.ts']);
      await expect(storage.list('assets/none')).resolves.toEqual([]);
    });

    it('deletes a key and everything under key/, leaving keys that only share its first letters', async () => {
      for (const key of ['recordings/r1/parts/p1.mkv', 'recordings/r1/parts/p2.mkv', 'recordings/r1/raw.mkv', 'recordings/r10/raw.mkv']) {
        await put(key, key);
      }
      await storage.deletePrefix('recordings/r1/parts');
      await expect(storage.list('recordings')).resolves.toEqual(['recordings/r1/raw.mkv', 'recordings/r10/raw.mkv']);
      await storage.deletePrefix('recordings/r1/raw.mkv');
      await storage.deletePrefix('recordings/r1');
      await expect(storage.list('recordings')).resolves.toEqual(['recordings/r10/raw.mkv']);
      await expect(storage.deletePrefix('recordings/none')).resolves.toBeUndefined();
    });

    it('lists and deletes more keys than one page or batch holds (1,000)', async () => {
      const keys = Array.from({ length: 1001 }, (_, i) => `assets/many/seg-${String(i).padStart(4, '0')}.ts`);
      for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => put(key, 'x')));
      await expect(storage.list('assets/many')).resolves.toEqual(keys);
      await storage.deletePrefix('assets/many');
      await expect(storage.list('assets/many')).resolves.toEqual([]);
    }, 60_000);

    it.each(escapingKeys)('rejects the key %j in every method, touching nothing', async (key) => {
      const source = path.join(scratch, 'file.txt');
      await fs.writeFile(source, 'x');
      const attempts: [string, () => Promise<unknown>][] = [
        ['putFile', () => storage.putFile(key, source)],
        ['putStream', () => storage.putStream(key, Readable.from([Buffer.from('x')]))],
        ['putDirectory', () => storage.putDirectory(key, scratch)],
        ['localPath', () => storage.localPath(key, scratch)],
        ['read', () => storage.read(key)],
        ['stat', () => storage.stat(key)],
        ['list', () => storage.list(key)],
        ['deletePrefix', () => storage.deletePrefix(key)],
      ];
      for (const [method, attempt] of attempts) {
        await expect(attempt().then(() => `${method} accepted it`)).rejects.toThrow(/^Not a storage key/);
      }
      await expect(fs.readdir(scratch)).resolves.toEqual(['file.txt']);
    });

    it('rejects a stream past maxBytes with StorageLimitError, stops reading it and stores nothing', async () => {
      const body = bytes(1000, 100);
      const upload = storage.putStream('uploads/u1/slides.pdf', body, { maxBytes: 999 });
      await expect(upload).rejects.toBeInstanceOf(StorageLimitError);
      await expect(upload).rejects.toMatchObject({ maxBytes: 999 });
      expect(body.destroyed).toBe(true);
      await expect(storage.stat('uploads/u1/slides.pdf')).resolves.toBeNull();
      await expect(storage.list('uploads')).resolves.toEqual([]);
    });

    it('accepts a stream of exactly maxBytes', async () => {
      await expect(storage.putStream('uploads/u1/slides.pdf', bytes(1000, 100), { maxBytes: 1000 })).resolves.toEqual({ bytes: 1000 });
    });

    it('stores nothing when a large stream passes maxBytes after several parts were sent', async () => {
      const body = bytes(14 * MiB, MiB);
      await expect(storage.putStream('recordings/r2/raw.mkv', body, { maxBytes: 12 * MiB })).rejects.toBeInstanceOf(StorageLimitError);
      expect(body.destroyed).toBe(true);
      await expect(storage.list('recordings')).resolves.toEqual([]);
    });

    it('rejects with the stream error when the body fails midway, keeping what the key held before', async () => {
      await put('recordings/r1/raw.mkv', 'the earlier file');
      const broken = new Error('connection reset by the uploader');
      await expect(storage.putStream('recordings/r1/raw.mkv', failingAfter(1000, broken))).rejects.toBe(broken);
      await expect(storage.putStream('recordings/r1/new.mkv', failingAfter(6 * MiB, broken))).rejects.toBe(broken);
      await expect(readText('recordings/r1/raw.mkv')).resolves.toBe('the earlier file');
      await expect(storage.list('recordings')).resolves.toEqual(['recordings/r1/raw.mkv']);
    });

    it('rejects putFile of a missing local file, storing nothing', async () => {
      await expect(storage.putFile('assets/a1/poster.jpg', path.join(scratch, 'missing.jpg'))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(storage.list('assets')).resolves.toEqual([]);
    });

    it('stores every file of a local folder under a prefix, keeping the relative paths', async () => {
      const hls = path.join(scratch, 'hls');
      await fs.mkdir(path.join(hls, '720p'), { recursive: true });
      await fs.mkdir(path.join(hls, '360p'), { recursive: true });
      await fs.writeFile(path.join(hls, 'master.m3u8'), '#EXTM3U');
      await fs.writeFile(path.join(hls, '720p', 'seg-000.ts'), 'high');
      await fs.writeFile(path.join(hls, '360p', 'seg-000.ts'), 'low');
      await storage.putDirectory('assets/a1/v2', hls);
      await expect(storage.list('assets/a1/v2')).resolves.toEqual(['assets/a1/v2/360p/seg-000.ts', 'assets/a1/v2/720p/seg-000.ts', 'assets/a1/v2/master.m3u8']);
      await expect(readText('assets/a1/v2/720p/seg-000.ts')).resolves.toBe('high');
      await expect(fs.readdir(hls)).resolves.toHaveLength(3); // The source folder is left as it was.
    });

    it('refuses a folder holding a name that cannot be a key, before storing any of it', async () => {
      const hls = path.join(scratch, 'hls');
      await fs.mkdir(hls);
      await fs.writeFile(path.join(hls, 'a.ts'), 'a');
      await fs.writeFile(path.join(hls, '.DS_Store'), 'finder');
      await expect(storage.putDirectory('assets/a1/v2', hls)).rejects.toThrow(/Not a storage key/);
      await expect(storage.list('assets')).resolves.toEqual([]);
    });

    it('gives a local file holding the bytes of a key, with the key file name, or StorageNotFoundError', async () => {
      await put('recordings/r1/parts/p1.mkv', 'matroska bytes');
      const file = await storage.localPath('recordings/r1/parts/p1.mkv', scratch);
      expect(path.basename(file)).toBe('p1.mkv');
      await expect(fs.readFile(file, 'utf8')).resolves.toBe('matroska bytes');
      await expect(storage.localPath('recordings/r1/parts/none.mkv', scratch)).rejects.toBeInstanceOf(StorageNotFoundError);
    });
  });
}
