import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { screenshotDir } from './browser';

/**
 * What every open page looked like when a browser test failed: a screenshot of each
 * (`var/screenshots/failed-<test>-<n>.png`), its address and the requests it was still waiting for.
 * Written for the flake where a late page waits 30 s for its first render (see retry-once.ts):
 * the pending requests say whether the page waits on the server, and on which call.
 * `e2e/environment.mjs` calls the reporter when a test fails.
 */
const pending = new WeakMap<BrowserContext, Map<Request, number>>();
const browsers = new Set<Browser>();

export function watchBrowser(browser: Browser): void {
  browsers.add(browser);
  browser.on('disconnected', () => browsers.delete(browser));
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    const inFlight = new Map<Request, number>();
    pending.set(context, inFlight);
    context.on('request', (request) => inFlight.set(request, Date.now()));
    context.on('requestfinished', (request) => inFlight.delete(request));
    context.on('requestfailed', (request) => inFlight.delete(request));
    return context;
  };
  (globalThis as { __roundsFailureReport?: (name: string) => Promise<void> }).__roundsFailureReport = reportFailure;
}

async function reportFailure(testName: string): Promise<void> {
  const slug = testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  const lines: string[] = [];
  mkdirSync(screenshotDir, { recursive: true });
  let n = 0;
  for (const browser of browsers) {
    for (const context of browser.contexts()) {
      const waiting = [...(pending.get(context) ?? new Map<Request, number>()).entries()]
        .filter(([request]) => !request.url().startsWith('data:'))
        .map(([request, since]) => `${request.method()} ${new URL(request.url()).pathname} (${Date.now() - since} ms)`);
      for (const page of context.pages()) {
        const file = path.join(screenshotDir, `failed-${slug}-${++n}.png`);
        // A short timeout: a page that hangs must not hold up the report of the others.
        const shot = await page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).then(
          () => file,
          () => 'no screenshot (the page did not answer)',
        );
        lines.push(`page ${n}: ${page.url()} → ${shot}; waiting for: ${waiting.join(', ') || 'nothing'}`);
      }
    }
  }
  console.error(`[e2e] open pages when "${testName}" failed:\n${lines.join('\n')}`);
}
