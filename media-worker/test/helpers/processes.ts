import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, processRunning } from '../../../server/test/helpers/processes';

const repoRoot = path.resolve(__dirname, '../../..');

/** Pids of running ffmpeg processes whose arguments mention `fragment` (a worker's own scratch folder). */
export function ffmpegPidsMentioning(fragment: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return path.basename(args[0] ?? '') === 'ffmpeg' && args.some((arg) => arg.includes(fragment)) && processRunning(Number(pid));
      } catch {
        return false; // Exited while we looked.
      }
    })
    .map(Number);
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Every line the worker logged (pino JSON), parsed. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/**
 * Starts `media-worker/src/main.ts` as production does (tsx) with exactly the given environment plus
 * PATH, and resolves once it reports ready over IPC. Rejects with its stderr if it exits first.
 */
export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'media-worker/src/main.ts')], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logs: Record<string, unknown>[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (message: { type?: string }) => message.type === 'ready' && resolve());
    void exited.then((code) => reject(new Error(`media-worker exited with ${code} before it was ready: ${stderr}`)));
  });
  return { child, logs, exited };
}

/**
 * A Redis of the test's own, on a free port, keeping its data in an append-only file synced on every
 * write, as a production Redis for BullMQ should (docker-compose runs it with --appendonly yes), so
 * that it can be killed and started again with its data.
 */
export class OwnRedis {
  #child: ChildProcess | undefined;

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(dir: string): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(), dir);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.#child = child;
    // Redis logs this line once it accepts connections (after loading the append-only file).
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)));
    });
    const probe = new Redis(this.url);
    await probe.ping();
    await probe.quit();
  }

  /** SIGKILL: no shutdown save, as in a crash; the append-only file has every acknowledged write. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}
