import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, RequestName, RequestPayload, RequestResponse, Role, ServerToClientEvents } from '@rounds/shared';
import { loadConfig, type Config } from '../../src/config';
import { demoAccounts, demoPassword, seedDemo } from '../../src/db/seed';
import { createLogger } from '../../src/logger';
import { startPlatform, type Platform } from '../../src/platform';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/test';
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when the machine's PostgreSQL answers; otherwise tests run on embedded PGlite. */
export async function postgresAvailable(url = testDatabaseUrl): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function uniqueName(kind: string): string {
  return `test_${kind}_${randomBytes(5).toString('hex')}`;
}

/** A config of our own: own schema, own Redis prefix, ephemeral port, quiet logs. */
export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  const usePostgres = await postgresAvailable();
  return loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: uniqueName('redis'),
    MEDIASOUP_WORKERS: '1',
    ...(usePostgres ? { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: uniqueName('schema') } : { DATA_DIR: ':memory:' }),
    ...overrides,
  });
}

export interface TestPlatform {
  platform: Platform;
  config: Config;
  url: string;
  keynoteId: string;
  signIn(role: Role): Promise<string>;
  connect(cookie?: string): Promise<TestSocket>;
  close(): Promise<void>;
}

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<Ack<RequestResponse<N>>>;
  /** Sends any event with any payload (for malformed-input tests). */
  raw(name: string, payload: unknown): Promise<Ack<unknown>>;
};

/** Starts a full server node (real database, Redis, mediasoup) seeded with the demo conference. */
export async function startTestPlatform(overrides: Record<string, string> = {}, logger = createLogger('silent')): Promise<TestPlatform> {
  const config = await testConfig(overrides);
  const platform = await startPlatform(config, logger);
  await seedDemo(platform.database.db);
  const keynote = await platform.database.db
    .selectFrom('sessions')
    .select('id')
    .where('title', 'like', 'Opening keynote%')
    .executeTakeFirstOrThrow();
  const sockets: Socket[] = [];

  async function signIn(role: Role): Promise<string> {
    const email = demoAccounts.find((a) => a.role === role)!.email;
    const response = await fetch(`${platform.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: demoPassword }),
    });
    if (!response.ok) throw new Error(`sign-in as ${role} failed: ${response.status}`);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  async function connect(cookie?: string): Promise<TestSocket> {
    const socket = io(platform.url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
    }) as TestSocket;
    sockets.push(socket);
    socket.raw = (name, payload) =>
      new Promise((resolve) => (socket.emit as (...args: unknown[]) => void)(name, payload, resolve));
    socket.request = (name, payload) => socket.raw(name, payload) as never;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }

  async function close(): Promise<void> {
    for (const socket of sockets) socket.disconnect();
    await platform.close();
    await dropTestData(config);
  }

  return { platform, config, url: platform.url, keynoteId: keynote.id, signIn, connect, close };
}

/** Resolves with the payload of the next notification of that name on the socket. */
export function nextNotification<N extends keyof ServerToClientEvents>(socket: TestSocket, name: N): Promise<Parameters<ServerToClientEvents[N]>[0]> {
  return new Promise((resolve) => (socket.once as (event: string, listener: (payload: never) => void) => void)(name, resolve));
}

/** Removes the test's schema and Redis keys, leaving the shared services as they were. */
export async function dropTestData(config: Config): Promise<void> {
  if (config.DATABASE_URL && config.DATABASE_SCHEMA !== 'public') {
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    await client.query(`drop schema if exists "${config.DATABASE_SCHEMA}" cascade`);
    await client.end();
  }
  const redis = new Redis(config.REDIS_URL);
  const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
