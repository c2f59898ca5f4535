import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { watchBrowser } from './failure-report';

export const screenshotDir = path.resolve(__dirname, '..', 'var', 'screenshots');

/**
 * Debian's Chromium, headless, with fake camera and microphone (flags from ENVIRONMENT.md).
 * `extraArgs` adds flags, for example `--use-file-for-fake-audio-capture=<wav>` for a voice that never pauses.
 */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      ...extraArgs,
    ],
  });
  watchBrowser(browser);
  return browser;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * Runs a step; when it fails, keeps a screenshot (`failed-<name>.png`) and the page's address next
 * to the error, so a failure seen once in CI can be looked at afterwards.
 */
export async function orScreenshot<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await screenshot(page, `failed-${name}`).catch(() => undefined);
    throw new Error(`${(error as Error).message}\n(page at ${page.url()}; screenshot var/screenshots/failed-${name}.png)`, { cause: error });
  }
}

export async function signInThroughForm(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
