import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { dropTestData, startTestPlatform, testRedisUrl, type TestPlatform } from '../helpers/test-platform';
import { freePort, processRunning } from '../helpers/processes';

interface PartReport {
  ok: boolean;
  error?: string;
  [detail: string]: unknown;
}

interface HealthBody {
  status: 'up' | 'down';
  down: string[];
  parts: { database: PartReport; redis: PartReport; mediasoup: PartReport; queue: PartReport };
}

async function health(url: string): Promise<{ status: number; body: HealthBody; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/api/health`);
  return { status: response.status, body: (await response.json()) as HealthBody, ms: Date.now() - started };
}

function workers(body: HealthBody): { index: number; pid: number; alive: boolean }[] {
  return body.parts.mediasoup.workers as { index: number; pid: number; alive: boolean }[];
}

/** A redis-server of this test's own, so killing it disturbs no one else's Redis. */
async function startPrivateRedis(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code} before it was ready:\n${output}`)));
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    expect(await client.ping()).toBe('PONG');
  } finally {
    client.disconnect();
  }
  return { child, url };
}

/** Rejects when `promise` has not settled within `ms`, naming what hung. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('GET /api/health', () => {
  describe('with every part up', () => {
    let t: TestPlatform;
    beforeAll(async () => {
      t = await startTestPlatform();
    });
    afterAll(() => t.close());

    test('answers 200 with the database kind, Redis PONG, one live mediasoup worker and the queue counts', async () => {
      const { status, body } = await health(t.url);
      expect(status).toBe(200);
      expect(body.status).toBe('up');
      expect(body.down).toEqual([]);
      expect(body.parts.database).toEqual({ ok: true, kind: t.platform.database.kind });
      expect(['postgres', 'pglite']).toContain(body.parts.database.kind);
      expect(body.parts.redis).toEqual({ ok: true, reply: 'PONG' });
      expect(body.parts.mediasoup.ok).toBe(true);
      const [worker, ...others] = workers(body);
      expect(others).toEqual([]);
      expect(worker).toEqual({ index: 0, pid: expect.any(Number), alive: true });
      expect(processRunning(worker!.pid)).toBe(true);
      // The queue lives under this test's own prefix, so no job and no media-worker is there.
      expect(body.parts.queue).toEqual({ ok: true, waiting: 0, active: 0, failed: 0, mediaWorkers: 0 });
    });

    test('after a mediasoup worker is SIGKILLed, names the replacement worker with a new pid', async () => {
      const before = workers((await health(t.url)).body)[0]!;
      const replaced = once(t.platform.pool, 'workerReplaced') as Promise<[number, number]>;
      process.kill(before.pid, 'SIGKILL');
      const [index, newPid] = await within(replaced, 10_000, 'worker replacement');
      expect(index).toBe(0);
      expect(newPid).not.toBe(before.pid);

      const { status, body } = await health(t.url);
      expect(status).toBe(200);
      expect(body.down).toEqual([]);
      expect(workers(body)).toEqual([{ index: 0, pid: newPid, alive: true }]);
      expect(processRunning(newPid)).toBe(true);
      expect(processRunning(before.pid)).toBe(false);
    });
  });

  describe('when Redis goes away', () => {
    let redis: { child: ChildProcess; url: string };
    let t: TestPlatform | undefined;
    let closed = false;

    beforeAll(async () => {
      redis = await startPrivateRedis();
      t = await startTestPlatform({ REDIS_URL: redis.url });
    });
    afterAll(async () => {
      if (redis.child.exitCode === null && redis.child.signalCode === null) {
        redis.child.kill('SIGKILL');
        await once(redis.child, 'exit');
      }
      if (t && !closed) await t.platform.close();
      // The private Redis took its keys with it; point the cleanup at the shared Redis so only the schema is dropped.
      if (t) await dropTestData({ ...t.config, REDIS_URL: testRedisUrl });
    });

    test('answers 503 within seconds naming redis and queue, still reporting database and mediasoup ok, and closes cleanly', async () => {
      expect((await health(t!.url)).status).toBe(200);

      redis.child.kill('SIGKILL');
      await once(redis.child, 'exit');

      const { status, body, ms } = await health(t!.url);
      expect(status).toBe(503);
      expect(ms).toBeLessThan(5000);
      expect(body.status).toBe('down');
      expect([...body.down].sort()).toEqual(['queue', 'redis']);
      expect(body.parts.redis).toMatchObject({ ok: false, error: expect.any(String) });
      expect(body.parts.queue).toMatchObject({ ok: false, error: expect.any(String) });
      expect(body.parts.database).toMatchObject({ ok: true });
      expect(body.parts.mediasoup).toMatchObject({ ok: true });

      await within(t!.platform.close(), 5000, 'platform close() with Redis gone');
      closed = true;
    });
  });
});
