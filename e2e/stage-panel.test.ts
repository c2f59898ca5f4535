import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoPassword } from '../server/src/db/seed';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';
import { receiveStats } from './media-stats';

jest.setTimeout(120_000);

const account = (role: string) => demoAccounts.find((a) => a.role === role)!;

/** One received stream, as `window.rounds.client.receiveStats()` reports it. */
interface StreamStats {
  producerId: string;
  userName: string;
  source: 'camera' | 'microphone' | 'screen';
  kind: 'audio' | 'video';
  layer: number | null;
  framesDecoded: number;
  packetsReceived: number;
}

function streams(page: Page): Promise<StreamStats[]> {
  return page.evaluate(async () => {
    const client = (window as unknown as { rounds: { client: { receiveStats(): Promise<{ streams: StreamStats[] }> } } }).rounds.client;
    return (await client.receiveStats()).streams;
  });
}

/** The counter that shows a stream flowing: frames decoded for video, packets received for audio. */
const flow = (s: StreamStats) => (s.kind === 'video' ? s.framesDecoded : s.packetsReceived);
const key = (s: StreamStats) => `${s.userName}/${s.source}`;

/**
 * Resolves once every wanted stream ("Dr. Sara Speaker/camera") has grown by more than 10 frames or
 * packets over two readings: media is really flowing, not just set up. Polls the real counters.
 */
async function waitForFlow(page: Page, wanted: string[], timeoutMs = 20_000): Promise<Map<string, StreamStats>> {
  const deadline = Date.now() + timeoutMs;
  let first: Map<string, StreamStats> | null = null;
  for (;;) {
    const now = new Map((await streams(page)).map((s) => [key(s), s]));
    if (wanted.every((k) => now.has(k))) {
      // A stream consumed afresh (after a reconnection) starts from zero: measure from there.
      if (!first || wanted.some((k) => flow(now.get(k)!) < flow(first!.get(k)!))) first = now;
      else if (wanted.every((k) => flow(now.get(k)!) > flow(first!.get(k)!) + 10)) return now;
    }
    if (Date.now() > deadline) throw new Error(`streams not flowing: wanted ${wanted.join(', ')}, have ${JSON.stringify([...now.values()])}`);
    await page.waitForTimeout(250);
  }
}

/** Resolves once the stream's counter has stopped growing (paused on the server) for a second. */
async function waitForStill(page: Page, wanted: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const stream = (await streams(page)).find((s) => key(s) === wanted);
    const value = stream ? flow(stream) : -1;
    if (value === last) return;
    last = value;
    if (Date.now() > deadline) throw new Error(`${wanted} kept flowing`);
    await page.waitForTimeout(1_000);
  }
}

/** Waits for a text on the page; on timeout the error says what the stage showed instead. */
async function seeOnStage(page: Page, text: string, timeoutMs = 20_000): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ timeout: timeoutMs });
  } catch (error) {
    const shown = await page.locator('.stage, .studio').first().innerText().catch(() => '(no stage on the page)');
    throw new Error(`"${text}" did not appear; the stage shows: ${shown}`, { cause: error });
  }
}

/** Screenshots at a desktop and a phone width, then back to the page's own size. */
async function screenshotBoth(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.waitForTimeout(300);
  await screenshot(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(size);
}

/**
 * Chromium's fake microphone beeps once a second, too briefly for the router's audio-level observer
 * (which averages over its interval) to call anyone a speaker. A voice-like tone that never pauses
 * (two tones, pulsing three times a second so noise suppression keeps it) does.
 */
function makeVoiceFile(): string {
  const dir = path.resolve(__dirname, '..', 'var', 'e2e');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'voice.wav');
  execFileSync(process.env.FFMPEG_BIN ?? 'ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'sine=frequency=220:sample_rate=48000:duration=8',
    '-f', 'lavfi', '-i', 'sine=frequency=660:sample_rate=48000:duration=8',
    '-filter_complex', '[0][1]amix=inputs=2,volume=4,apulsator=hz=3:amount=0.6',
    '-ac', '1', file,
  ]);
  return file;
}

describe('stage panel: a speaker with camera and screen, two viewers, a spoken question from the audience', () => {
  let t: TestPlatform;
  let browser: Browser;
  let contexts: BrowserContext[];
  let speaker: Page;
  let attendee: Page;
  /** A second viewer on a phone (the demo's exhibitor account: any member may watch). */
  let colleague: Page;
  let stageUrl: string;
  let studioUrl: string;
  let laterUrl: string;

  const speakerName = account('speaker').name;
  const attendeeName = account('attendee').name;

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium([`--use-file-for-fake-audio-capture=${makeVoiceFile()}`]);
    contexts = await Promise.all([
      browser.newContext({ viewport: { width: 1440, height: 900 } }),
      browser.newContext({ viewport: { width: 1440, height: 900 } }),
      browser.newContext({ viewport: { width: 390, height: 844 } }),
    ]);
    const [first, second, third] = contexts;
    [speaker, attendee, colleague] = await Promise.all([first!.newPage(), second!.newPage(), third!.newPage()]);
    await signInThroughForm(speaker, t.url, account('speaker').email, demoPassword);
    await signInThroughForm(attendee, t.url, account('attendee').email, demoPassword);
    await signInThroughForm(colleague, t.url, account('exhibitor').email, demoPassword);

    const db = t.platform.database.db;
    const keynote = await db.selectFrom('sessions').select(['id', 'conferenceId']).where('id', '=', t.keynoteId).executeTakeFirstOrThrow();
    const later = await db
      .selectFrom('sessions')
      .select('id')
      .where('conferenceId', '=', keynote.conferenceId)
      .where('startsAt', '>', new Date(Date.now() + 10 * 60_000))
      .where('startsAt', '<', new Date(Date.now() + 5 * 3600_000))
      .orderBy('startsAt')
      .executeTakeFirstOrThrow();
    stageUrl = `${t.url}/#/conferences/${keynote.conferenceId}/sessions/${keynote.id}`;
    studioUrl = `${t.url}/#/conferences/${keynote.conferenceId}/studio/${keynote.id}`;
    laterUrl = `${t.url}/#/conferences/${keynote.conferenceId}/sessions/${later.id}`;
  });

  afterAll(async () => {
    for (const context of contexts ?? []) await context.close();
    await browser?.close();
    await t?.close();
  });

  test('a session still to come says when it starts', async () => {
    await colleague.goto(laterUrl);
    await seeOnStage(colleague, 'The session has not started yet');
    await colleague.getByRole('region', { name: /^Stage of / }).getByText(/^Starts in \d/).waitFor();
    await screenshot(colleague, 'stage-starts-in-390');
  });

  test('the speaker previews camera and microphone: devices to choose, a live level meter, not yet live', async () => {
    await speaker.goto(studioUrl);
    await speaker.getByText('Preview: not live').waitFor();
    await speaker.getByText('This session is recorded for on-demand replay').waitFor();
    await speaker.getByTestId('stage-video').waitFor();
    expect(await speaker.getByLabel('Camera', { exact: true }).locator('option').count()).toBeGreaterThan(0);
    expect(await speaker.getByLabel('Microphone', { exact: true }).locator('option').count()).toBeGreaterThan(1);
    // Chromium's fake microphone beeps: the meter moves.
    await speaker.waitForFunction(() => Number(document.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')) > 0, undefined, { timeout: 10_000 });
    await screenshotBoth(speaker, 'studio-preview');
  });

  test('the speaker goes live with the camera and shares a screen beside it', async () => {
    await speaker.getByRole('button', { name: 'Go live' }).click();
    await speaker.getByTestId('on-air').waitFor();
    await speaker.getByRole('button', { name: 'Share screen' }).click();
    await speaker.getByRole('button', { name: 'Stop sharing screen' }).waitFor();
    await speaker.getByTestId('screen-preview').waitFor();
    await screenshotBoth(speaker, 'studio-live-sharing');
  });

  test('two viewers decode both the camera and the screen; the phone gets the small camera layer', async () => {
    await Promise.all([attendee.goto(stageUrl), colleague.goto(stageUrl)]);
    const wanted = [`${speakerName}/camera`, `${speakerName}/screen`, `${speakerName}/microphone`];
    await Promise.all([waitForFlow(attendee, wanted), waitForFlow(colleague, wanted)]);
    await attendee.getByTestId('stage-screen').waitFor();
    // Media on this machine goes over UDP: a worker bound to every address answered from the
    // browser's own address instead of the announced 127.0.0.1, and ICE fell back to TCP.
    for (const viewer of [attendee, colleague]) expect((await receiveStats(viewer)).protocol).toBe('udp');
    // On a 390 px phone the camera tile sits in a strip under the screen: well under 360 px, so layer 0.
    await colleague.waitForFunction(
      async () => {
        const client = (window as unknown as { rounds: { client: { receiveStats(): Promise<{ streams: { source: string; layer: number | null }[] }> } } }).rounds.client;
        return (await client.receiveStats()).streams.find((s) => s.source === 'camera')?.layer === 0;
      },
      undefined,
      { timeout: 10_000, polling: 250 },
    );
    await screenshot(attendee, 'viewer-screen-share-1440');
    await screenshot(colleague, 'viewer-screen-share-390');
  });

  test('switching microphone while live swaps the track on the same stream: viewers keep hearing it', async () => {
    const before = (await streams(attendee)).find((s) => key(s) === `${speakerName}/microphone`)!;
    const select = speaker.getByLabel('Microphone', { exact: true });
    const options = await select.locator('option').evaluateAll((all) => all.map((o) => (o as HTMLOptionElement).value));
    const current = await select.inputValue();
    const other = options.find((value) => value !== current && value !== 'default')!;
    await select.selectOption(other);
    await speaker.waitForFunction((value) => (document.getElementById('microphone-select') as HTMLSelectElement).value === value, other);
    const after = await waitForFlow(attendee, [`${speakerName}/microphone`]);
    expect(after.get(`${speakerName}/microphone`)!.producerId).toBe(before.producerId);
    expect(after.get(`${speakerName}/microphone`)!.packetsReceived).toBeGreaterThan(before.packetsReceived);
  });

  test('an attendee raises a hand, the speaker invites them, they go on stage, and the other viewer hears them', async () => {
    await attendee.getByRole('button', { name: 'Raise hand to ask a question' }).click();
    await attendee.getByText('Your hand is raised').waitFor();
    const invite = speaker.getByRole('button', { name: `Invite on stage: ${attendeeName}` });
    await invite.waitFor();
    await screenshotBoth(speaker, 'studio-raised-hands');
    await invite.click();

    await attendee.getByRole('heading', { name: 'You are invited on stage' }).waitFor();
    await screenshot(attendee, 'viewer-invited-1440');
    await attendee.getByRole('button', { name: 'Join the stage with camera and microphone' }).click();
    await attendee.getByText('You are on stage').first().waitFor();

    // The other viewer receives the guest's audio (and camera) from the guest's own producers.
    const before = await waitForFlow(colleague, [`${attendeeName}/microphone`, `${attendeeName}/camera`]);
    const after = await waitForFlow(colleague, [`${attendeeName}/microphone`]);
    expect(after.get(`${attendeeName}/microphone`)!.packetsReceived).toBeGreaterThan(before.get(`${attendeeName}/microphone`)!.packetsReceived);
    // The speaker hears the question too.
    await waitForFlow(speaker, [`${attendeeName}/microphone`]);
    await speaker.getByRole('button', { name: `Remove from stage: ${attendeeName}` }).waitFor();
    await colleague.getByRole('figure', { name: attendeeName, exact: false }).first().waitFor();
    await screenshot(attendee, 'viewer-guest-on-stage-1440');
  });

  test('the panel shows a tile per presenter with names, and highlights the active speaker', async () => {
    for (const page of [attendee, colleague]) {
      await page.getByRole('figure', { name: speakerName }).first().waitFor();
    }
    // The server reports the loudest producer; with two fake microphones beeping, one of them is speaking.
    await colleague.locator('figure.is-speaking[aria-label*="speaking now"]').first().waitFor({ timeout: 15_000 });
    await screenshotBoth(colleague, 'viewer-panel-screen-active-speaker');
    // Without a shared screen, the cameras share the stage as a grid.
    await speaker.getByRole('button', { name: 'Stop sharing screen' }).click();
    await speaker.getByRole('button', { name: 'Share screen' }).waitFor();
    await colleague.getByTestId('stage-screen').waitFor({ state: 'detached' });
    await colleague.locator('figure.is-speaking').first().waitFor({ timeout: 15_000 });
    expect(await colleague.getByTestId('stage-video').count()).toBe(2);
    await screenshotBoth(colleague, 'viewer-panel-grid-active-speaker');
  });

  test('the speaker takes the guest off the stage; their streams stop for everyone', async () => {
    await speaker.getByRole('button', { name: `Remove from stage: ${attendeeName}` }).click();
    await attendee.getByText('The moderator closed your turn on stage').waitFor();
    await colleague.waitForFunction(
      async (name) => {
        const client = (window as unknown as { rounds: { client: { receiveStats(): Promise<{ streams: { userName: string }[] }> } } }).rounds.client;
        return !(await client.receiveStats()).streams.some((s) => s.userName === name);
      },
      attendeeName,
      { timeout: 10_000, polling: 250 },
    );
  });

  test('audio only: the phone keeps the sound while the server stops its video', async () => {
    await colleague.getByRole('button', { name: 'Audio only' }).click();
    await waitForStill(colleague, `${speakerName}/camera`);
    await waitForFlow(colleague, [`${speakerName}/microphone`]);
    expect(await colleague.getByTestId('stage-video').count()).toBe(0);
    await screenshotBoth(colleague, 'viewer-audio-only');
    await colleague.getByRole('button', { name: 'Audio only' }).click();
    await waitForFlow(colleague, [`${speakerName}/camera`]);
  });

  test('the speaker turns the camera off and mutes: viewers see "Paused by the speaker"', async () => {
    await speaker.getByRole('button', { name: 'Turn camera off' }).click();
    await speaker.getByRole('button', { name: 'Mute microphone' }).click();
    await speaker.getByRole('button', { name: 'Unmute microphone' }).waitFor();
    for (const page of [attendee, colleague]) await seeOnStage(page, 'Paused by the speaker');
    await screenshotBoth(speaker, 'studio-muted');
    await screenshotBoth(attendee, 'viewer-paused');
    await speaker.getByRole('button', { name: 'Turn camera on' }).click();
    await speaker.getByRole('button', { name: 'Unmute microphone' }).click();
    await attendee.getByText('Paused by the speaker').waitFor({ state: 'detached' });
    await waitForFlow(attendee, [`${speakerName}/camera`, `${speakerName}/microphone`]);
  });

  test('a viewer whose network drops reconnects by itself, without a reload', async () => {
    await colleague.evaluate(() => Object.assign(window, { samePageMarker: true }));
    await colleague.context().setOffline(true);
    // Cut the viewer's socket on the server side too: the browser sees the connection close, as on a real outage.
    for (const socket of t.platform.io.sockets.sockets.values()) {
      if (socket.data.identity?.email === account('exhibitor').email) socket.conn.close();
    }
    await seeOnStage(colleague, 'Reconnecting…');
    await screenshotBoth(colleague, 'viewer-reconnecting');
    await colleague.context().setOffline(false);
    await colleague.getByTestId('stage-status').waitFor({ timeout: 20_000 });
    await waitForFlow(colleague, [`${speakerName}/camera`, `${speakerName}/microphone`]);
    expect(await colleague.evaluate(() => (window as unknown as { samePageMarker?: boolean }).samePageMarker)).toBe(true);
  });

  test('when the speaker ends, both viewers see that the stream has ended', async () => {
    await speaker.getByRole('button', { name: 'End my presentation' }).click();
    await speaker.getByText('Preview: not live').waitFor();
    for (const page of [attendee, colleague]) {
      await seeOnStage(page, 'The stream has ended');
      expect(await page.getByTestId('stage-video').count()).toBe(0);
    }
    await screenshotBoth(attendee, 'viewer-ended');
  });
});
