import { stat } from 'node:fs/promises';
import path from 'node:path';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { bullPrefix, mediaQueueName, transcodeJobId } from '@rounds/shared';
import type { MediaWorker } from '../media-worker/src/media-worker';
import { startTestMediaWorker } from '../server/test/helpers/media-worker';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot } from './browser';

jest.setTimeout(180_000);

/**
 * Issue 6's whole path with real parts: a speaker goes live from the studio in Chromium, the
 * stage is recorded (PlainTransport → ffmpeg), the recording ends when the stage falls silent,
 * media-worker transcodes it to HLS through BullMQ, an organizer publishes it, and an attendee
 * plays it in Chromium through hls.js.
 */
describe('a live session becomes an on-demand replay', () => {
  let t: TestPlatform;
  let worker: MediaWorker;
  let events: QueueEvents;
  let browser: Browser;
  let conferenceId: string;

  beforeAll(async () => {
    t = await startTestPlatform({ RECORD_LIVE_SESSIONS: 'true', RECORDING_GRACE_MS: '1500' });
    worker = await startTestMediaWorker(t);
    events = new QueueEvents(mediaQueueName, { connection: new Redis(t.config.REDIS_URL, { maxRetriesPerRequest: null }), prefix: bullPrefix(t.config.REDIS_PREFIX) });
    await events.waitUntilReady();
    browser = await launchChromium();
    conferenceId = (await t.platform.database.db.selectFrom('sessions').select('conferenceId').where('id', '=', t.keynoteId).executeTakeFirstOrThrow()).conferenceId;
  });

  afterAll(async () => {
    await browser?.close();
    await events?.close();
    (await events?.client)?.disconnect();
    await worker?.close();
    await t?.close();
  });

  async function signedInPage(role: 'speaker' | 'attendee'): Promise<Page> {
    const [name, value] = (await t.signIn(role)).split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name, value, url: t.url }]);
    return context.newPage();
  }

  /** Resolves with the recording once each of its open parts (camera and microphone) has `bytes` in the spool. */
  async function captureWriting(bytes: number): Promise<string> {
    const spool = path.join(t.config.SPOOL_DIR!, 'recordings');
    for (;;) {
      const parts = await t.platform.database.db.selectFrom('recordingParts').select(['id', 'recordingId']).where('endedAt', 'is', null).execute();
      const sizes = await Promise.all(parts.map((p) => stat(path.join(spool, `${p.recordingId}-${p.id}.mkv`)).then((s) => s.size, () => 0)));
      if (parts.length >= 2 && sizes.every((size) => size >= bytes)) return parts[0]!.recordingId;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  test('recorded live, transcoded by media-worker, played with hls.js in more than one quality', async () => {
    const speaker = await signedInPage('speaker');
    await speaker.goto(`${t.url}/#/conferences/${conferenceId}/studio/${t.keynoteId}`);
    await speaker.getByRole('button', { name: 'Go live' }).click();
    // Several seconds of camera and microphone on disk (Opus at ~48 kbit/s: 40 kB is about 6 s).
    const recordingId = await captureWriting(40_000);

    const completed = new Promise<void>((resolve, reject) => {
      events.on('completed', ({ jobId }) => jobId === transcodeJobId(recordingId, 1) && resolve());
      events.on('failed', ({ jobId, failedReason }) => jobId === transcodeJobId(recordingId, 1) && reject(new Error(failedReason)));
    });
    await speaker.getByRole('button', { name: 'End my presentation' }).click();
    await completed;

    // The server hears the job's end and marks the recording ready.
    const organizer = await t.signIn('organizer');
    let summary: { status: string; durationSec: number | null };
    for (;;) {
      const list = (await (await fetch(`${t.url}/api/conferences/${conferenceId}/recordings`, { headers: { cookie: organizer } })).json()) as { data: { id: string; status: string; durationSec: number | null }[] };
      summary = list.data.find((r) => r.id === recordingId)!;
      if (summary.status === 'ready') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(summary.durationSec).toBeGreaterThan(3);
    const published = await fetch(`${t.url}/api/recordings/${recordingId}/publish`, { method: 'POST', headers: { cookie: organizer } });
    expect(published.status).toBe(200);

    const attendee = await signedInPage('attendee');
    await attendee.goto(`${t.url}/#/conferences/${conferenceId}/replay/${recordingId}`);
    // hls.js has attached the stream and the first frames are in: then play, as the browser's own control would.
    await attendee.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, undefined, { timeout: 30_000 });
    await attendee.evaluate(() => document.querySelector('video')!.play());
    // Playing: time advances past two seconds, through hls.js (media source, not a plain file).
    await attendee.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 2, undefined, { timeout: 30_000 });
    expect(await attendee.evaluate(() => document.querySelector('video')!.src.startsWith('blob:'))).toBe(true);
    // The quality menu lists Auto and at least two renditions from the ladder.
    const qualities = await attendee.getByLabel('Quality').locator('option').allTextContents();
    expect(qualities.length).toBeGreaterThanOrEqual(3);
    await screenshot(attendee, 'replay-playing');
  });
});
