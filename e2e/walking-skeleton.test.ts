import type { Browser, Page } from 'playwright-core';
import { demoAccounts, demoPassword } from '../server/src/db/seed';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';
import { waitForGrowth } from './media-stats';

jest.setTimeout(90_000);

const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email;

/** The seed times the keynote to be live whenever it runs, so the agenda lists it under "Live now". */
const liveNow = (page: Page) => page.getByRole('region', { name: 'Live now' });
const keynoteCard = (page: Page) => liveNow(page).getByRole('listitem').filter({ hasText: 'Opening keynote' });

describe('walking skeleton: a speaker’s webcam reaches an attendee through mediasoup', () => {
  let t: TestPlatform;
  let browser: Browser;
  let speaker: Page;
  let attendee: Page;

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium();
    speaker = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    attendee = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the sign-in page says what went wrong with a bad password', async () => {
    await attendee.goto(t.url);
    await attendee.getByLabel('Email').fill(email('attendee'));
    await attendee.getByLabel('Password').fill('wrong password');
    await attendee.getByRole('button', { name: 'Sign in' }).click();
    await attendee.getByRole('alert').getByText('The email or password is not right.').waitFor();
    await screenshot(attendee, 'sign-in-error');
  });

  test('an attendee who arrives early is told the session has not started', async () => {
    await signInThroughForm(attendee, t.url, email('attendee'), demoPassword);
    await liveNow(attendee).getByRole('heading', { name: 'Opening keynote: Sepsis care in 2026' }).waitFor();
    await screenshot(attendee, 'agenda-attendee-phone');
    await keynoteCard(attendee).getByRole('link', { name: 'Watch' }).click();
    await attendee.getByText('The session has not started yet').waitFor();
    await screenshot(attendee, 'stage-waiting');
  });

  test('the speaker goes live with camera and microphone', async () => {
    await signInThroughForm(speaker, t.url, email('speaker'), demoPassword);
    await keynoteCard(speaker).getByRole('link', { name: 'Open speaker studio' }).click();
    await speaker.getByText('Preview: not live').waitFor();
    await speaker.getByRole('button', { name: 'Go live' }).click();
    await speaker.getByTestId('on-air').waitFor();
    await screenshot(speaker, 'studio-live');
  });

  test('the attendee sees and hears the talk: video has size, frames and audio packets keep increasing', async () => {
    await attendee.getByTestId('stage-status').waitFor();
    await attendee.waitForFunction(
      () => ((document.querySelector('[data-testid="stage-video"]') as HTMLVideoElement | null)?.videoWidth ?? 0) > 0,
      undefined,
      { timeout: 15_000 },
    );
    const width = await attendee.$eval('[data-testid="stage-video"]', (v) => (v as HTMLVideoElement).videoWidth);
    expect(width).toBeGreaterThan(0);
    const first = await waitForGrowth(attendee, { framesDecoded: 0, audioPacketsReceived: 0 });
    const second = await waitForGrowth(attendee, first);
    expect(second.framesDecoded).toBeGreaterThan(first.framesDecoded);
    expect(second.audioPacketsReceived).toBeGreaterThan(first.audioPacketsReceived);
    await screenshot(attendee, 'stage-live-phone');
  });

  test('when the speaker stops, the attendee page says the stream has ended', async () => {
    await speaker.getByRole('button', { name: 'End my presentation' }).click();
    await speaker.getByText('Preview: not live').waitFor();
    await attendee.getByText('The stream has ended').waitFor();
    expect(await attendee.locator('[data-testid="stage-video"]').count()).toBe(0);
    await screenshot(attendee, 'stage-ended');
  });
});
