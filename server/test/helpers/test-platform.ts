import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
  // Recordings and their spool in a folder of this test's own.
  const files = await mkdtemp(path.join(os.tmpdir(), 'rounds-test-'));
  return loadConfig({
    // Stage tests need no ffmpeg capturing each stream: recording tests turn it on.
    RECORD_LIVE_SESSIONS: 'false',
    STORAGE_DIR: path.join(files, 'storage'),
    SPOOL_DIR: path.join(files, 'spool'),
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

/** Resolves with the next notification of that name on the socket that `matches` (earlier ones that do not are skipped). */
export function nextMatching<N extends keyof ServerToClientEvents>(
  socket: TestSocket,
  name: N,
  matches: (payload: Parameters<ServerToClientEvents[N]>[0]) => boolean,
): Promise<Parameters<ServerToClientEvents[N]>[0]> {
  type Payload = Parameters<ServerToClientEvents[N]>[0];
  const events = socket as unknown as { on(event: string, listener: (payload: Payload) => void): void; off(event: string, listener: (payload: Payload) => void): void };
  return new Promise((resolve) => {
    const listener = (payload: Payload) => {
      if (!matches(payload)) return;
      events.off(name, listener);
      resolve(payload);
    };
    events.on(name, listener);
  });
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

/** The data of a successful socket ack; throws with the ack when it is a refusal. */
export function okData<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected success, got ${JSON.stringify(ack)}`);
  return ack.data;
}

/** Every notification of that name the socket receives from now on, in arrival order. */
export function collectNotifications<N extends keyof ServerToClientEvents>(socket: TestSocket, name: N): Parameters<ServerToClientEvents[N]>[0][] {
  const received: Parameters<ServerToClientEvents[N]>[0][] = [];
  (socket.on as (event: string, listener: (payload: never) => void) => void)(name, (payload) => received.push(payload));
  return received;
}

/**
 * The names of the notifications the socket receives from now on, in arrival order, and a marker
 * the test pushes itself (for example when an ack arrives), to assert what came before what.
 */
export function notificationLog(socket: TestSocket): string[] {
  const log: string[] = [];
  socket.onAny((event: string) => log.push(event));
  return log;
}

/**
 * Hand-written RTP parameters of an Opus microphone, as a browser would send them. mediasoup accepts
 * a producer before its transport connects, so Node tests can produce without WebRTC.
 */
export function opusRtpParameters(ssrc: number, headerExtensions: { uri: string; id: number }[] = []) {
  return { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], headerExtensions, encodings: [{ ssrc }] };
}

/** A VP8 camera in three simulcast encodings (by SSRC), as mediasoup-client sends a webcam. */
export function vp8SimulcastRtpParameters(firstSsrc: number) {
  return {
    codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
    encodings: [0, 1, 2].map((index) => ({ ssrc: firstSsrc + index })),
  };
}

/** Opens a send transport and produces on it (no DTLS needed, see `opusRtpParameters`); returns the ids. */
export async function produceOnStage(
  socket: TestSocket,
  sessionId: string,
  stream: { kind: 'audio' | 'video'; source: 'camera' | 'microphone' | 'screen'; rtpParameters: RequestPayload<'media.produce'>['rtpParameters'] },
): Promise<{ transportId: string; producerId: string }> {
  const { transportId } = okData(await socket.request('media.createTransport', { sessionId, direction: 'send' }));
  const { producerId } = okData(await socket.request('media.produce', { sessionId, transportId, ...stream }));
  return { transportId, producerId };
}

/**
 * A PlainTransport on the stage's router, attached to a peer as its send transport: lets a test
 * feed real RTP (from ffmpeg) into a producer made through the ordinary `media.produce` request.
 * `comedia`: the transport learns where RTP comes from with its first packet. Returns its id and UDP port.
 */
export async function attachPlainSendTransport(t: TestPlatform, sessionId: string, peerId: string): Promise<{ transportId: string; port: number }> {
  const room = await t.platform.stages.existingRoom(sessionId);
  if (!room) throw new Error(`no stage room for ${sessionId}`);
  const transport = await room.router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  room.peer(peerId).addTransport(transport, 'send');
  return { transportId: transport.id, port: transport.tuple.localPort };
}
