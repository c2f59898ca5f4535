import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, processRunning } from '../../server/test/helpers/processes';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '..', '..');

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves with everything printed once `pattern` appears; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) resolve(output);
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code} before "${pattern}":\n${output}`)));
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rounds-start-'));
  let child: ChildProcess;

  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('brings the platform up with embedded defaults, and Ctrl-C leaves nothing running', async () => {
    const port = await freePort();
    const absentRedisPort = await freePort();
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        // Nothing listens there, so the script must start its own redis-server.
        REDIS_URL: `redis://127.0.0.1:${absentRedisPort}`,
        REDIS_PREFIX: `test-start-${port}`,
        DATABASE_URL: '',
        MEDIASOUP_WORKERS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await waitForOutput(child, /Press Ctrl-C to stop/);

    expect(output).toContain(`Rounds is running at http://localhost:${port}`);
    for (const role of ['organizer', 'moderator', 'speaker', 'exhibitor', 'attendee']) {
      expect(output).toMatch(new RegExp(`${role}\\s+${role}@demo\\.rounds\\.test`));
    }
    const redisPort = Number(/started a local redis-server at redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
    expect(redisPort).toBeGreaterThan(0);

    const page = await fetch(`http://localhost:${port}/`);
    expect(await page.text()).toContain('<div id="root">');
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as {
      parts: { database: { kind: string }; mediasoup: { workers: { pid: number }[] }; queue: { mediaWorkers: number } };
    };
    expect(body.parts.database.kind).toBe('pglite');
    expect(body.parts.queue.mediaWorkers).toBe(1);
    const workerPids = body.parts.mediasoup.workers.map((w) => w.pid);
    expect(workerPids).toHaveLength(1);

    child.kill('SIGINT');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(workerPids.filter(processRunning)).toEqual([]);
    expect(await portAnswers(port)).toBe(false);
    expect(await portAnswers(redisPort)).toBe(false);
  });
});
