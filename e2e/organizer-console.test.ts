import type { Browser, Locator, Page } from 'playwright-core';
import { isoToZonedInput } from '../client/src/pages/organize/zoned-time';
import { demoAccounts, demoConferenceSlug, demoPassword } from '../server/src/db/seed';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';

jest.setTimeout(120_000);

const email = (role: string) => demoAccounts.find((a) => a.role === role)!.email;
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };
const hourMs = 3600_000;

/** The error shown under the field with this exact label (inputs and selects). */
function fieldError(page: Page, label: string): Locator {
  return page.locator('.form-field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
}

/** The error of a group of checkboxes (Speakers, Moderators). */
function groupError(page: Page, legend: string): Locator {
  return page.getByRole('group', { name: legend, exact: true }).locator('.field-error');
}

/** Every state is kept at 1440 px and at 390 px: the same page, resized. */
async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(desktop);
  await screenshot(page, `organizer-${name}-desktop`);
  await page.setViewportSize(phone);
  await screenshot(page, `organizer-${name}-phone`);
  await page.setViewportSize(desktop);
}

describe('organizer console: the program is edited with messages next to the fields', () => {
  let t: TestPlatform;
  let browser: Browser;
  let organizer: Page;
  let conferenceId: string;
  let timeZone: string;
  /** The keynote's start as the conference's wall clock, and a later time as `YYYY-MM-DDTHH:mm`. */
  let keynoteLocal: (hoursAfter: number) => string;
  const validTitle = 'Sepsis bundles at the bedside: an E2E session';
  const editedTitle = 'Sepsis bundles at the bedside: revised';

  beforeAll(async () => {
    t = await startTestPlatform();
    const db = t.platform.database.db;
    const conference = await db.selectFrom('conferences').select(['id', 'timeZone']).where('slug', '=', demoConferenceSlug).executeTakeFirstOrThrow();
    conferenceId = conference.id;
    timeZone = conference.timeZone;
    const keynote = await db.selectFrom('sessions').select('startsAt').where('id', '=', t.keynoteId).executeTakeFirstOrThrow();
    const keynoteStart = new Date(keynote.startsAt).getTime();
    keynoteLocal = (hoursAfter) => isoToZonedInput(new Date(keynoteStart + hoursAfter * hourMs).toISOString(), timeZone);
    browser = await launchChromium();
    organizer = await (await browser.newContext({ viewport: desktop })).newPage();
    await signInThroughForm(organizer, t.url, email('organizer'), demoPassword);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const consoleUrl = (tab: string) => `${t.url}/#/conferences/${conferenceId}/organize/${tab}`;

  test('the organizer opens the console and sees the program by day, in the conference time zone', async () => {
    await organizer.goto(consoleUrl('sessions'));
    await organizer.getByRole('heading', { name: 'Sessions', exact: true }).waitFor();
    const keynote = organizer.getByRole('listitem', { name: 'Opening keynote: Sepsis care in 2026' });
    await keynote.waitFor();
    // Times carry the zone: America/Chicago is CST or CDT depending on the date.
    expect(await keynote.locator('.console-session-when').innerText()).toMatch(/\d:\d\d.*[AP]M\s+C[DS]T$/);
    await organizer.getByText(`times in ${timeZone} (`).waitFor();
    await shoot(organizer, 'sessions');
  });

  test('a session that ends before it starts is refused, with the message under the end field', async () => {
    await organizer.getByRole('button', { name: 'Add session' }).click();
    await organizer.getByRole('heading', { name: 'New session' }).waitFor();
    await shoot(organizer, 'session-form-new');
    await organizer.getByLabel('Title', { exact: true }).fill(validTitle);
    await organizer.getByLabel('Stage', { exact: true }).selectOption({ label: 'Main stage' });
    await organizer.getByLabel('Starts', { exact: true }).fill(keynoteLocal(0.5));
    await organizer.getByLabel('Ends', { exact: true }).fill(keynoteLocal(0.25));
    await organizer.getByRole('button', { name: 'Create session' }).click();
    await fieldError(organizer, 'Ends').getByText('The session must end after it starts.').waitFor();
    await organizer.getByRole('alert').filter({ hasText: 'Some answers need a change' }).waitFor();
    expect(await fieldError(organizer, 'Starts').count()).toBe(0);
    await shoot(organizer, 'session-error-end-before-start');
  });

  test('a session overlapping the keynote on the Main stage is refused, naming the keynote under the start field', async () => {
    await organizer.getByLabel('Ends', { exact: true }).fill(keynoteLocal(1.5));
    await organizer.getByRole('button', { name: 'Create session' }).click();
    await fieldError(organizer, 'Starts').getByText(/Opening keynote/).waitFor();
    expect(await fieldError(organizer, 'Ends').count()).toBe(0);
    await shoot(organizer, 'session-error-stage-overlap');
  });

  test('a new stage is added from the same page, and the demo speaker cannot be double-booked on it', async () => {
    await organizer.getByLabel('Stage name', { exact: true }).fill('Room E2E');
    await organizer.getByRole('button', { name: 'Add stage' }).click();
    await organizer.getByRole('region', { name: 'Stages' }).getByText('Room E2E').waitFor();
    await organizer.getByLabel('Stage', { exact: true }).selectOption({ label: 'Room E2E' });
    await organizer.getByRole('group', { name: 'Speakers', exact: true }).getByLabel('Dr. Sara Speaker').check();
    await organizer.getByRole('button', { name: 'Create session' }).click();
    await groupError(organizer, 'Speakers').getByText(/Sara Speaker|Opening keynote/).waitFor();
    await shoot(organizer, 'session-error-double-booked');
  });

  test('a valid accredited session is created and shows in the console and on the attendee agenda', async () => {
    await organizer.getByRole('group', { name: 'Speakers', exact: true }).getByLabel('Dr. Sara Speaker').uncheck();
    await organizer.getByLabel('Track', { exact: true }).selectOption({ label: 'Infectious Disease' });
    await organizer.getByLabel('Format', { exact: true }).selectOption({ label: 'Case presentation' });
    await organizer.getByLabel('Objective 1', { exact: true }).fill('Start the hour-1 bundle within an hour of recognition');
    await organizer.getByRole('button', { name: '+ Add objective' }).click();
    await organizer.getByLabel('Objective 2', { exact: true }).fill('Reassess lactate and perfusion');
    await organizer.getByLabel('This session is accredited for CME credit').check();
    await organizer.getByLabel('Maximum CME credits').fill('1');
    await organizer.getByRole('button', { name: 'Create session' }).click();
    await organizer.getByRole('status').getByText(`Created “${validTitle}”`).waitFor();
    const item = organizer.getByRole('listitem', { name: validTitle });
    await item.getByText('Up to 1 CME credit', { exact: false }).waitFor();
    expect(await item.getByText('Room E2E').count()).toBe(1);
    await shoot(organizer, 'session-created');

    await organizer.goto(`${t.url}/#/conferences/${conferenceId}`);
    await organizer.getByRole('heading', { name: validTitle }).first().waitFor();
  });

  test('a session is edited in place, and deleting it asks first', async () => {
    await organizer.goto(consoleUrl('sessions'));
    const item = organizer.getByRole('listitem', { name: validTitle });
    await item.getByRole('button', { name: `Edit ${validTitle}` }).click();
    await organizer.getByRole('heading', { name: `Edit “${validTitle}”` }).waitFor();
    expect(await organizer.getByLabel('Starts', { exact: true }).inputValue()).toBe(keynoteLocal(0.5));
    expect(await organizer.getByLabel('Objective 2', { exact: true }).inputValue()).toBe('Reassess lactate and perfusion');
    await organizer.getByLabel('Title', { exact: true }).fill(editedTitle);
    await shoot(organizer, 'session-form-edit');
    await organizer.getByRole('button', { name: 'Save changes' }).click();
    await organizer.getByRole('status').getByText(`Saved “${editedTitle}”`).waitFor();

    const edited = organizer.getByRole('listitem', { name: editedTitle });
    await edited.getByRole('button', { name: `Delete ${editedTitle}` }).click();
    await edited.getByRole('button', { name: 'Yes, delete' }).waitFor();
    await shoot(organizer, 'session-delete-confirm');
    await edited.getByRole('button', { name: 'Keep it' }).click();
    expect(await organizer.getByRole('listitem', { name: editedTitle }).count()).toBe(1);
    await edited.getByRole('button', { name: `Delete ${editedTitle}` }).click();
    await edited.getByRole('button', { name: 'Yes, delete' }).click();
    await organizer.getByRole('status').getByText('The session was deleted.').waitFor();
    expect(await organizer.getByRole('listitem', { name: editedTitle }).count()).toBe(0);
  });

  test('tracks are added and renamed beside the program', async () => {
    const tracks = organizer.getByRole('region', { name: 'Tracks' });
    await tracks.getByLabel('Track name', { exact: true }).fill('Nephrology');
    await tracks.getByRole('button', { name: 'Add track' }).click();
    await tracks.getByRole('button', { name: 'Edit track Nephrology' }).click();
    await tracks.getByLabel('Track name', { exact: true }).first().fill('Kidney medicine');
    await shoot(organizer, 'track-edit');
    await tracks.getByRole('button', { name: 'Save track' }).click();
    await tracks.getByText('Kidney medicine').waitFor();
    expect(await tracks.getByText('Nephrology').count()).toBe(0);
  });

  test('the conference name is edited; an invalid address is explained next to its field', async () => {
    await organizer.goto(consoleUrl('conference'));
    await organizer.getByRole('heading', { name: 'Conference details' }).waitFor();
    await shoot(organizer, 'conference');
    await organizer.getByLabel('Web address', { exact: true }).fill('Not a slug!');
    await organizer.getByRole('button', { name: 'Save conference' }).click();
    await fieldError(organizer, 'Web address').getByText('Use lowercase letters, digits and dashes.').waitFor();
    await shoot(organizer, 'conference-error');
    await organizer.getByLabel('Web address', { exact: true }).fill(demoConferenceSlug);
    await organizer.getByLabel('Conference name', { exact: true }).fill('Rounds Demo: Internal Medicine Update 2026');
    await organizer.getByRole('button', { name: 'Save conference' }).click();
    await organizer.getByRole('status').getByText(/^Saved at/).waitFor();
    await organizer.getByRole('heading', { level: 1, name: 'Rounds Demo: Internal Medicine Update 2026' }).waitFor();
    await shoot(organizer, 'conference-saved');
  });

  test('an invitation link is created, copied and previewed by an anonymous visitor', async () => {
    await organizer.goto(consoleUrl('people'));
    await organizer.getByRole('button', { name: /Dr\. Sara Speaker/ }).waitFor();
    await shoot(organizer, 'people');
    await organizer.getByRole('button', { name: /Dr\. Amal Attendee/ }).click();
    await organizer.getByRole('region', { name: 'Clinician profile of Dr. Amal Attendee' }).getByText('Family medicine').waitFor();
    await shoot(organizer, 'member-profile');

    await organizer.getByLabel('Role', { exact: true }).selectOption({ label: 'Speaker' });
    await organizer.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await organizer.getByLabel('Invitation link', { exact: true }).inputValue();
    expect(link).toMatch(/#\/invite\/.+/);
    await organizer.getByText(/Works once, until/).waitFor();
    await organizer.getByRole('listitem').filter({ hasText: 'Anyone with the link' }).getByText('Pending').first().waitFor();
    await shoot(organizer, 'invitation-created');

    const anonymous = await (await browser.newContext({ viewport: phone })).newPage();
    await anonymous.goto(link);
    await anonymous.getByText('You are invited as Speaker to Rounds Demo: Internal Medicine Update 2026').waitFor();
    await screenshot(anonymous, 'organizer-invitation-preview-anonymous-phone');
    await anonymous.context().close();
  });

  test('an exhibitor invitation creates its booth; a pending invitation can be revoked', async () => {
    await organizer.getByLabel('Role', { exact: true }).selectOption({ label: 'Exhibitor staff' });
    await organizer.getByLabel('Email (optional)', { exact: true }).fill('specialist@device.example');
    await organizer.getByLabel('Booth', { exact: true }).selectOption({ label: 'New booth…' });
    await organizer.getByRole('button', { name: 'Create invitation link' }).click();
    await fieldError(organizer, 'New booth name').waitFor();
    await organizer.getByLabel('New booth name', { exact: true }).fill('CardioSense Devices');
    await organizer.getByRole('button', { name: 'Create invitation link' }).click();
    await organizer.getByRole('heading', { name: /Invitation link for exhibitor staff at CardioSense Devices/ }).waitFor();
    await shoot(organizer, 'invitation-exhibitor');

    const pending = organizer.getByRole('listitem').filter({ hasText: 'specialist@device.example' });
    await pending.getByRole('button', { name: /Revoke/ }).click();
    await shoot(organizer, 'invitation-revoke-confirm');
    await pending.getByRole('button', { name: 'Yes, revoke' }).click();
    await organizer.getByRole('listitem').filter({ hasText: 'specialist@device.example' }).waitFor({ state: 'detached' });
  });

  test('lists that cannot load say so and offer to try again', async () => {
    await organizer.route('**/members', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'server.unavailable', message: 'down' } }) }));
    await organizer.goto(`${t.url}/#/`);
    await organizer.goto(consoleUrl('people'));
    await organizer.getByRole('alert').filter({ hasText: 'A part of the platform is down' }).getByRole('button', { name: 'Try again' }).waitFor();
    await shoot(organizer, 'people-error');
    await organizer.unroute('**/members');
  });

  test('a new conference starts with empty states that say what to do next', async () => {
    const context = await browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const registered = await context.request.post(`${t.url}/api/auth/register`, {
      data: { email: 'new.organizer@society.example', password: 'a calm long password', name: 'Nora Neworganizer' },
    });
    expect(registered.status()).toBe(201);
    // A new account has no conference: it creates one from the home page and lands in its console.
    await page.goto(`${t.url}/#/`);
    await page.getByText('You have not joined a conference yet').waitFor();
    await page.getByRole('button', { name: 'Create a conference' }).click();
    await page.getByLabel('Conference name').fill('Regional Nursing Symposium');
    await page.getByLabel('First day').fill('2026-09-14');
    await page.getByLabel('Last day').fill('2026-09-15');
    await shoot(page, 'create-conference');
    await page.getByRole('button', { name: 'Create conference' }).click();
    await page.waitForURL(/#\/conferences\/[0-9a-f-]+\/organize\/sessions$/);
    const conferenceId = /conferences\/([0-9a-f-]+)\//.exec(page.url())![1]!;
    await page.getByText('No sessions yet.').waitFor();
    await page.getByText('No stages yet.').first().waitFor();
    await shoot(page, 'empty-sessions');
    await page.goto(`${t.url}/#/conferences/${conferenceId}/organize/people`);
    await page.getByText('No invitations yet.').waitFor();
    await shoot(page, 'empty-people');
    await context.close();
  });

  test('an attendee who opens the console is told it is for organizers only', async () => {
    const attendee = await (await browser.newContext({ viewport: phone })).newPage();
    await signInThroughForm(attendee, t.url, email('attendee'), demoPassword);
    await attendee.goto(consoleUrl('sessions'));
    await attendee.getByText('Only organizers of this conference can change its program').waitFor();
    expect(await attendee.getByRole('button', { name: 'Add session' }).count()).toBe(0);
    await shoot(attendee, 'attendee-not-allowed');
    await attendee.context().close();
  });
});
