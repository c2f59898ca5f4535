import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoAccounts } from '../server/src/db/seed';
import { freePort } from '../server/test/helpers/processes';
import { testDatabaseUrl, testRedisUrl, uniqueName } from '../server/test/helpers/test-platform';

export const demoEmail = (role: string) => demoAccounts.find((a) => a.role === role)!.email;

/**
 * The environment of a server process for a test: its own port, schema and Redis prefix on the
 * shared PostgreSQL and Redis, the demo conference seeded. `overrides` lets a second node share them.
 */
export async function serverProcessEnv(overrides: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: process.env.DEBUG_SERVER ? 'debug' : 'warn',
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: uniqueName('redis'),
    DATABASE_URL: testDatabaseUrl,
    DATABASE_SCHEMA: uniqueName('schema'),
    MEDIASOUP_WORKERS: '1',
    SEED_DEMO: 'true',
    // Spool and storage of this server's own; stage tests need no ffmpeg capturing each stream.
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'rounds-e2e-')),
    RECORD_LIVE_SESSIONS: 'false',
    ...overrides,
  };
}

/** The keynote's page (`stage`) and speaker studio (`studio`) on a server, looked up as the signed-in page. */
export async function keynotePages(page: Page, serverUrl: string): Promise<{ stage: string; studio: string }> {
  const conferences = await (await page.request.get(`${serverUrl}/api/conferences`)).json();
  const conferenceId: string = conferences.data[0].id;
  const program = await (await page.request.get(`${serverUrl}/api/conferences/${conferenceId}/program`)).json();
  const keynote = (program.data.sessions as { id: string; title: string }[]).find((s) => s.title.startsWith('Opening keynote'))!;
  return {
    stage: `${serverUrl}/#/conferences/${conferenceId}/sessions/${keynote.id}`,
    studio: `${serverUrl}/#/conferences/${conferenceId}/studio/${keynote.id}`,
  };
}
