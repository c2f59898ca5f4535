import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RecordingSummary, Replay, ReplayItem } from '@rounds/shared';
import type { MediaWorker } from '../../../media-worker/src/media-worker';
import { makeTalk, startTestMediaWorker } from '../helpers/media-worker';
import { startTestPlatform, type TestPlatform } from '../helpers/test-platform';

jest.setTimeout(120_000);

type Body<T> = { ok: boolean; data: T; error: { code: string; message: string } };

/**
 * Uploaded talks through the real pipeline (server → BullMQ → media-worker → storage → server):
 * what the upload route refuses and leaves behind, the organizer's publish/trim/retry, the
 * library's search and filters, and the media route's types, ranges and caching.
 */
describe('uploaded talks become replays', () => {
  let t: TestPlatform;
  let worker: MediaWorker;
  let conferenceId: string;
  let organizer: string;
  let speaker: string;
  let attendee: string;
  let talk: Buffer;

  beforeAll(async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'rounds-talk-')), 'talk.mp4');
    await makeTalk(file, 6);
    talk = await readFile(file);
    // A limit the talk fits in, and a file twice its size does not.
    t = await startTestPlatform({ UPLOAD_MAX_BYTES: String(Math.round(talk.length * 1.5)) });
    worker = await startTestMediaWorker(t);
    conferenceId = (await t.platform.database.db.selectFrom('sessions').select('conferenceId').where('id', '=', t.keynoteId).executeTakeFirstOrThrow()).conferenceId;
    [organizer, speaker, attendee] = await Promise.all([t.signIn('organizer'), t.signIn('speaker'), t.signIn('attendee')]);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  async function call<T>(cookie: string, method: string, url: string, body?: { type: string; data: Buffer | string }): Promise<{ status: number; body: Body<T> }> {
    const response = await fetch(`${t.url}${url}`, { method, headers: { cookie, ...(body && { 'content-type': body.type }) }, body: body?.data });
    return { status: response.status, body: (await response.json()) as Body<T> };
  }

  const upload = (cookie: string, type: string, data: Buffer) => call<RecordingSummary>(cookie, 'PUT', `/api/sessions/${t.keynoteId}/upload?filename=talk.mp4`, { type, data });
  const summary = async (id: string) => (await call<RecordingSummary[]>(organizer, 'GET', `/api/conferences/${conferenceId}/recordings`)).body.data.find((r) => r.id === id)!;

  /** Resolves once the recording leaves queued/processing (the server hears the job's end over BullMQ). */
  async function settled(id: string): Promise<RecordingSummary> {
    for (;;) {
      const current = await summary(id);
      if (current.status === 'ready' || current.status === 'failed') return current;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const storedUploads = async () => readdir(path.join(t.config.STORAGE_DIR!, 'uploads')).catch(() => []);
  const recordingRows = async () => (await t.platform.database.db.selectFrom('recordings').select('id').execute()).length;

  test('refused uploads say why and leave nothing behind', async () => {
    const cases = [
      { cookie: speaker, type: 'application/pdf', data: talk, status: 415, code: 'upload.unsupportedType' },
      { cookie: speaker, type: 'video/mp4', data: Buffer.from('%PDF-1.7 not a video at all'), status: 415, code: 'upload.unsupportedType' },
      { cookie: speaker, type: 'video/webm', data: talk, status: 415, code: 'upload.unsupportedType' },
      { cookie: speaker, type: 'video/mp4', data: Buffer.concat([talk, randomBytes(talk.length)]), status: 413, code: 'upload.tooLarge' },
      { cookie: attendee, type: 'video/mp4', data: talk, status: 403, code: 'auth.forbidden' },
    ];
    for (const c of cases) {
      const { status, body } = await upload(c.cookie, c.type, c.data);
      expect({ status, code: body.error?.code }).toEqual({ status: c.status, code: c.code });
    }
    expect(await storedUploads()).toEqual([]);
    expect(await recordingRows()).toBe(0);
  });

  test('an uploaded talk is transcoded to a ladder, previewed by organizers, published to the library, and served with types, ranges and caching', async () => {
    const created = await upload(speaker, 'video/mp4', talk);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ source: 'upload', status: 'queued', sessionId: t.keynoteId, publishedAt: null });
    const id = created.body.data.id;
    const ready = await settled(id);
    expect(ready).toMatchObject({ status: 'ready', progress: 100, failedReason: null });
    expect(ready.durationSec).toBeCloseTo(6, 0);

    // Not published: attendees cannot find or play it; organizers can preview it.
    expect((await call(attendee, 'GET', `/api/recordings/${id}/replay`)).status).toBe(404);
    expect((await call<ReplayItem[]>(attendee, 'GET', `/api/conferences/${conferenceId}/replays`)).body.data).toEqual([]);
    const preview = await call<Replay>(organizer, 'GET', `/api/recordings/${id}/replay`);
    expect(preview.status).toBe(200);
    const media = (url: string, cookie = attendee, headers: Record<string, string> = {}) => fetch(`${t.url}${url}`, { headers: { cookie, ...headers } });
    expect((await media(preview.body.data.masterUrl)).status).toBe(404);

    const published = await call<RecordingSummary>(organizer, 'POST', `/api/recordings/${id}/publish`);
    expect(published.body.data.publishedAt).not.toBeNull();
    const replay = (await call<Replay>(attendee, 'GET', `/api/recordings/${id}/replay`)).body.data;
    expect(replay).toMatchObject({ recordingId: id, positionSec: 0, captionsUrl: null });

    // The master playlist lists 720p, 480p and 360p, each with its own playlist.
    const master = await media(replay.masterUrl);
    expect(master.status).toBe(200);
    expect(master.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(master.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const masterText = await master.text();
    expect([...masterText.matchAll(/RESOLUTION=\d+x(\d+)/g)].map((m) => Number(m[1]))).toEqual([720, 480, 360]);

    // A segment of the first rendition, whole and by byte range.
    const variantUrl = new URL(masterText.split('\n').find((line) => line.endsWith('.m3u8'))!, `${t.url}${replay.masterUrl}`).pathname;
    const variant = await (await media(variantUrl)).text();
    const segmentUrl = new URL(variant.split('\n').find((line) => line && !line.startsWith('#'))!, `${t.url}${variantUrl}`).pathname;
    const whole = await media(segmentUrl);
    expect(whole.headers.get('content-type')).toMatch(/^video\/(mp2t|iso\.segment|mp4)$/);
    const wholeBytes = Buffer.from(await whole.arrayBuffer());
    const ranged = await media(segmentUrl, attendee, { range: 'bytes=100-299' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-299/${wholeBytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(wholeBytes.subarray(100, 300));
    expect((await media(segmentUrl, attendee, { range: `bytes=${wholeBytes.length + 10}-` })).status).toBe(416);
    expect((await media(`/media/recordings/${id}/..%2F..%2Fuploads`)).status).toBe(404);
    expect((await fetch(`${t.url}${replay.masterUrl}`)).status).toBe(401);

    // Library: found by title words and by speaker; not by another track.
    const library = (query: string) => call<ReplayItem[]>(attendee, 'GET', `/api/conferences/${conferenceId}/replays${query}`);
    const [item] = (await library('')).body.data;
    expect(item).toMatchObject({ recordingId: id, title: replay.title });
    const firstWord = replay.title.split(' ')[0]!;
    expect((await library(`?q=${encodeURIComponent(firstWord.toLowerCase())}`)).body.data.map((r) => r.recordingId)).toEqual([id]);
    expect((await library('?q=nothing-matches-this')).body.data).toEqual([]);
    expect((await library(`?speakerId=${item!.speakers[0]!.userId}`)).body.data).toHaveLength(1);
    expect((await library(`?trackId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)).body.data).toEqual([]);

    // Captions: WebVTT only; served as text/vtt and revalidated (they can be replaced).
    const bad = await call(organizer, 'PUT', `/api/recordings/${id}/captions`, { type: 'text/vtt', data: 'not captions' });
    expect({ status: bad.status, code: bad.body.error.code }).toEqual({ status: 400, code: 'upload.invalidCaptions' });
    const vtt = 'WEBVTT\n\n00:00.000 --> 00:02.000\nGood morning.\n';
    expect((await call<RecordingSummary>(organizer, 'PUT', `/api/recordings/${id}/captions`, { type: 'text/vtt', data: vtt })).body.data.hasCaptions).toBe(true);
    const captions = await media((await call<Replay>(attendee, 'GET', `/api/recordings/${id}/replay`)).body.data.captionsUrl!);
    expect(captions.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    expect(captions.headers.get('cache-control')).toBe('private, no-cache');
    expect(await captions.text()).toBe(vtt);

    // Resume: the viewer's place is kept.
    expect((await call(attendee, 'PUT', `/api/recordings/${id}/position`, { type: 'application/json', data: JSON.stringify({ positionSec: 3.5 }) })).status).toBe(200);
    expect((await call<Replay>(attendee, 'GET', `/api/recordings/${id}/replay`)).body.data.positionSec).toBe(3.5);

    // Trim: a new version, shorter; a ready recording cannot be retried.
    expect((await call(organizer, 'POST', `/api/recordings/${id}/retry`)).body.error.code).toBe('recording.busy');
    const trimmed = await call<RecordingSummary>(organizer, 'PUT', `/api/recordings/${id}/trim`, { type: 'application/json', data: JSON.stringify({ startSec: 1, endSec: 4 }) });
    expect(trimmed.body.data).toMatchObject({ status: 'queued', trim: { startSec: 1, endSec: 4 } });
    const retrimmed = await settled(id);
    expect(retrimmed.status).toBe('ready');
    expect(retrimmed.durationSec).toBeCloseTo(3, 0);
    // A new version has new URLs (the old ones may be cached for good).
    expect(replay.masterUrl).toBe(`/media/recordings/${id}/v1/master.m3u8`);
    expect((await call<Replay>(attendee, 'GET', `/api/recordings/${id}/replay`)).body.data.masterUrl).toBe(`/media/recordings/${id}/v2/master.m3u8`);
  });

  test('a corrupt upload fails permanently with a readable reason and publishes nothing', async () => {
    // The right first bytes (an MP4 box) and garbage after them: the server cannot tell, the job can.
    const corrupt = Buffer.concat([talk.subarray(0, 32), randomBytes(200_000)]);
    const created = await upload(speaker, 'video/mp4', corrupt);
    expect(created.status).toBe(201);
    const failed = await settled(created.body.data.id);
    expect(failed.status).toBe('failed');
    expect(failed.failedReason).toMatch(/not a readable media file/i);
    const publish = await call(organizer, 'POST', `/api/recordings/${created.body.data.id}/publish`);
    expect({ status: publish.status, code: publish.body.error.code }).toEqual({ status: 409, code: 'recording.notReady' });
    expect(await readdir(path.join(t.config.STORAGE_DIR!, 'assets', created.body.data.id)).catch(() => [])).toEqual([]);
  });
});
