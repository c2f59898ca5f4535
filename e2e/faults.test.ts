import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../server/src/config';
import { demoPassword } from '../server/src/db/seed';
import { startServerProcess, type ServerProcess } from '../server/test/helpers/server-process';
import { dropTestData, postgresAvailable } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';
import { demoEmail, keynotePages, serverProcessEnv } from './keynote-pages';
import { receiveStats, waitForGrowth, waitForReset } from './media-stats';

jest.setTimeout(120_000);

/**
 * Faults a live session must survive without anyone reloading: a mediasoup worker killed, and the
 * whole server process restarted. The server runs as a real process (as `npm start` runs it).
 */
describe('faults during a live session', () => {
  let env: Record<string, string>;
  let server: ServerProcess;
  let browser: Browser;
  let speaker: Page;
  let attendee: Page;
  let stageUrl: string;
  let studioUrl: string;

  beforeAll(async () => {
    if (!(await postgresAvailable())) throw new Error('these tests restart the server and need PostgreSQL to keep its data');
    env = await serverProcessEnv();
    server = await startServerProcess(env);
    browser = await launchChromium();
    speaker = await (await browser.newContext()).newPage();
    attendee = await (await browser.newContext()).newPage();
    await signInThroughForm(speaker, server.url, demoEmail('speaker'), demoPassword);
    await signInThroughForm(attendee, server.url, demoEmail('attendee'), demoPassword);
    ({ stage: stageUrl, studio: studioUrl } = await keynotePages(attendee, server.url));

    await speaker.goto(studioUrl);
    await speaker.getByRole('button', { name: 'Go live' }).click();
    await speaker.getByTestId('on-air').waitFor();
    await attendee.goto(stageUrl);
    await waitForGrowth(attendee, { framesDecoded: 0, audioPacketsReceived: 0 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (env) await dropTestData(loadConfig(env));
  });

  test('when the mediasoup worker is killed mid-session, the viewer sees video again within 5 seconds', async () => {
    const health = await (await fetch(`${server.url}/api/health`)).json();
    const [worker] = health.parts.mediasoup.workers as { pid: number }[];
    const before = await receiveStats(attendee);

    const killedAt = Date.now();
    process.kill(worker!.pid, 'SIGKILL');
    const reset = await waitForReset(attendee, before);
    await waitForGrowth(attendee, reset);
    const recoveryMs = Date.now() - killedAt;

    console.log(`video back ${recoveryMs} ms after the worker was killed`);
    expect(recoveryMs).toBeLessThan(5000);
    const after = await (await fetch(`${server.url}/api/health`)).json();
    expect(after.parts.mediasoup.workers[0].pid).not.toBe(worker!.pid);
    await screenshot(attendee, 'fault-worker-recovered');
  });

  test('when the server process restarts, speaker and viewer reconnect by themselves and media flows again', async () => {
    const before = await receiveStats(attendee);
    // A reload would drop this marker: recovery must happen inside the same page.
    await attendee.evaluate(() => Object.assign(window, { samePageMarker: true }));
    expect(await server.stop()).toBe(0);
    await attendee.getByText('Reconnecting').first().waitFor();
    await screenshot(attendee, 'fault-server-restarting');

    server = await startServerProcess(env);
    const reset = await waitForReset(attendee, before, 30_000);
    await waitForGrowth(attendee, reset, 30_000);
    await speaker.getByTestId('on-air').waitFor();
    expect(await attendee.evaluate(() => (window as unknown as { samePageMarker?: boolean }).samePageMarker)).toBe(true);
    await screenshot(attendee, 'fault-server-recovered');
  });
});
