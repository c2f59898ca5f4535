import type { Page } from 'playwright-core';

export interface Counters {
  framesDecoded: number;
  audioPacketsReceived: number;
}

export interface ReceiveStats extends Counters {
  /** The receive transport's protocol once ICE has connected. */
  protocol: 'udp' | 'tcp' | null;
}

/** The viewer's receive counters over its current consumers (`window.rounds.client.receiveStats()`). */
export function receiveStats(page: Page): Promise<ReceiveStats> {
  return page.evaluate(() =>
    (window as unknown as { rounds: { client: { receiveStats(): Promise<ReceiveStats> } } }).rounds.client.receiveStats(),
  );
}

/** Polls the real counters until both have grown by more than 10 past `since`: media is flowing. */
export async function waitForGrowth(page: Page, since: Counters, timeoutMs = 15_000): Promise<Counters> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await receiveStats(page);
    if (stats.framesDecoded > since.framesDecoded + 10 && stats.audioPacketsReceived > since.audioPacketsReceived + 10) return stats;
    if (Date.now() > deadline) throw new Error(`media stopped flowing: ${JSON.stringify(stats)} after ${JSON.stringify(since)}`);
    await page.waitForTimeout(100);
  }
}

/** Polls until the counters fall below `before`: the old consumers are gone (media was lost and is being restored). */
export async function waitForReset(page: Page, before: Counters, timeoutMs = 15_000): Promise<Counters> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = await receiveStats(page);
    if (stats.framesDecoded < before.framesDecoded) return stats;
    if (Date.now() > deadline) throw new Error(`the old stream never went away: ${JSON.stringify(stats)}`);
    await page.waitForTimeout(50);
  }
}
