import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { LocalStorage } from '../../src/storage';
import { describeMediaStorage } from '../helpers/media-storage-behaviour';

async function temporaryFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'rounds-local-storage-'));
}

describeMediaStorage('LocalStorage', async () => {
  const root = await temporaryFolder();
  return { storage: new LocalStorage(root), close: () => fs.rm(root, { recursive: true, force: true }) };
});

describe('LocalStorage', () => {
  let parent: string;
  let root: string;
  let storage: LocalStorage;

  beforeEach(async () => {
    // The root sits inside a folder of the test's own, so files escaping it would be seen.
    parent = await temporaryFolder();
    root = path.join(parent, 'storage');
    storage = new LocalStorage(root);
  });

  afterEach(async () => {
    await fs.rm(parent, { recursive: true, force: true });
  });

  it('keeps a key as the file <root>/<key>, and localPath gives that file itself', async () => {
    await storage.putStream('recordings/r1/parts/p1.mkv', Readable.from([Buffer.from('x')]));
    const file = path.join(root, 'recordings', 'r1', 'parts', 'p1.mkv');
    await expect(fs.readFile(file, 'utf8')).resolves.toBe('x');
    await expect(storage.localPath('recordings/r1/parts/p1.mkv', path.join(parent, 'scratch'))).resolves.toBe(file);
    await expect(fs.readdir(parent)).resolves.toEqual(['storage']); // Nothing downloaded into scratch.
  });

  it('reads the range 0-0 as the first byte alone', async () => {
    await storage.putStream('assets/a1/seg-000.ts', Readable.from([Buffer.from('0123')]));
    await expect(text(await storage.read('assets/a1/seg-000.ts', { start: 0, end: 0 }))).resolves.toBe('0');
  });

  it('resolves a relative root against the working directory', () => {
    expect(new LocalStorage('var/storage').root).toBe(path.resolve('var/storage'));
  });

  it('writes nothing outside its root for keys that try to escape it', async () => {
    for (const key of ['../outside', '../../outside', '/tmp/outside']) {
      await expect(storage.putStream(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(/Not a storage key/);
    }
    await expect(fs.readdir(parent)).resolves.toEqual([]);
  });

  it('shows neither readers nor list a file while it is being written', async () => {
    const body = new PassThrough();
    const upload = storage.putStream('uploads/u1/slides.pdf', body);
    body.write(Buffer.alloc(1000));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(storage.stat('uploads/u1/slides.pdf')).resolves.toBeNull();
    await expect(storage.list('uploads')).resolves.toEqual([]);
    body.end(Buffer.alloc(24));
    await expect(upload).resolves.toEqual({ bytes: 1024 });
    await expect(storage.stat('uploads/u1/slides.pdf')).resolves.toMatchObject({ size: 1024 });
  });

  it('leaves no temporary file behind when an upload fails', async () => {
    const body = Readable.from([Buffer.alloc(100), Buffer.alloc(100)]);
    await expect(storage.putStream('uploads/u1/slides.pdf', body, { maxBytes: 150 })).rejects.toThrow(/limit of 150 bytes/);
    await expect(fs.readdir(path.join(root, 'uploads', 'u1'))).resolves.toEqual([]);
  });
});
