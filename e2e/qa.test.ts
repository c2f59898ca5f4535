import { Redis } from 'ioredis';
import type { Browser, Locator, Page } from 'playwright-core';
import { demoAccounts, demoPassword } from '../server/src/db/seed';
import { okData, startTestPlatform, type TestPlatform, type TestSocket } from '../server/test/helpers/test-platform';
import { launchChromium, orScreenshot, screenshot, signInThroughForm } from './browser';

jest.setTimeout(180_000);

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const account = (role: string) => demoAccounts.find((a) => a.role === role)!;

/** The Q&A panel (its heading reads "Questions" and the count). */
const panel = (page: Page) => page.getByRole('region', { name: /^Questions/ });
const item = (page: Page, text: string) => panel(page).getByRole('listitem').filter({ hasText: text });
const voteButton = (question: Locator) => question.getByRole('button', { name: /^Upvote/ });

/** Resolves once the panel shows the server's list (its list heading appears only then). */
async function qaReady(page: Page): Promise<void> {
  await panel(page)
    .getByRole('heading', { name: /Everyone’s questions|Questions the audience sees/ })
    .waitFor();
}

/** The texts of a list's questions, top to bottom. */
const textsOf = (page: Page, list: string) => panel(page).getByRole('list', { name: list, exact: true }).locator('.question-text').allTextContents();

/**
 * The session Q&A as people use it, in real headless Chromium against a real server: an attendee
 * asks (anonymously), a colleague in another browser sees it at once without the name, the moderator
 * sees who asked; votes, pinning, answering, a moderated session's queue, the rate limit, markup shown
 * as text, a dropped connection, a phone, and the speaker studio.
 */
describe('session Q&A in the browser', () => {
  let t: TestPlatform;
  let browser: Browser;
  let sessionUrl: string;
  let studioUrl: string;
  let attendee: Page;
  /** A second member of the audience, in another browser context (the demo's exhibitor). */
  let colleague: Page;
  let moderator: Page;
  /** The organizer, straight over a socket, to add questions without the ask form's rate limit on one person. */
  let organizer: TestSocket;

  /** Uncaught exceptions in any page: none is expected. */
  const pageErrors: string[] = [];

  async function signedIn(role: string, viewport = desktop): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-US', timezoneId: 'America/Chicago' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${role}: ${error.message}`));
    await signInThroughForm(page, t.url, account(role).email, demoPassword);
    return page;
  }

  async function ask(page: Page, text: string, { anonymous = false } = {}): Promise<void> {
    await panel(page).getByLabel('Your question').fill(text);
    await panel(page).getByLabel('Ask anonymously').setChecked(anonymous);
    await panel(page).getByRole('button', { name: 'Ask', exact: true }).click();
  }

  const setModerated = (moderated: boolean) =>
    t.platform.database.db.updateTable('sessions').set({ qaModerated: moderated }).where('id', '=', t.keynoteId).execute();

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium();
    const conference = await t.platform.database.db.selectFrom('conferences').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    sessionUrl = `${t.url}/#/conferences/${conference.id}/sessions/${t.keynoteId}`;
    studioUrl = `${t.url}/#/conferences/${conference.id}/studio/${t.keynoteId}`;
    [attendee, colleague, moderator] = await Promise.all([signedIn('attendee'), signedIn('exhibitor'), signedIn('moderator')]);
    organizer = await t.connect(await t.signIn('organizer'));
    okData(await organizer.request('qa.join', { sessionId: t.keynoteId }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('before anyone asks, the panel beside the video says so and offers the ask box with its limit', async () => {
    await attendee.goto(sessionUrl);
    await panel(attendee).getByText('No questions yet — ask the first.').waitFor();
    await panel(attendee).getByText('0 / 500 characters').waitFor();
    await panel(attendee).getByText('Moderators and speakers still do', { exact: false }).waitFor();
    // Beside the video on a desktop, not under the page.
    const stage = (await attendee.getByRole('region', { name: /^Stage of/ }).boundingBox())!;
    const questions = (await panel(attendee).boundingBox())!;
    expect(questions.x).toBeGreaterThanOrEqual(stage.x + stage.width);
    expect(questions.y).toBeLessThan(stage.y + stage.height);
    await screenshot(attendee, 'qa-empty-desktop');
  });

  test('an anonymous question reaches another browser at once without the name; the moderator sees who asked', async () => {
    await colleague.goto(sessionUrl);
    await moderator.goto(sessionUrl);
    await Promise.all([qaReady(colleague), qaReady(moderator)]);

    const text = 'How early should lactate be repeated after the first bolus?';
    await ask(attendee, text, { anonymous: true });
    await panel(attendee).getByText('Your question is posted.').waitFor();
    await expect(item(attendee, text).innerText()).resolves.toContain('anonymous to other attendees');
    await expect(item(attendee, text).innerText()).resolves.toContain('You');
    await expect(panel(attendee).getByLabel('Your question').inputValue()).resolves.toBe('');

    await item(colleague, text).waitFor();
    const seen = await item(colleague, text).innerText();
    expect(seen).toContain('Anonymous');
    expect(seen).not.toContain(account('attendee').name);

    await item(moderator, text).getByText(account('attendee').name).waitFor();
    await expect(item(moderator, text).innerText()).resolves.toContain('asked anonymously');
    await panel(moderator).getByText('Moderator view').waitFor();
  });

  test('an upvote toggles: one per person, and every viewer sees the count', async () => {
    const question = 'How early should lactate be repeated';
    const mine = voteButton(item(colleague, question));
    await mine.click();
    await voteButton(item(colleague, question)).and(colleague.getByRole('button', { name: 'Upvote, 1 vote', exact: true })).waitFor();
    expect(await mine.getAttribute('aria-pressed')).toBe('true');
    await voteButton(item(attendee, question)).and(attendee.getByRole('button', { name: 'Upvote, 1 vote', exact: true })).waitFor();
    expect(await voteButton(item(attendee, question)).getAttribute('aria-pressed')).toBe('false');

    await mine.click();
    await voteButton(item(attendee, question)).and(attendee.getByRole('button', { name: 'Upvote, 0 votes', exact: true })).waitFor();
    expect(await mine.getAttribute('aria-pressed')).toBe('false');
    await mine.click();
    await voteButton(item(moderator, question)).and(moderator.getByRole('button', { name: 'Upvote, 1 vote', exact: true })).waitFor();
  });

  test('questions sort by votes (the default) or newest first', async () => {
    const procalcitonin = 'Can procalcitonin tell us when to stop antibiotics?';
    const long =
      'Two parts:\n1. Fluids in heart failure?\n2. Norepinephrine through a peripheral line — how long?\nReference: https://example.org/guidelines/surviving-sepsis-campaign-2026-adult-recommendations-full-text';
    okData(await organizer.request('qa.ask', { sessionId: t.keynoteId, text: procalcitonin, anonymous: false }));
    okData(await organizer.request('qa.ask', { sessionId: t.keynoteId, text: long, anonymous: false }));
    await item(attendee, 'Two parts').waitFor();
    await voteButton(item(moderator, procalcitonin)).click();
    await voteButton(item(colleague, procalcitonin)).click();
    await attendee.getByRole('button', { name: 'Upvote, 2 votes', exact: true }).waitFor();

    expect(await textsOf(attendee, 'Open questions')).toEqual([procalcitonin, 'How early should lactate be repeated after the first bolus?', long]);
    // Line breaks are kept as typed.
    expect(await item(attendee, 'Two parts').locator('.question-text').evaluate((p) => getComputedStyle(p).whiteSpace)).toBe('pre-wrap');
    await screenshot(attendee, 'qa-questions-by-votes-desktop');

    await panel(attendee).getByRole('button', { name: 'Newest' }).click();
    expect(await panel(attendee).getByRole('button', { name: 'Newest' }).getAttribute('aria-pressed')).toBe('true');
    expect((await textsOf(attendee, 'Open questions'))[0]).toBe(long);
    await panel(attendee).getByRole('button', { name: 'Most votes' }).click();
  });

  test('the moderator pins a question and marks it answered; the attendee sees both', async () => {
    const text = 'How early should lactate be repeated';
    await item(moderator, text).getByRole('button', { name: 'Pin (being answered)' }).click();
    await item(attendee, text).getByText('Being answered').waitFor();
    expect((await textsOf(attendee, 'Open questions'))[0]).toContain(text);
    await item(moderator, text).getByRole('button', { name: 'Unpin' }).waitFor();
    await screenshot(attendee, 'qa-being-answered-desktop');

    await item(moderator, text).getByRole('button', { name: 'Mark answered' }).click();
    await panel(attendee).getByRole('list', { name: 'Answered questions' }).getByText(text, { exact: false }).waitFor();
    await item(attendee, text).getByText('Answered', { exact: true }).waitFor();
    expect(await item(attendee, text).getByText('Being answered').count()).toBe(0);
    // An answered question can no longer be edited by its author.
    expect(await item(attendee, text).getByRole('button', { name: 'Edit' }).count()).toBe(0);
  });

  test('the author edits their question and withdraws it; the others follow without reloading', async () => {
    // Sent from the keyboard this time: Ctrl+Enter in the question box.
    await panel(attendee).getByLabel('Your question').fill('Is there a role for vitamin C?');
    await panel(attendee).getByLabel('Your question').press('Control+Enter');
    await item(colleague, 'Is there a role for vitamin C?').waitFor();

    await item(attendee, 'vitamin C').getByRole('button', { name: 'Edit' }).click();
    await panel(attendee).getByRole('form', { name: 'Edit your question' }).getByRole('textbox').fill('Is there still a role for vitamin C and thiamine?');
    await panel(attendee).getByRole('button', { name: 'Save' }).click();
    await item(colleague, 'Is there still a role for vitamin C and thiamine?').waitFor();

    await item(attendee, 'thiamine').getByRole('button', { name: 'Withdraw' }).click();
    await item(attendee, 'thiamine').getByRole('group', { name: 'Withdraw this question?' }).getByRole('button', { name: 'Withdraw' }).click();
    await item(colleague, 'thiamine').waitFor({ state: 'detached' });
    await item(attendee, 'thiamine').waitFor({ state: 'detached' });
  });

  test('in a moderated session a question waits for a moderator: its author sees it waiting, the audience only once approved', async () => {
    await setModerated(true);
    try {
      for (const page of [attendee, colleague, moderator]) await page.reload();
      await Promise.all([qaReady(attendee), qaReady(colleague), qaReady(moderator)]);
      await panel(moderator).getByRole('region', { name: /^Waiting for approval/ }).getByText('Nothing waiting').waitFor();

      const text = 'Should hydrocortisone start before the second vasopressor?';
      await ask(attendee, text);
      await item(attendee, text).getByText('Waiting for a moderator').waitFor();
      await panel(attendee).getByText('A moderator reviews it before everyone sees it').waitFor();
      await screenshot(attendee, 'qa-my-pending-question-desktop');

      const queue = panel(moderator).getByRole('region', { name: /^Waiting for approval/ });
      await queue.getByText(text).waitFor();
      await expect(queue.innerText()).resolves.toContain(account('attendee').name);
      const csv = panel(moderator).getByRole('link', { name: 'Download questions (CSV)' });
      expect(await csv.getAttribute('href')).toBe(`/api/sessions/${t.keynoteId}/questions.csv`);
      expect(await csv.getAttribute('download')).not.toBeNull();
      await screenshot(moderator, 'qa-moderator-queue-desktop');

      // The audience does not get it, live or after a reload.
      expect(await item(colleague, text).count()).toBe(0);
      await colleague.reload();
      await qaReady(colleague);
      expect(await item(colleague, text).count()).toBe(0);

      await queue.getByRole('listitem').filter({ hasText: text }).getByRole('button', { name: 'Approve' }).click();
      await item(colleague, text).waitFor();
      await item(attendee, text).getByText('Waiting for a moderator').waitFor({ state: 'detached' });
      await queue.getByText('Nothing waiting').waitFor();

      // A question the moderators do not take up: its author is told at once, nobody else sees it.
      const offTopic = 'Is the conference dinner vegetarian-friendly?';
      // The attendee has asked 3 questions in the last 30 s; their allowance is reset (the limit has its own test).
      const redis = new Redis(t.config.REDIS_URL);
      await redis.del(...(await redis.keys(`${t.config.REDIS_PREFIX}:rate:qa.ask:*`)), 'none');
      redis.disconnect();
      await ask(attendee, offTopic);
      await queue.getByRole('listitem').filter({ hasText: offTopic }).getByRole('button', { name: 'Dismiss' }).click();
      await item(attendee, offTopic).getByText('Not taken up by the moderators').waitFor();
      await screenshot(attendee, 'qa-my-dismissed-question-desktop');
      expect(await item(colleague, offTopic).count()).toBe(0);
    } finally {
      await setModerated(false);
    }
  });

  test('asking too fast says to wait and keeps the typed question; too short a question says so', async () => {
    // The page learns that the session is no longer moderated when it opens the Q&A again.
    await attendee.reload();
    await qaReady(attendee);
    await ask(attendee, 'ok');
    await panel(attendee).getByRole('alert').getByText('Write at least 3 characters.').waitFor();

    // At most 3 questions per 30 s per person: the 4th in a row is refused, whatever came before.
    for (let i = 1; i <= 4; i++) {
      const text = `Quick follow-up number ${i} on fluids`;
      await ask(attendee, text);
      const outcome = await Promise.race([
        item(attendee, text)
          .waitFor()
          .then(() => 'posted'),
        panel(attendee)
          .getByText('You are sending too quickly')
          .waitFor()
          .then(() => 'limited'),
      ]);
      if (outcome === 'limited') break;
    }
    await panel(attendee).getByRole('alert').getByText('You are sending too quickly. Wait a moment and try again.', { exact: false }).waitFor();
    expect(await panel(attendee).getByLabel('Your question').inputValue()).toMatch(/^Quick follow-up number \d on fluids$/);
    await screenshot(attendee, 'qa-rate-limited-desktop');
  });

  test('markup in a question is shown as text: no element is created and no script runs, for anyone', async () => {
    const attacks = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>', '"><svg onload=window.__xss=3>'];
    const link = '[see the guideline](javascript:window.__xss=4)';
    for (const text of attacks) await ask(colleague, text);
    okData(await organizer.request('qa.ask', { sessionId: t.keynoteId, text: link, anonymous: false }));

    for (const page of [attendee, moderator, colleague]) {
      for (const text of [...attacks, link]) await panel(page).getByText(text, { exact: true }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await panel(page).locator('.question-list').locator('img, svg, script, a, iframe').count()).toBe(0);
    }
  });

  test('after a dropped connection the panel says so and catches up with what was asked meanwhile', async () => {
    const text = 'Asked while the colleague was offline';
    const exhibitor = await t.platform.database.db.selectFrom('users').select('id').where('email', '=', account('exhibitor').email).executeTakeFirstOrThrow();
    await colleague.context().setOffline(true);
    for (const socket of t.platform.io.sockets.sockets.values()) if (socket.data.identity?.userId === exhibitor.id) socket.conn.close();
    await panel(colleague).getByText('Reconnecting…').waitFor();
    await screenshot(colleague, 'qa-reconnecting-desktop');

    // The speaker asks (the organizer has used up their 3 questions per 30 s by now).
    const speaker = await t.connect(await t.signIn('speaker'));
    okData(await speaker.request('qa.join', { sessionId: t.keynoteId }));
    okData(await speaker.request('qa.ask', { sessionId: t.keynoteId, text, anonymous: false }));
    await colleague.context().setOffline(false);
    await item(colleague, text).waitFor({ timeout: 20_000 });
    await panel(colleague).getByText('Reconnecting…').waitFor({ state: 'detached' });
  });

  test('on a 390 px phone the questions come right under the video and nothing overflows', async () => {
    const page = await signedIn('attendee', phone);
    await page.goto(sessionUrl);
    await orScreenshot(page, 'qa-phone-attendee', () => qaReady(page));
    const stage = (await page.getByRole('region', { name: /^Stage of/ }).boundingBox())!;
    const questions = (await panel(page).boundingBox())!;
    const about = (await page.getByRole('heading', { name: 'About this session' }).boundingBox())!;
    expect(questions.y).toBeGreaterThan(stage.y + stage.height - 1);
    expect(questions.y).toBeLessThan(about.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'qa-attendee-phone');

    const crew = await signedIn('moderator', phone);
    await crew.goto(sessionUrl);
    await orScreenshot(crew, 'qa-phone-moderator', () => qaReady(crew));
    expect(await crew.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(crew, 'qa-moderator-phone');
  });

  test('the speaker studio shows the questions in moderator mode, without an ask box', async () => {
    const speaker = await signedIn('speaker');
    await speaker.goto(studioUrl);
    await speaker.getByText('Preview: not live').waitFor();
    await qaReady(speaker);
    await panel(speaker).getByText('Moderator view').waitFor();
    await item(speaker, 'Can procalcitonin tell us when to stop antibiotics?').getByRole('button', { name: 'Pin (being answered)' }).waitFor();
    expect(await panel(speaker).getByLabel('Your question').count()).toBe(0);
    await screenshot(speaker, 'qa-studio-desktop');
  });

  test('no page threw an uncaught error along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
