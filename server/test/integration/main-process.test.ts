import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config';
import { dropTestData, postgresAvailable, testDatabaseUrl, testRedisUrl, uniqueName } from '../helpers/test-platform';
import { freePort, processRunning } from '../helpers/processes';

const repoRoot = path.resolve(__dirname, '../../..');
const mainScript = path.join(repoRoot, 'server/src/main.ts');

/** Starts `server/src/main.ts` as production does (tsx), with exactly the given environment plus PATH. */
function startServer(env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', mainScript], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

async function exitOf(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  return { code, signal };
}

describe('server main process', () => {
  test('a bad PORT exits 1 with a one-line message naming PORT and no stack trace', async () => {
    const child = startServer({ PORT: 'abc' });
    const stderr = collect(child.stderr);
    const stdout = collect(child.stdout);
    const { code } = await exitOf(child);
    // 'exit' can precede the last 'data' of the pipes; 'close' follows both.
    if (!child.stdout.closed || !child.stderr.closed) await once(child, 'close');
    expect(code).toBe(1);
    expect(stderr()).toMatch(/^Invalid configuration: PORT\b/);
    expect(stderr().trim().split('\n')).toHaveLength(1);
    expect(stderr()).not.toMatch(/\n\s+at /);
    expect(stdout()).toBe('');
  }, 30_000);

  describe('with a valid configuration', () => {
    const password = 's3cret-pw';
    let env: Record<string, string>;
    let child: ChildProcessWithoutNullStreams | undefined;

    beforeAll(async () => {
      const usePostgres = await postgresAvailable();
      const databaseUrl = new URL(testDatabaseUrl);
      databaseUrl.password = password; // trust auth ignores it; the logs must not show it
      env = {
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        REDIS_URL: testRedisUrl,
        REDIS_PREFIX: uniqueName('redis'),
        MEDIASOUP_WORKERS: '1',
        LOG_LEVEL: 'debug',
        ...(usePostgres ? { DATABASE_URL: databaseUrl.toString(), DATABASE_SCHEMA: uniqueName('schema') } : { DATA_DIR: ':memory:' }),
      };
    });

    afterAll(async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exitOf(child);
      }
      await dropTestData(loadConfig(env));
    });

    test('logs only JSON lines without the database password, and SIGTERM exits 0 leaving no mediasoup worker behind', async () => {
      child = startServer(env);
      const stderr = collect(child.stderr);
      const lines: string[] = [];
      const reader = createInterface({ input: child.stdout });
      const exited = exitOf(child);

      const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
        reader.on('line', (line) => {
          lines.push(line);
          try {
            const entry = JSON.parse(line) as Record<string, unknown>;
            if (entry.msg === 'Rounds server listening') resolve(entry);
          } catch {
            // Not JSON: asserted below; keep reading so the server's fate is known.
          }
        });
        void exited.then(({ code, signal }) =>
          reject(new Error(`server exited (${code ?? signal}) before listening:\n${stderr()}\n${lines.join('\n')}`)),
        );
      });
      expect(listening).toMatchObject({ level: 30, name: 'rounds-server', url: `http://localhost:${env.PORT}`, workers: 1 });

      const health = await fetch(`http://127.0.0.1:${env.PORT}/api/health`);
      expect(health.status).toBe(200);

      child.kill('SIGTERM');
      const { code, signal } = await exited;
      if (!child.stdout.closed) await once(child.stdout, 'close');
      reader.close();

      expect({ code, signal }).toEqual({ code: 0, signal: null });
      const entries = lines.map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          throw new Error(`stdout line is not JSON: ${line}`);
        }
      });
      expect(entries.some((e) => e.msg === 'shutting down' && e.signal === 'SIGTERM')).toBe(true);
      for (const line of lines) expect(line).not.toContain(password);
      if (env.DATABASE_URL) {
        // The URL is logged, masked: the check above is not passing just because nothing was logged.
        expect(entries.find((e) => e.msg === 'starting')).toMatchObject({ database: expect.stringContaining(':***@') });
      }
      expect(stderr()).not.toContain(password);

      const workerPids = entries.filter((e) => e.msg === 'mediasoup worker started').map((e) => e.pid as number);
      expect(workerPids).toHaveLength(1);
      expect(workerPids.every((pid) => Number.isInteger(pid) && pid > 0)).toBe(true);
      // The server SIGTERMs its mediasoup workers on close without waiting (mediasoup's Worker.close()
      // is synchronous), so a worker may outlive it by a couple of hundred ms while it shuts down. It
      // must not stay orphaned; a process that is not our child has no exit event, so poll with a deadline.
      const deadline = Date.now() + 5000;
      while (workerPids.some(processRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(workerPids.filter(processRunning)).toEqual([]);
    }, 60_000);
  });
});
