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
 * Two server processes on one machine sharing PostgreSQL and Redis, as two hosts behind a load
 * balancer would: the speaker presents through node A, the clinician watches through node B, and
 * the stream crosses from A to B through PipeTransports that the nodes set up over Redis.
 */
describe('live stage across two server processes', () => {
  let envA: Record<string, string>;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let browser: Browser;
  let speaker: Page;
  let attendee: Page;

  beforeAll(async () => {
    if (!(await postgresAvailable())) throw new Error('two nodes share their data through PostgreSQL');
    envA = await serverProcessEnv({ RTC_MIN_PORT: '40000', RTC_MAX_PORT: '44999' });
    nodeA = await startServerProcess(envA);
    // Node B shares A's database and Redis prefix; the demo conference is already seeded by A.
    nodeB = await startServerProcess(
      await serverProcessEnv({
        REDIS_PREFIX: envA.REDIS_PREFIX!,
        DATABASE_SCHEMA: envA.DATABASE_SCHEMA!,
        SEED_DEMO: 'false',
        RTC_MIN_PORT: '45000',
        RTC_MAX_PORT: '49999',
      }),
    );
    browser = await launchChromium();
    speaker = await (await browser.newContext()).newPage();
    attendee = await (await browser.newContext()).newPage();
    await signInThroughForm(speaker, nodeA.url, demoEmail('speaker'), demoPassword);
    await signInThroughForm(attendee, nodeB.url, demoEmail('attendee'), demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await nodeB?.stop();
    await nodeA?.stop();
    if (envA) await dropTestData(loadConfig(envA));
  });

  test('a clinician on node B decodes the video and audio of a speaker presenting on node A', async () => {
    const { studio } = await keynotePages(speaker, nodeA.url);
    const { stage } = await keynotePages(attendee, nodeB.url);
    expect(new URL(studio).port).not.toBe(new URL(stage).port);
    await speaker.goto(studio);
    await speaker.getByRole('button', { name: 'Go live' }).click();
    await speaker.getByTestId('on-air').waitFor();

    await attendee.goto(stage);
    await waitForGrowth(attendee, { framesDecoded: 0, audioPacketsReceived: 0 });
    await screenshot(attendee, 'two-nodes-viewer-on-b');
  });

  test('when node A restarts, the speaker reconnects to it and the viewer on node B gets the new streams without a reload', async () => {
    const before = await receiveStats(attendee);
    await attendee.evaluate(() => Object.assign(window, { samePageMarker: true }));
    expect(await nodeA.stop()).toBe(0);
    nodeA = await startServerProcess(envA);

    const reset = await waitForReset(attendee, before, 30_000);
    await waitForGrowth(attendee, reset, 30_000);
    await speaker.getByTestId('on-air').waitFor();
    expect(await attendee.evaluate(() => (window as unknown as { samePageMarker?: boolean }).samePageMarker)).toBe(true);
  });
});
