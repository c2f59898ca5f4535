import type { Browser, Page } from 'playwright-core';
import { demoAccounts, demoPassword } from '../server/src/db/seed';
import { okData, startTestPlatform, type TestPlatform, type TestSocket } from '../server/test/helpers/test-platform';
import { launchChromium, orScreenshot, screenshot, signInThroughForm } from './browser';

jest.setTimeout(180_000);

const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const account = (role: string) => demoAccounts.find((a) => a.role === role)!;

/** The tabs beside the video, and the panels they show. */
const tab = (page: Page, name: 'Questions' | 'Polls' | 'Chat') => page.getByRole('tab', { name: new RegExp(`^${name}`) });
const polls = (page: Page) => page.getByRole('region', { name: 'Polls', exact: true });
const chat = (page: Page) => page.getByRole('region', { name: 'Chat', exact: true });
const poll = (page: Page, question: string) => polls(page).getByRole('listitem').filter({ hasText: question }).first();
const message = (page: Page, text: string) => chat(page).getByRole('log').getByRole('listitem').filter({ hasText: text });

/**
 * Polls and session chat as people use them, in real headless Chromium against a real server: the
 * moderator prepares a poll unseen, launches it, two members of the audience vote once each, the
 * results reach the crew live and the audience once shared; a multiple-choice poll; chat live for
 * everyone, deleted by the moderator, a person muted and let back; the rate limit; markup shown as
 * text; a phone.
 */
describe('polls and chat in the browser', () => {
  let t: TestPlatform;
  let browser: Browser;
  let sessionUrl: string;
  let attendee: Page;
  /** A second member of the audience, in another browser context (the demo's exhibitor). */
  let colleague: Page;
  let moderator: Page;
  /** The organizer, straight over a socket, to prepare polls with unusual text. */
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

  /** Opens the session page on a tab and waits for that panel's list. */
  async function openOn(page: Page, name: 'Polls' | 'Chat'): Promise<void> {
    await page.goto(sessionUrl);
    await orScreenshot(page, `polls-chat-open-${name}`, () => tab(page, name).click());
    if (name === 'Polls') await polls(page).getByText(/No poll is open|No polls yet|Open now|Earlier polls/).first().waitFor();
    else await chat(page).getByLabel('Message', { exact: true }).waitFor();
  }

  async function say(page: Page, text: string): Promise<void> {
    await chat(page).getByLabel('Message', { exact: true }).fill(text);
    await chat(page).getByLabel('Message', { exact: true }).press('Enter');
  }

  async function preparePoll(question: string, options: string[], { multiple = false } = {}): Promise<void> {
    await polls(moderator).getByRole('button', { name: 'New poll' }).click();
    const form = polls(moderator).getByRole('form', { name: 'New poll' });
    await form.getByLabel('Question').fill(question);
    for (let i = 0; i < options.length; i++) {
      if (i >= 2) await form.getByRole('button', { name: '+ Add an option' }).click();
      await form.getByLabel(`Option ${i + 1}`, { exact: true }).fill(options[i]!);
    }
    await form.getByLabel('Allow several answers').setChecked(multiple);
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await polls(moderator).getByRole('list', { name: 'Draft polls' }).getByText(question).waitFor();
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium();
    const conference = await t.platform.database.db.selectFrom('conferences').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    sessionUrl = `${t.url}/#/conferences/${conference.id}/sessions/${t.keynoteId}`;
    [attendee, colleague, moderator] = await Promise.all([signedIn('attendee'), signedIn('exhibitor'), signedIn('moderator')]);
    organizer = await t.connect(await t.signIn('organizer'));
    okData(await organizer.request('qa.join', { sessionId: t.keynoteId }));
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('beside the video, the questions come first; the polls tab says what will appear, for the audience and the crew', async () => {
    await attendee.goto(sessionUrl);
    expect(await tab(attendee, 'Questions').getAttribute('aria-selected')).toBe('true');
    await attendee.getByRole('region', { name: /^Questions/ }).getByText('No questions yet — ask the first.').waitFor();
    await tab(attendee, 'Polls').click();
    await polls(attendee).getByText('No poll is open right now. When the moderators start one, it appears here.').waitFor();
    // Beside the video on a desktop.
    const stage = (await attendee.getByRole('region', { name: /^Stage of/ }).boundingBox())!;
    const side = (await polls(attendee).boundingBox())!;
    expect(side.x).toBeGreaterThanOrEqual(stage.x + stage.width);
    await screenshot(attendee, 'polls-empty-audience');

    await openOn(moderator, 'Polls');
    await polls(moderator).getByText('No polls yet.', { exact: false }).waitFor();
    await screenshot(moderator, 'polls-empty-crew');
    await openOn(colleague, 'Polls');
  });

  test('a poll: prepared unseen, launched, voted once by each, counted live for the crew', async () => {
    await polls(moderator).getByRole('button', { name: 'New poll' }).click();
    const form = polls(moderator).getByRole('form', { name: 'New poll' });
    await form.getByLabel('Question').fill('ok');
    await form.getByRole('button', { name: 'Save as draft' }).click();
    await form.getByText('Write a question of at least 3 characters.').waitFor();
    await form.getByText('Fill in every option, or remove the empty ones.').waitFor();
    await screenshot(moderator, 'polls-new-form-error');
    await form.getByRole('button', { name: 'Cancel' }).click();

    const question = 'Which vasopressor do you start first in septic shock?';
    await preparePoll(question, ['Norepinephrine', 'Vasopressin', 'Epinephrine']);
    await poll(moderator, question).getByText('Draft: only the crew see it').waitFor();
    // The audience does not see a draft, live or after a reload.
    await attendee.reload();
    await tab(attendee, 'Polls').click();
    await polls(attendee).getByText('No poll is open right now.', { exact: false }).waitFor();
    expect(await poll(attendee, question).count()).toBe(0);

    // The attendee has the session open in a second tab too, which will try to vote again.
    const secondTab = await attendee.context().newPage();
    await openOn(secondTab, 'Polls');

    await poll(moderator, question).getByRole('button', { name: 'Launch' }).click();
    const ballot = poll(attendee, question).getByRole('group', { name: question });
    await ballot.waitFor();
    await attendee.getByRole('tab', { name: /^Polls.*1 open$/ }).waitFor();
    expect(await ballot.getByRole('radio').count()).toBe(3);
    await poll(attendee, question).getByRole('button', { name: 'Vote' }).click();
    await poll(attendee, question).getByText('Choose an answer.').waitFor();
    await screenshot(attendee, 'polls-open-audience-before-vote');

    await ballot.getByLabel('Norepinephrine', { exact: true }).check();
    await poll(attendee, question).getByRole('button', { name: 'Vote' }).click();
    await poll(attendee, question).getByText('Your vote is in.').waitFor();
    await expect(poll(attendee, question).innerText()).resolves.toContain('You chose: Norepinephrine');
    await poll(attendee, question).getByText('The results appear here when the moderators share them.').waitFor();
    expect(await tab(attendee, 'Polls').innerText()).toBe('Polls');
    await screenshot(attendee, 'polls-open-audience-after-vote');
    await poll(moderator, question).getByText('1 person voted').waitFor();

    await poll(colleague, question).getByRole('group', { name: question }).getByLabel('Vasopressin', { exact: true }).check();
    await poll(colleague, question).getByRole('button', { name: 'Vote' }).click();
    await poll(moderator, question).getByText('2 people voted').waitFor();
    const bars = poll(moderator, question).getByRole('list', { name: `Results: ${question}` });
    await expect(bars.getByRole('listitem').filter({ hasText: 'Norepinephrine' }).innerText()).resolves.toMatch(/50%\s*·\s*1 vote/);
    await expect(bars.getByRole('listitem').filter({ hasText: 'Epinephrine' }).last().innerText()).resolves.toMatch(/0%\s*·\s*0 votes/);
    await screenshot(moderator, 'polls-crew-live-results');

    // A second ballot is refused: the stale tab is told, and shows the vote on record instead.
    await poll(secondTab, question).getByRole('group', { name: question }).getByLabel('Epinephrine', { exact: true }).check();
    await poll(secondTab, question).getByRole('button', { name: 'Vote' }).click();
    await poll(secondTab, question).getByText('You have already voted in this poll.').waitFor();
    await expect(poll(secondTab, question).innerText()).resolves.toContain('You chose: Norepinephrine');
    expect(await poll(secondTab, question).getByRole('button', { name: 'Vote' }).count()).toBe(0);
    await secondTab.close();
    await poll(moderator, question).getByText('2 people voted').waitFor();
  });

  test('shared results reach the audience; a closed poll stays under earlier polls', async () => {
    const question = 'Which vasopressor do you start first in septic shock?';
    await poll(moderator, question).getByRole('button', { name: 'Show results to the audience' }).click();
    const results = poll(attendee, question).getByRole('list', { name: `Results: ${question}` });
    await results.waitFor();
    await expect(results.getByRole('listitem').filter({ hasText: 'Norepinephrine' }).innerText()).resolves.toMatch(/Norepinephrine \(your choice\)\s*50%\s*·\s*1 vote/);
    await poll(attendee, question).getByText('2 people voted').waitFor();
    await poll(moderator, question).getByRole('button', { name: 'Hide results' }).waitFor();
    await screenshot(attendee, 'polls-revealed-results');

    await poll(moderator, question).getByRole('button', { name: 'Close voting' }).click();
    for (const page of [attendee, colleague, moderator]) {
      await polls(page).getByRole('list', { name: 'Earlier polls' }).getByText(question).waitFor();
    }
    await polls(attendee).getByText('No poll is open right now.', { exact: false }).waitFor();
    await expect(poll(colleague, question).innerText()).resolves.toContain('You chose: Vasopressin');
    await poll(colleague, question).getByText('2 people voted').waitFor();
    await screenshot(colleague, 'polls-closed-earlier');
  });

  test('a multiple-choice poll takes several answers in one ballot', async () => {
    const question = 'Which parts of the hour-1 bundle do you reliably complete?';
    await preparePoll(question, ['Lactate', 'Blood cultures', 'Antibiotics', 'Fluids'], { multiple: true });
    await poll(moderator, question).getByRole('button', { name: 'Launch' }).click();
    const ballot = poll(colleague, question).getByRole('group', { name: question });
    await ballot.waitFor();
    expect(await ballot.getByRole('checkbox').count()).toBe(4);
    await ballot.getByLabel('Lactate', { exact: true }).check();
    await ballot.getByLabel('Antibiotics', { exact: true }).check();
    await poll(colleague, question).getByRole('button', { name: 'Vote' }).click();
    await poll(colleague, question).getByText('Your vote is in.').waitFor();
    await expect(poll(colleague, question).innerText()).resolves.toContain('You chose: Lactate; Antibiotics');
    await poll(moderator, question).getByText('1 person voted', { exact: false }).waitFor();
    const bars = poll(moderator, question).getByRole('list', { name: `Results: ${question}` });
    await expect(bars.getByRole('listitem').filter({ hasText: 'Lactate' }).innerText()).resolves.toMatch(/100%\s*·\s*1 vote/);
    await expect(bars.getByRole('listitem').filter({ hasText: 'Antibiotics' }).innerText()).resolves.toMatch(/100%\s*·\s*1 vote/);
    await poll(moderator, question).getByRole('button', { name: 'Close voting' }).click();
    await polls(colleague).getByRole('list', { name: 'Earlier polls' }).getByText(question).waitFor();
  });

  test('chat: a message reaches the others live; the moderator deletes it for everyone', async () => {
    await tab(attendee, 'Chat').click();
    await tab(moderator, 'Chat').click();
    await chat(attendee).getByText('No messages yet.', { exact: false }).waitFor();
    await chat(attendee).getByText('0 / 500').waitFor();
    // The colleague stays on the polls: the chat tab counts what they have not read.
    await say(attendee, 'Good morning from the ICU in Leeds!');
    await message(attendee, 'Good morning from the ICU').getByText('You').waitFor();
    await expect(chat(attendee).getByLabel('Message', { exact: true }).inputValue()).resolves.toBe('');
    await colleague.getByRole('tab', { name: /^Chat.*1 new$/ }).waitFor();
    await tab(colleague, 'Chat').click();
    await message(colleague, 'Good morning from the ICU').getByText(account('attendee').name).waitFor();
    await message(moderator, 'Good morning from the ICU').waitFor();

    await say(colleague, 'Multi-line too:\nline two, and a long link https://example.org/guidelines/surviving-sepsis-campaign-2026-adult-recommendations-full-text');
    await say(moderator, 'Welcome, everyone. Questions for the speaker go in the Questions tab.');
    await message(attendee, 'Welcome, everyone').waitFor();
    expect(await message(attendee, 'Multi-line').locator('.chat-text').evaluate((p) => getComputedStyle(p).whiteSpace)).toBe('pre-wrap');
    await screenshot(attendee, 'chat-messages');
    await screenshot(moderator, 'chat-moderator');

    await say(colleague, 'Off-topic: who wants to buy my car?');
    await message(moderator, 'buy my car').waitFor();
    await message(moderator, 'buy my car').getByRole('button', { name: 'Delete' }).click();
    for (const page of [moderator, attendee, colleague]) await message(page, 'buy my car').waitFor({ state: 'detached' });
    await colleague.reload();
    await tab(colleague, 'Chat').click();
    await message(colleague, 'Good morning from the ICU').waitFor();
    expect(await message(colleague, 'buy my car').count()).toBe(0);
  });

  test('the moderator mutes a person: their box is disabled with a notice at once, and comes back when unmuted', async () => {
    const muteButton = message(moderator, 'Good morning from the ICU').getByRole('button', { name: `Mute ${account('attendee').name}` });
    await muteButton.click();
    await chat(attendee).getByText('A moderator has paused your chat messages in this session.', { exact: false }).waitFor();
    expect(await chat(attendee).getByLabel('Message', { exact: true }).isDisabled()).toBe(true);
    expect(await chat(attendee).getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await message(moderator, 'Good morning from the ICU').getByText('Muted', { exact: true }).waitFor();
    await screenshot(attendee, 'chat-muted-attendee');

    // Still muted after a reload (the server says so in chat.list).
    await attendee.reload();
    await tab(attendee, 'Chat').click();
    await chat(attendee).getByText('A moderator has paused your chat messages', { exact: false }).waitFor();
    expect(await chat(attendee).getByLabel('Message', { exact: true }).isDisabled()).toBe(true);
    // The moderator's reloaded page knows who is muted too (chat.list tells the crew).
    await moderator.reload();
    await tab(moderator, 'Chat').click();

    await message(moderator, 'Good morning from the ICU').getByRole('button', { name: `Unmute ${account('attendee').name}` }).click();
    await chat(attendee).getByText('A moderator has paused', { exact: false }).waitFor({ state: 'detached' });
    expect(await chat(attendee).getByLabel('Message', { exact: true }).isDisabled()).toBe(false);
    await say(attendee, 'Thank you, back with a real question later.');
    await message(colleague, 'back with a real question').waitFor();
  });

  test('chatting too fast says to wait and keeps the typed message', async () => {
    // At most 5 messages per 10 s per person (the colleague sent two already).
    for (let i = 1; i <= 6; i++) {
      const text = `Quick note ${i}`;
      await say(colleague, text);
      const outcome = await Promise.race([
        message(colleague, text)
          .waitFor()
          .then(() => 'posted'),
        chat(colleague)
          .getByText('You are sending too quickly')
          .waitFor()
          .then(() => 'limited'),
      ]);
      if (outcome === 'limited') break;
    }
    await chat(colleague).getByRole('alert').getByText('You are sending too quickly', { exact: false }).waitFor();
    expect(await chat(colleague).getByLabel('Message', { exact: true }).inputValue()).toMatch(/^Quick note \d$/);
    await screenshot(colleague, 'chat-rate-limited');
  });

  test('markup in chat and poll options is shown as text: no element is created and no script runs, for anyone', async () => {
    const attacks = ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>'];
    for (const text of attacks) {
      await say(attendee, text);
      await message(attendee, text).waitFor();
    }
    const draft = okData(
      await organizer.request('poll.create', { sessionId: t.keynoteId, question: '<b>Bold?</b> <img src=x onerror="window.__xss=3">', options: attacks, multiple: false }),
    ).poll;
    okData(await organizer.request('poll.launch', { sessionId: t.keynoteId, pollId: draft.id }));
    okData(await organizer.request('poll.reveal', { sessionId: t.keynoteId, pollId: draft.id, revealed: true }));

    for (const page of [attendee, moderator, colleague]) {
      for (const text of attacks) await message(page, text).getByText(text, { exact: true }).waitFor();
      await tab(page, 'Polls').click();
      await polls(page).getByText('<b>Bold?</b> <img src=x onerror="window.__xss=3">', { exact: true }).first().waitFor();
      for (const text of attacks) await polls(page).getByText(text, { exact: true }).first().waitFor();
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('.chat-log, .poll-list').locator('img, script, b, svg, iframe').count()).toBe(0);
      await tab(page, 'Chat').click();
    }
    okData(await organizer.request('poll.close', { sessionId: t.keynoteId, pollId: draft.id }));
  });

  test('on a 390 px phone the tabs come right under the video and nothing overflows', async () => {
    const page = await signedIn('attendee', phone);
    await openOn(page, 'Polls');
    await polls(page).getByRole('list', { name: 'Earlier polls' }).waitFor();
    const stage = (await page.getByRole('region', { name: /^Stage of/ }).boundingBox())!;
    const tabs = (await page.getByRole('tablist', { name: 'Questions, polls and chat' }).boundingBox())!;
    const about = (await page.getByRole('heading', { name: 'About this session' }).boundingBox())!;
    expect(tabs.y).toBeGreaterThan(stage.y + stage.height - 1);
    expect(tabs.y).toBeLessThan(about.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'polls-phone');
    await tab(page, 'Chat').click();
    await message(page, 'Good morning from the ICU').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await screenshot(page, 'chat-phone');
  });

  test('no page threw an uncaught error along the way', () => {
    expect(pageErrors).toEqual([]);
  });
});
