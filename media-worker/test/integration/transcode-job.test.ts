import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type JobPayload, type TranscodeResult, transcodeJobId } from '@rounds/shared';
import { LocalStorage } from '@rounds/shared/src/storage/local-storage';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { type MediaWorker, startMediaWorker } from '../../src/media-worker';
import { colorAt, makeAudioPart, makeUpload, makeVideoPart, maxVolumeDb, sizeOf } from '../helpers/media-files';
import { openTestQueue, type TestQueue } from '../helpers/test-queue';

/**
 * The transcode job end to end: the shared Redis (a prefix of its own), the worker as main.ts starts
 * it, a local storage folder, and the system ffmpeg on files made here.
 */
const redisUrl = 'redis://127.0.0.1:6379';
const jobOptions = { attempts: 5, backoff: { type: 'exponential', delay: 200 } };

let dir: string;
let storage: LocalStorage;
let worker: MediaWorker;
let tq: TestQueue;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mw-transcode-'));
  storage = new LocalStorage(path.join(dir, 'storage'));
  tq = await openTestQueue(redisUrl);
  const config = loadConfig({ REDIS_URL: redisUrl, REDIS_PREFIX: tq.redisPrefix, LOG_LEVEL: 'silent', FFMPEG_BIN: 'ffmpeg' });
  worker = await startMediaWorker(config, pino({ level: 'silent' }), { storage, scratchDir: path.join(dir, 'scratch') });
}, 30_000);

afterAll(async () => {
  await worker?.close();
  await tq?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

function payload(recordingId: string, inputs: JobPayload<'transcode'>['inputs'], trim: JobPayload<'transcode'>['trim'] = null): JobPayload<'transcode'> {
  return { recordingId, version: 1, inputs, trim, outputPrefix: `assets/${recordingId}/v1` };
}

const local = (key: string) => path.join(storage.root, ...key.split('/'));

describe('transcode job, for an uploaded talk', () => {
  const recordingId = randomUUID();
  const uploadKey = `uploads/${recordingId}/talk.mp4`;
  const job = payload(recordingId, [{ key: uploadKey, role: 'upload', offsetMs: 0 }]);
  let result: TranscodeResult;

  beforeAll(async () => {
    await makeUpload(local(uploadKey), { seconds: 6, width: 1280, height: 720 });
  }, 30_000);

  it('writes a 720/480/360 ladder, a poster, a sprite and asset.json, reporting progress up to 100', async () => {
    const added = await tq.queue.add('transcode', job, { ...jobOptions, jobId: transcodeJobId(recordingId, 1) });
    result = (await added.waitUntilFinished(tq.events)) as TranscodeResult;

    expect(result).toMatchObject({ width: 1280, height: 720, master: 'master.m3u8', poster: 'poster.jpg' });
    expect(result.durationSec).toBeGreaterThan(5.9);
    expect(result.durationSec).toBeLessThan(6.2);
    expect(result.renditions.map((r) => [r.name, r.width, r.height, r.playlist])).toEqual([
      ['720p', 1280, 720, '720p/index.m3u8'],
      ['480p', 854, 480, '480p/index.m3u8'],
      ['360p', 640, 360, '360p/index.m3u8'],
    ]);
    expect(result.renditions.every((r) => r.bandwidth > 100_000)).toBe(true);
    expect(result.sprite).toEqual({ key: 'sprite.jpg', columns: 1, rows: 1, intervalSec: 10, tileWidth: 160, tileHeight: 90 });

    const prefix = job.outputPrefix;
    const keys = await storage.list(prefix);
    const master = await fs.readFile(local(`${prefix}/master.m3u8`), 'utf8');
    expect(master.match(/^\d+p\/index\.m3u8$/gm)).toEqual(['720p/index.m3u8', '480p/index.m3u8', '360p/index.m3u8']);
    for (const rendition of result.renditions) {
      // 6 s in 4 s segments: two, named predictably, in every rendition.
      expect(keys.filter((k) => k.startsWith(`${prefix}/${rendition.name}/`))).toEqual([
        `${prefix}/${rendition.name}/index.m3u8`,
        `${prefix}/${rendition.name}/segment-0000.ts`,
        `${prefix}/${rendition.name}/segment-0001.ts`,
      ]);
      expect(await sizeOf(local(`${prefix}/${rendition.playlist}`))).toEqual({ width: rendition.width, height: rendition.height });
    }
    expect(await sizeOf(local(`${prefix}/poster.jpg`))).toEqual({ width: 1280, height: 720 });
    expect(await sizeOf(local(`${prefix}/sprite.jpg`))).toEqual({ width: 160, height: 90 });
    expect(JSON.parse(await fs.readFile(local(`${prefix}/asset.json`), 'utf8'))).toEqual(result);

    const progress = tq.progressOf(added.id!);
    expect(progress.at(-1)).toBe(100);
    expect(progress.length).toBeGreaterThan(3);
    progress.slice(1).forEach((percent, i) => expect(percent).toBeGreaterThan(progress[i]!));
  }, 120_000);

  it('returns the same asset, without encoding again, to a second job for the same recording', async () => {
    const prefix = job.outputPrefix;
    const before = await Promise.all((await storage.list(prefix)).map(async (key) => [key, (await storage.stat(key))!.modifiedAt.getTime()]));

    const duplicate = await tq.queue.add('transcode', job, { ...jobOptions, jobId: `duplicate-${recordingId}` });
    const again = (await duplicate.waitUntilFinished(tq.events)) as TranscodeResult;

    expect(again).toEqual(result);
    const after = await Promise.all((await storage.list(prefix)).map(async (key) => [key, (await storage.stat(key))!.modifiedAt.getTime()]));
    expect(after).toEqual(before);
    expect(tq.progressOf(duplicate.id!)).toEqual([100]);
  }, 60_000);

  it('applies a trim to an upload', async () => {
    const trimmed = { ...payload(recordingId, job.inputs, { startSec: 1, endSec: 4.5 }), version: 2, outputPrefix: `assets/${recordingId}/v2` };
    const added = await tq.queue.add('transcode', trimmed, { ...jobOptions, jobId: transcodeJobId(recordingId, 2) });
    const asset = (await added.waitUntilFinished(tq.events)) as TranscodeResult;
    expect(asset.durationSec).toBeGreaterThan(3.4);
    expect(asset.durationSec).toBeLessThan(3.7);
  }, 120_000);
});

describe('transcode job, for a live recording of separate parts', () => {
  const recordingId = randomUUID();
  const part = (name: string) => `recordings/${recordingId}/parts/${name}.mkv`;
  // Solid colours, so a pixel says which part is on screen: camera red, screen blue.
  const red = '0xFF0000';
  const blue = '0x0000FF';

  beforeAll(async () => {
    await makeVideoPart(local(part('camera-1')), { seconds: 3, width: 640, height: 480, color: red });
    await makeVideoPart(local(part('screen-1')), { seconds: 3, width: 1280, height: 720, color: blue });
    await makeAudioPart(local(part('microphone-1')), { seconds: 4 });
    // The speaker reconnected: a second camera file later on the timeline.
    await makeVideoPart(local(part('camera-2')), { seconds: 2, width: 640, height: 480, color: red });
  }, 60_000);

  it('places camera, screen and microphone at their offsets: screen large with the camera inset, camera alone otherwise', async () => {
    const job = payload(recordingId, [
      { key: part('camera-1'), role: 'camera', offsetMs: 0 },
      { key: part('screen-1'), role: 'screen', offsetMs: 1500 },
      { key: part('microphone-1'), role: 'microphone', offsetMs: 500 },
      { key: part('camera-2'), role: 'camera', offsetMs: 5000 },
    ]);
    const added = await tq.queue.add('transcode', job, { ...jobOptions, jobId: transcodeJobId(recordingId, 1) });
    const result = (await added.waitUntilFinished(tq.events)) as TranscodeResult;

    // The timeline ends with the reconnected camera: 5 s + 2 s.
    expect(result.durationSec).toBeGreaterThan(6.9);
    expect(result.durationSec).toBeLessThan(7.2);
    // The frame follows the tallest picture (the 720p screen).
    expect(result.renditions.map((r) => r.name)).toEqual(['720p', '480p', '360p']);

    const playlist = local(`${job.outputPrefix}/360p/index.m3u8`);
    const inset = { x: 'iw*0.8', y: 'ih*0.8', w: 'iw*0.12', h: 'ih*0.12' };
    const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 70 && b! < 70;
    const isBlue = ([r, g, b]: number[]) => b! > 180 && r! < 70 && g! < 70;
    const isDark = ([r, g, b]: number[]) => r! < 40 && g! < 40 && b! < 40;
    expect(isRed(await colorAt(playlist, 1))).toBe(true); // camera alone
    expect(isBlue(await colorAt(playlist, 2.5))).toBe(true); // screen large...
    expect(isRed(await colorAt(playlist, 2.5, inset))).toBe(true); // ...with the camera inset
    expect(isBlue(await colorAt(playlist, 4, inset))).toBe(true); // camera gone: no inset
    expect(isDark(await colorAt(playlist, 4.75))).toBe(true); // nothing shared: the neutral frame
    expect(isRed(await colorAt(playlist, 6))).toBe(true); // the reconnected camera

    // The microphone starts at 0.5 s and lasts 4 s.
    expect(await maxVolumeDb(playlist, 0, 0.4)).toBeLessThan(-60);
    expect(await maxVolumeDb(playlist, 1, 4)).toBeGreaterThan(-30);
    expect(await maxVolumeDb(playlist, 4.7, 6.9)).toBeLessThan(-60);
  }, 120_000);
});
