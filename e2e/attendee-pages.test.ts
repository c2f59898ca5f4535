import type { Browser, BrowserContext, Page } from 'playwright-core';
import { demoAccounts, demoPassword } from '../server/src/db/seed';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { launchChromium, screenshot, signInThroughForm } from './browser';

jest.setTimeout(120_000);

/** The viewer sits in Berlin; the demo conference runs on Chicago time, so every time shows in both zones. */
const viewerZone = 'Europe/Berlin';
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

const newClinician = { name: 'Dr. Nadia Novak', email: 'nadia.novak@clinic.example', password: 'sinus rhythm at dawn' };

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The text of the message an input points at with aria-describedby (its hint or its error). */
async function describedText(page: Page, label: string): Promise<string> {
  const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(ids.split(' ').filter(Boolean).map((id) => page.locator(`#${id}`).innerText()));
  return texts.join(' ');
}

describe('attendee pages: from a conference link to a personal schedule', () => {
  let t: TestPlatform;
  let browser: Browser;
  let contexts: BrowserContext[];
  let clinician: Page;
  let guest: Page;
  let conference: { id: string; name: string; timeZone: string };
  /** The session the clinician adds to their schedule. */
  let chosen: string;

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, timezoneId: viewerZone, locale: 'en-US' });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await launchChromium();
    contexts = [];
    conference = await t.platform.database.db
      .selectFrom('conferences')
      .select(['id', 'name', 'timeZone'])
      .where('slug', '=', 'demo')
      .executeTakeFirstOrThrow();
    clinician = await newPage(desktop);
    guest = await newPage(desktop);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  test('the conference link shows what the conference is and asks to register or sign in', async () => {
    await clinician.goto(`${t.url}/#/c/demo`);
    await clinician.getByRole('heading', { name: conference.name }).waitFor();
    await clinician.getByText('Chicago').first().waitFor();
    expect(await clinician.getByRole('link', { name: 'Register' }).isVisible()).toBe(true);
    expect(await clinician.getByRole('link', { name: 'Sign in' }).isVisible()).toBe(true);
    await screenshot(clinician, 'landing-signed-out-desktop');
  });

  test('registering says a weak password is too short before submitting', async () => {
    await clinician.getByRole('link', { name: 'Register' }).click();
    await clinician.getByRole('heading', { name: 'Create your account' }).waitFor();
    await clinician.getByLabel('Full name').fill(newClinician.name);
    await clinician.getByLabel('Email').fill(demoAccounts[4]!.email);
    await clinician.getByLabel('Password').fill('short');
    await clinician.getByText('Use at least 10 characters.').waitFor();
    expect(await describedText(clinician, 'Password')).toContain('Use at least 10 characters.');
    await screenshot(clinician, 'register-weak-password-desktop');
  });

  test('an email that already has an account gets the server’s message next to the email field', async () => {
    await clinician.getByLabel('Password').fill(newClinician.password);
    await clinician.getByRole('button', { name: 'Create account' }).click();
    await clinician.getByRole('alert').getByText('An account with this email already exists').waitFor();
    expect(await describedText(clinician, 'Email')).toContain('An account with this email already exists. Sign in, or reset your password.');
    expect(await clinician.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(clinician, 'register-email-taken-desktop');
  });

  test('a new clinician registers and comes back to the conference link, not yet a member', async () => {
    await clinician.getByLabel('Email').fill(newClinician.email);
    await clinician.getByRole('button', { name: 'Create account' }).click();
    await clinician.getByRole('button', { name: 'Join as attendee' }).waitFor();
    expect(clinician.url()).toContain('#/c/demo');
    await screenshot(clinician, 'landing-join-desktop');
  });

  test('before joining, home explains how to join and the agenda says it is not theirs yet', async () => {
    await clinician.goto(`${t.url}/#/`);
    await clinician.getByRole('heading', { name: 'You have not joined a conference yet' }).waitFor();
    await screenshot(clinician, 'home-empty-desktop');
    await clinician.goto(`${t.url}/#/conferences/${conference.id}`);
    await clinician.getByRole('alert').getByText('You have not joined this conference').waitFor();
    await screenshot(clinician, 'agenda-not-member-desktop');
  });

  test('joining as attendee opens the agenda with live now, up next, and times in both zones', async () => {
    await clinician.goto(`${t.url}/#/c/demo`);
    await clinician.getByRole('button', { name: 'Join as attendee' }).click();
    await region(clinician, 'Live now').getByRole('listitem').first().waitFor();
    expect(await region(clinician, 'Live now').getByRole('heading', { name: 'Opening keynote: Sepsis care in 2026' }).count()).toBe(1);
    expect(await region(clinician, 'Up next').getByRole('listitem').count()).toBeGreaterThan(0);
    const zoneNote = await clinician.getByText('Times are in the conference’s time zone').innerText();
    expect(zoneNote).toContain('Chicago');
    expect(zoneNote).toContain('Berlin');
    const keynote = await region(clinician, 'Live now').getByRole('listitem').filter({ hasText: 'Opening keynote' }).innerText();
    expect(keynote).toMatch(/C[SD]T/);
    expect(keynote).toMatch(/GMT\+[12] · your time/);
    expect(keynote).toContain('1.5 CME credits');
    expect(await clinician.getByRole('tab', { selected: true }).textContent()).toContain('Day 1');
    await screenshot(clinician, 'agenda-desktop');
  });

  test('the track filter shows one track', async () => {
    await clinician.getByRole('button', { name: 'Cardiology' }).click();
    expect(await clinician.getByRole('button', { name: 'Cardiology' }).getAttribute('aria-pressed')).toBe('true');
    const tracks = await clinician.locator('.track-chip').allTextContents();
    expect(tracks.length).toBeGreaterThan(0);
    expect(new Set(tracks)).toEqual(new Set(['Cardiology']));
    await clinician.getByRole('tab', { name: /Day 2/ }).click();
    await screenshot(clinician, 'agenda-day2-cardiology-desktop');
    await clinician.getByRole('button', { name: 'All tracks' }).click();
    await clinician.getByRole('tab', { name: /Day 1/ }).click();
  });

  test('my schedule is empty until a session is added from the agenda, and the choice is kept', async () => {
    await clinician.getByRole('navigation', { name: 'Conference' }).getByRole('link', { name: 'My schedule' }).click();
    await clinician.getByText('Your schedule is empty').waitFor();
    await screenshot(clinician, 'my-schedule-empty-desktop');

    await clinician.getByRole('navigation', { name: 'Conference' }).getByRole('link', { name: 'Agenda' }).click();
    const next = region(clinician, 'Up next').getByRole('listitem').first();
    chosen = await next.getByRole('heading').innerText();
    await next.getByRole('button', { name: 'Add to my schedule' }).click();
    await next.getByRole('button', { name: 'Remove from my schedule' }).waitFor();
    await next.getByText('In my schedule').waitFor();

    await clinician.getByRole('navigation', { name: 'Conference' }).getByRole('link', { name: 'My schedule' }).click();
    await clinician.getByRole('heading', { name: chosen }).first().waitFor();
    await clinician.reload();
    await clinician.getByRole('heading', { name: chosen }).first().waitFor();
    expect(await clinician.getByRole('heading', { name: 'Opening keynote: Sepsis care in 2026' }).count()).toBe(0);
    await screenshot(clinician, 'my-schedule-desktop');
  });

  test('the session page shows when in both zones, speakers, objectives, accreditation and the stage', async () => {
    await clinician.getByRole('link', { name: chosen }).first().click();
    await clinician.getByRole('heading', { level: 1, name: chosen }).waitFor();
    await clinician.getByRole('heading', { name: 'Learning objectives' }).waitFor();
    expect(await clinician.locator('.objective-list li').count()).toBeGreaterThan(0);
    expect(await region(clinician, 'Speakers').getByRole('listitem').count()).toBeGreaterThan(0);
    const when = await clinician.locator('.session-when-full').innerText();
    expect(when).toMatch(/C[SD]T/);
    expect(when).toMatch(/GMT\+[12]/);
    await region(clinician, 'Accreditation').getByText(/CME credit/).waitFor();
    await clinician.getByText('The session has not started yet').waitFor();
    expect(await clinician.getByRole('button', { name: 'Remove from my schedule' }).count()).toBe(1);
    await screenshot(clinician, 'session-page-desktop');
  });

  test('the profile saves credentials, specialty and licence, and says who sees it', async () => {
    await clinician.getByRole('link', { name: 'Profile' }).click();
    await clinician.getByText('Only you and the organizers').waitFor();
    await clinician.getByLabel('MD', { exact: true }).check();
    await clinician.getByLabel('Specialty').fill('Family medicine');
    await clinician.getByLabel('State or region').fill('IL');
    await clinician.getByLabel('Licence number').fill('036-123456');
    await clinician.getByRole('button', { name: 'Save profile' }).click();
    await clinician.getByRole('status').getByText('Profile saved').waitFor();
    await screenshot(clinician, 'profile-saved-desktop');
    await clinician.reload();
    await clinician.getByLabel('Specialty').waitFor();
    expect(await clinician.getByLabel('MD', { exact: true }).isChecked()).toBe(true);
    expect(await clinician.getByLabel('Licence number').inputValue()).toBe('036-123456');
  });

  test('forgot password gives the same answer for any email and says where the demo link goes', async () => {
    await guest.goto(`${t.url}/#/forgot`);
    await guest.getByLabel('Email').fill('nobody@clinic.example');
    await guest.getByRole('button', { name: 'Send me a link' }).click();
    await guest.getByText('If an account exists for nobody@clinic.example, we sent a link').waitFor();
    await guest.getByText('server log').waitFor();
    await screenshot(guest, 'forgot-password-sent-desktop');
  });

  test('a reset link that is not valid says so and offers a new one', async () => {
    await guest.goto(`${t.url}/#/reset/0000000000000000000000000000`);
    await guest.getByLabel('New password').fill('a much longer passphrase');
    await guest.getByRole('button', { name: 'Save the new password' }).click();
    await guest.getByText('The reset link has expired or was already used').waitFor();
    await guest.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await screenshot(guest, 'reset-invalid-desktop');
  });

  test('an invitation link with an unknown token says it is not valid', async () => {
    await guest.goto(`${t.url}/#/invite/not-a-real-invitation-token`);
    await guest.getByRole('heading', { name: 'This invitation link is not valid' }).waitFor();
    await screenshot(guest, 'invitation-invalid-desktop');
  });

  test('an invitation names role and conference; a signed-in clinician accepts it once', async () => {
    const organizer = await t.signIn('organizer');
    const response = await fetch(`${t.url}/api/conferences/${conference.id}/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: organizer },
      body: JSON.stringify({ role: 'speaker', email: null, boothId: null }),
    });
    const link = ((await response.json()) as { data: { link: string } }).data.link;

    await guest.goto(link);
    await guest.getByRole('heading', { name: `You are invited as Speaker to ${conference.name}` }).waitFor();
    await guest.getByRole('link', { name: 'Create an account' }).waitFor();
    await screenshot(guest, 'invitation-signed-out-desktop');

    await clinician.goto(link);
    await clinician.getByRole('button', { name: 'Accept invitation' }).click();
    await region(clinician, 'Live now').waitFor();
    expect(clinician.url()).toContain(`#/conferences/${conference.id}`);
    await clinician.goto(link);
    await clinician.getByRole('heading', { name: 'This invitation was already used' }).waitFor();
    await screenshot(clinician, 'invitation-used-desktop');
  });

  test('an unknown conference link says there is no conference there', async () => {
    await guest.goto(`${t.url}/#/c/no-such-meeting`);
    await guest.getByText('There is no conference at this link').waitFor();
    await screenshot(guest, 'landing-unknown-desktop');
  });

  test('every attendee screen fits a 390 px phone', async () => {
    const visitor = await newPage(phone);
    const pages: [string, string, string][] = [
      ['#/c/demo', conference.name, 'landing-signed-out-phone'],
      ['#/register', 'Create your account', 'register-phone'],
      ['#/forgot', 'Reset your password', 'forgot-password-phone'],
      ['#/invite/not-a-real-invitation-token', 'This invitation link is not valid', 'invitation-invalid-phone'],
      ['#/', 'Sign in to your conference', 'sign-in-phone'],
    ];
    for (const [hash, heading, name] of pages) {
      await visitor.goto(`${t.url}/${hash}`);
      await visitor.getByRole('heading', { name: heading }).first().waitFor();
      await screenshot(visitor, name);
    }

    const member = await newPage(phone);
    await signInThroughForm(member, t.url, newClinician.email, newClinician.password);
    await region(member, 'Live now').waitFor();
    await screenshot(member, 'agenda-phone');
    await member.getByRole('link', { name: 'My schedule' }).click();
    await member.getByRole('heading', { name: chosen }).first().waitFor();
    await screenshot(member, 'my-schedule-phone');
    await member.getByRole('link', { name: chosen }).first().click();
    await member.getByRole('heading', { name: 'Learning objectives' }).waitFor();
    await screenshot(member, 'session-page-phone');
    await member.getByRole('link', { name: 'Profile' }).click();
    await member.getByLabel('Specialty').waitFor();
    await screenshot(member, 'profile-phone');

    const speaker = await newPage(phone);
    await signInThroughForm(speaker, t.url, demoAccounts[2]!.email, demoPassword);
    await region(speaker, 'Live now').getByRole('listitem').filter({ hasText: 'Opening keynote' }).getByRole('link', { name: 'Open speaker studio' }).click();
    await speaker.getByText('Preview: not live').waitFor();
    await speaker.getByTestId('stage-video').waitFor();
    await screenshot(speaker, 'studio-phone');
  });

  test('with a second conference, home lists both; a conference without sessions says so', async () => {
    const cookie = (await clinician.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const created = await fetch(`${t.url}/api/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        name: 'Grand Rounds: Pediatric Emergencies',
        slug: 'peds-grand-rounds',
        timeZone: 'America/New_York',
        startsOn: '2026-09-14',
        endsOn: '2026-09-14',
        accreditingProvider: '',
        description: '',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;

    await clinician.goto(`${t.url}/#/`);
    await clinician.getByRole('heading', { name: 'My conferences' }).waitFor();
    expect(await clinician.getByRole('listitem').count()).toBe(2);
    await clinician.getByRole('listitem').filter({ hasText: 'Grand Rounds' }).getByRole('link', { name: 'Organize' }).waitFor();
    await screenshot(clinician, 'home-conferences-desktop');

    await clinician.goto(`${t.url}/#/conferences/${id}`);
    await clinician.getByText('No sessions yet').waitFor();
    await screenshot(clinician, 'agenda-no-sessions-desktop');

    const member = await newPage(phone);
    await signInThroughForm(member, t.url, newClinician.email, newClinician.password);
    await member.getByRole('heading', { name: 'My conferences' }).waitFor();
    await screenshot(member, 'home-conferences-phone');
  });
});
