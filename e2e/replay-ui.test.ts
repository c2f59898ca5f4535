import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import type { TranscodeResult } from '@rounds/shared';
import { LocalStorage } from '@rounds/shared/src/storage';
import { demoAccounts, demoConferenceSlug, demoPassword } from '../server/src/db/seed';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';

jest.setTimeout(180_000);

const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email;
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const ffmpeg = process.env.FFMPEG_BIN ?? 'ffmpeg';

const keynote = 'Opening keynote: Sepsis care in 2026';
const hfpef = 'Heart failure with preserved ejection fraction: what changed';
const pneumonia = 'Community-acquired pneumonia: the guideline in practice';
const hypertension = 'Hypertension management: beyond the first drug';

/** Every state is kept at 1440 px and at 390 px. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(desktop);
  await screenshot(page, `${name}-desktop`);
  await page.setViewportSize(phone);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(desktop);
}

/**
 * A 30-second HLS ladder (360p and 240p), poster, sprite and captions, made with ffmpeg: what a
 * transcode writes, so these tests need no media-worker (the full live → HLS test is elsewhere).
 */
function makeAssetFolder(): { dir: string; asset: TranscodeResult } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rounds-replay-ui-'));
  const run = (args: string[]) => execFileSync(ffmpeg, ['-loglevel', 'error', '-y', ...args], { cwd: dir });
  run([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '30'],
    ...['-filter_complex', '[0:v]split=2[a][b];[b]scale=426:240[b2]', '-map', '[a]', '-map', '1:a', '-map', '[b2]', '-map', '1:a'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '50', '-c:a', 'aac', '-b:a', '64k', '-b:v:0', '800k', '-b:v:1', '300k'],
    ...['-f', 'hls', '-hls_time', '4', '-hls_playlist_type', 'vod', '-master_pl_name', 'master.m3u8'],
    ...['-var_stream_map', 'v:0,a:0,name:360p v:1,a:1,name:240p', '-hls_segment_filename', '%v/seg%03d.ts', '%v/index.m3u8'],
  ]);
  run(['-f', 'lavfi', '-i', 'testsrc2=size=640x360', '-frames:v', '1', 'poster.jpg']);
  run(['-f', 'lavfi', '-i', 'testsrc2=size=160x90', '-frames:v', '1', 'sprite.jpg']);
  const asset: TranscodeResult = {
    durationSec: 30,
    width: 640,
    height: 360,
    master: 'master.m3u8',
    renditions: [
      { name: '360p', width: 640, height: 360, bandwidth: 950_400, playlist: '360p/index.m3u8' },
      { name: '240p', width: 426, height: 240, bandwidth: 400_400, playlist: '240p/index.m3u8' },
    ],
    poster: 'poster.jpg',
    sprite: { key: 'sprite.jpg', columns: 1, rows: 1, intervalSec: 30, tileWidth: 160, tileHeight: 90 },
  };
  return { dir, asset };
}

describe('recordings and replay in the browser: console, library and player', () => {
  let t: TestPlatform;
  let browser: Browser;
  let organizer: Page;
  let attendee: Page;
  let conferenceId: string;
  let assetDir: string;
  const ids: Record<string, string> = {};

  async function sessionId(title: string): Promise<string> {
    const row = await t.platform.database.db.selectFrom('sessions').select('id').where('title', '=', title).executeTakeFirstOrThrow();
    return row.id;
  }

  /** A recording row as the server leaves it; `ready` ones get the HLS folder in storage. */
  async function seedRecording(
    title: string,
    fields: { status: string; progress?: number; failedReason?: string; published?: boolean; captions?: boolean },
    asset: TranscodeResult,
    storage: LocalStorage,
  ): Promise<string> {
    const db = t.platform.database.db;
    const session = await sessionId(title);
    const ready = fields.status === 'ready';
    const inserted = await sql<{ id: string }>`
      insert into recordings (session_id, source, status, progress, failed_reason, duration_sec, published_at)
      values (${session}, 'live', ${fields.status}, ${fields.progress ?? (ready ? 100 : 0)}, ${fields.failedReason ?? null},
              ${ready ? asset.durationSec : null}, ${fields.published ? new Date() : null})
      returning id`.execute(db);
    const id = inserted.rows[0]!.id;
    if (ready) {
      const prefix = `assets/${id}/v1`;
      await storage.putDirectory(prefix, assetDir);
      await sql`update recordings set asset_prefix = ${prefix}, asset = ${JSON.stringify(asset)}::jsonb where id = ${id}`.execute(db);
    }
    if (fields.captions) {
      const key = `recordings/${id}/captions.vtt`;
      const vtt = path.join(assetDir, 'captions.vtt');
      writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:30.000\nEarly recognition saves lives.\n');
      await storage.putFile(key, vtt);
      await sql`update recordings set captions_key = ${key} where id = ${id}`.execute(db);
    }
    return id;
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.database.db;
    conferenceId = (await db.selectFrom('conferences').select('id').where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow()).id;
    const made = makeAssetFolder();
    assetDir = made.dir;
    const storage = new LocalStorage(t.config.STORAGE_DIR!);
    ids.keynote = await seedRecording(keynote, { status: 'ready', captions: true }, made.asset, storage);
    ids.hfpef = await seedRecording(hfpef, { status: 'ready', published: true }, made.asset, storage);
    ids.pneumonia = await seedRecording(pneumonia, { status: 'processing', progress: 42 }, made.asset, storage);
    ids.hypertension = await seedRecording(hypertension, { status: 'failed', failedReason: 'The uploaded file has no video stream.' }, made.asset, storage);

    browser = await launchChromium();
    organizer = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    attendee = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    await signInThroughForm(organizer, t.url, email('organizer'), demoPassword);
    await signInThroughForm(attendee, t.url, email('attendee'), demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (assetDir) rmSync(assetDir, { recursive: true, force: true });
  });

  const consoleUrl = () => `${t.url}/#/conferences/${conferenceId}/organize/recordings`;
  const libraryUrl = () => `${t.url}/#/conferences/${conferenceId}/library`;
  const row = (page: Page, title: string) => page.getByRole('listitem', { name: title, exact: true });

  test('the organizer sees each recording with its status; a processing one shows its percent and moves on by itself', async () => {
    await organizer.goto(consoleUrl());
    await organizer.getByRole('heading', { name: 'Recordings', exact: true }).waitFor();
    const processing = row(organizer, pneumonia);
    await processing.getByText('Processing', { exact: true }).waitFor();
    await processing.getByText('42%', { exact: true }).waitFor();
    expect(await processing.getByRole('progressbar', { name: `Processing ${pneumonia}` }).getAttribute('aria-valuenow')).toBe('42');
    await row(organizer, hypertension).getByText('The uploaded file has no video stream.').waitFor();
    expect(await row(organizer, hypertension).getByRole('button', { name: 'Retry' }).count()).toBe(1);
    expect(await row(organizer, hfpef).getByRole('switch', { name: `Published: ${hfpef}` }).getAttribute('aria-checked')).toBe('true');
    // The Job dashboard link leads to bull-board for an organizer, and to a refusal for an attendee.
    const dashboard = await organizer.getByRole('link', { name: /Job dashboard/ }).getAttribute('href');
    expect(dashboard).toBe('/admin/jobs');
    expect((await organizer.request.get(`${t.url}${dashboard}`)).status()).toBe(200);
    expect((await attendee.request.get(`${t.url}${dashboard}`)).status()).toBe(403);
    await shoot(organizer, 'recordings-list');

    // The console polls while anything is in flight: a new percent shows without a reload.
    await sql`update recordings set progress = 80 where id = ${ids.pneumonia}`.execute(t.platform.database.db);
    await processing.getByText('80%', { exact: true }).waitFor({ timeout: 6000 });
  });

  test('a cut that ends after the recording does is refused next to the end field', async () => {
    const item = row(organizer, keynote);
    await item.getByRole('button', { name: `Trim ${keynote}` }).click();
    await item.getByLabel('End at').fill('45:00');
    await item.getByRole('button', { name: 'Save cut' }).click();
    await item.getByText('The recording is 0:30 long: end at 0:30 or earlier.').waitFor();
    await item.getByLabel('End at').fill('0:01');
    await item.getByLabel('Start at').fill('0:05');
    await item.getByRole('button', { name: 'Save cut' }).click();
    await item.getByText('The end must be more than a second after the start.').waitFor();
    await shoot(organizer, 'recordings-trim-error');
    await item.getByRole('button', { name: 'Cancel' }).click();
  });

  test('a file that is not a video is refused in the console before anything is sent', async () => {
    let uploads = 0;
    organizer.on('request', (request) => {
      if (request.url().includes('/upload')) uploads += 1;
    });
    await organizer.getByLabel('Session', { exact: true }).first().selectOption({ label: keynote });
    await organizer.getByLabel('Video file').setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 slides') });
    await organizer.getByText('“slides.pdf” is not a video we can take. Upload an MP4, MOV, WebM or MKV video file.').waitFor();
    await organizer.getByRole('button', { name: 'Upload talk' }).click();
    await shoot(organizer, 'recordings-upload-wrong-type');
    expect(uploads).toBe(0);
  });

  test('the organizer publishes the keynote: attendees find it in the library, searchable and filtered by track and speaker', async () => {
    const publish = row(organizer, keynote).getByRole('switch', { name: `Published: ${keynote}` });
    expect(await publish.getAttribute('aria-checked')).toBe('false');
    await publish.click();
    await organizer.waitForFunction((title) => document.querySelector(`[aria-label="Published: ${title}"]`)?.getAttribute('aria-checked') === 'true', keynote);

    await attendee.goto(libraryUrl());
    await attendee.getByRole('heading', { name: 'On demand' }).waitFor();
    const card = (title: string) => attendee.getByRole('link', { name: title, exact: true });
    await card(keynote).waitFor();
    await card(hfpef).waitFor();
    expect(await attendee.locator('.replay-card').count()).toBe(2);
    await shoot(attendee, 'library-list');

    await attendee.getByLabel('Search').fill('sepsis');
    await attendee.getByText('1 recording match').waitFor();
    expect(await card(hfpef).count()).toBe(0);
    await attendee.getByLabel('Search').fill('');
    await attendee.getByLabel('Track').selectOption({ label: 'Cardiology' });
    await attendee.getByText('1 recording match').waitFor();
    await card(hfpef).waitFor();
    await attendee.getByLabel('Track').selectOption({ label: 'All tracks' });
    await attendee.getByLabel('Speaker').selectOption({ label: 'Dr. Sara Speaker' });
    await attendee.getByText('1 recording match').waitFor();
    await card(keynote).waitFor();
    await attendee.getByLabel('Search').fill('no such talk');
    await attendee.getByText('No recordings match').waitFor();
    await shoot(attendee, 'library-no-match');
    await attendee.getByRole('button', { name: 'Clear the filters' }).click();
    await attendee.getByText('2 recordings').waitFor();
  });

  test('the player plays the replay from where the attendee stopped, with quality, speed and captions, and keeps the new place', async () => {
    const me = await t.platform.database.db.selectFrom('users').select('id').where('email', '=', email('attendee')).executeTakeFirstOrThrow();
    await sql`insert into replay_positions (user_id, recording_id, position_sec) values (${me.id}, ${ids.keynote}, 12)`.execute(t.platform.database.db);
    await attendee.getByRole('link', { name: keynote, exact: true }).click();
    await attendee.getByRole('heading', { name: keynote }).waitFor();
    await attendee.getByText('Resuming at 0:12, where you stopped last time.').waitFor();
    const quality = attendee.getByLabel('Quality');
    await quality.waitFor();
    expect(await quality.locator('option').allInnerTexts()).toEqual([expect.stringMatching(/^Auto/), '360p', '240p']);
    const video = attendee.getByTestId('replay-video');
    await attendee.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.currentTime))).toBe(12);

    await quality.selectOption({ label: '240p' });
    await attendee.getByLabel('Speed').selectOption({ label: '1.5x' });
    await attendee.getByRole('button', { name: 'Captions' }).click();
    expect(await attendee.getByRole('button', { name: 'Captions' }).getAttribute('aria-pressed')).toBe('true');
    await video.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await attendee.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) >= 15);
    const playing = await video.evaluate((v: HTMLVideoElement) => ({ rate: v.playbackRate, height: v.videoHeight, captions: v.textTracks[0]?.mode }));
    expect(playing).toEqual({ rate: 1.5, height: 240, captions: 'showing' });
    await shoot(attendee, 'replay-player');

    // Pausing saves the place at once.
    const savedResponse = attendee.waitForResponse((r) => r.url().endsWith(`/api/recordings/${ids.keynote}/position`) && r.request().method() === 'PUT');
    const pausedAt = await video.evaluate((v: HTMLVideoElement) => {
      v.pause();
      return Math.floor(v.currentTime);
    });
    expect((await savedResponse).status()).toBe(200);
    const saved = await sql<{ p: number }>`select position_sec as p from replay_positions where recording_id = ${ids.keynote} and user_id = ${me.id}`.execute(
      t.platform.database.db,
    );
    expect(Number(saved.rows[0]?.p)).toBe(pausedAt);
  });

  test('unpublished, the keynote leaves the library and its page says it is not available', async () => {
    const publish = row(organizer, keynote).getByRole('switch', { name: `Published: ${keynote}` });
    await publish.click();
    await organizer.waitForFunction((title) => document.querySelector(`[aria-label="Published: ${title}"]`)?.getAttribute('aria-checked') === 'false', keynote);
    await attendee.reload();
    await attendee.getByText('This recording is not available').waitFor();
    await shoot(attendee, 'replay-not-found');
    await attendee.goto(libraryUrl());
    await attendee.getByRole('link', { name: hfpef, exact: true }).waitFor();
    expect(await attendee.getByRole('link', { name: keynote, exact: true }).count()).toBe(0);
  });

  test('the page of a session that has ended leads to its published recording', async () => {
    await attendee.goto(`${t.url}/#/conferences/${conferenceId}/sessions/${await sessionId(hfpef)}`);
    await attendee.getByRole('link', { name: 'Watch the recording' }).click();
    await attendee.getByRole('heading', { name: hfpef }).waitFor();
    await attendee.getByTestId('replay-video').waitFor();
  });

  test('a speaker uploading a file whose contents are not a video sees the server refuse it, in words', async () => {
    const speaker = await (await browser.newContext({ viewport: desktop, locale: 'en-US' })).newPage();
    await signInThroughForm(speaker, t.url, email('speaker'), demoPassword);
    await speaker.goto(`${t.url}/#/conferences/${conferenceId}/studio/${t.keynoteId}`);
    await speaker.getByRole('heading', { name: 'Upload a pre-recorded talk' }).waitFor();
    await speaker.getByLabel('Video file').setInputFiles({ name: 'talk.mp4', mimeType: 'video/mp4', buffer: Buffer.from('%PDF-1.4 renamed slides, not a video') });
    await speaker.getByRole('button', { name: 'Upload talk' }).click();
    await speaker.getByRole('alert').filter({ hasText: '“talk.mp4” is not a video inside, whatever its name says. Upload an MP4, MOV, WebM or MKV video file.' }).waitFor();
    // Sending the same file again cannot help: the button offers a new upload, not a retry.
    await speaker.getByRole('button', { name: 'Upload talk' }).waitFor();
    await speaker.getByRole('heading', { name: 'Upload a pre-recorded talk' }).scrollIntoViewIfNeeded();
    await screenshot(speaker, 'recordings-upload-refused-studio');
    await speaker.context().close();
  });

  test('a real video uploaded from the console joins the list as an uploaded talk', async () => {
    const mp4 = path.join(assetDir, 'talk.mp4');
    execFileSync(ffmpeg, ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25', '-t', '3', '-c:v', 'libx264', '-preset', 'ultrafast', mp4]);
    await organizer.getByLabel('Session', { exact: true }).first().selectOption({ label: hypertension });
    await organizer.getByLabel('Video file').setInputFiles(mp4);
    await organizer.getByRole('button', { name: 'Upload talk' }).click();
    await organizer.getByText(`Uploaded talk.mp4 for “${hypertension}”.`).waitFor();
    await organizer.locator('.recording-item', { hasText: 'Uploaded talk' }).first().waitFor();
  });

  test('loading, failure and empty states say what is happening and what to do', async () => {
    // The library, while its answer is held back, then failing, then retried.
    let mode: 'hold' | 'fail' | 'empty' = 'hold';
    await attendee.route('**/api/conferences/*/replays*', (route) =>
      mode === 'hold'
        ? undefined
        : mode === 'fail'
          ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'server.unavailable', message: 'down' } }) })
          : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, data: [] }) }),
    );
    await attendee.goto(libraryUrl());
    await attendee.reload();
    await attendee.getByText('Loading recordings…').waitFor();
    await shoot(attendee, 'library-loading');
    mode = 'fail';
    await attendee.reload();
    await attendee.getByText('The recordings could not be loaded').waitFor();
    await shoot(attendee, 'library-error');
    mode = 'empty';
    await attendee.getByRole('button', { name: 'Try again' }).click();
    await attendee.getByText('No recordings published yet').waitFor();
    await shoot(attendee, 'library-empty');
    await attendee.unroute('**/api/conferences/*/replays*');

    await organizer.route('**/api/conferences/*/recordings', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'server.unavailable', message: 'down' } }) }),
    );
    await organizer.goto(consoleUrl());
    await organizer.reload();
    await organizer.getByRole('alert').filter({ hasText: 'A part of the platform is down' }).getByRole('button', { name: 'Try again' }).waitFor();
    await shoot(organizer, 'recordings-error');
    await organizer.unroute('**/api/conferences/*/recordings');
    await organizer.getByRole('button', { name: 'Try again' }).click();
    await row(organizer, hfpef).waitFor();
  });
});
