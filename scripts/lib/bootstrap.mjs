// What `npm start` and `npm test` both need before anything runs: npm packages, the mediasoup
// worker, and a Redis. Each step reports how long it took.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function step(name, run) {
  const started = Date.now();
  const result = run();
  const finish = (value) => {
    console.log(`[rounds] ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return value;
  };
  return result instanceof Promise ? result.then(finish) : finish(result);
}

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Rounds needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  }
}

/** Installs npm packages on a fresh clone or after the lockfile changed. mediasoup's own build is skipped: we build it. */
export function installPackages() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return false;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MEDIASOUP_WORKER_BIN: 'skip' },
  });
  return true;
}

export async function ensureWorker() {
  const { ensureMediasoupWorker } = await import('./mediasoup-worker.mjs');
  return ensureMediasoupWorker();
}

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Builds the client unless client/dist is newer than every source it is built from. */
export function buildClient() {
  const built = path.join(root, 'client', 'dist', 'index.html');
  const sources = ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/src', 'package-lock.json'];
  if (existsSync(built) && statSync(built).mtimeMs > Math.max(...sources.map((s) => newestMtime(path.join(root, s))))) return false;
  execFileSync('npm', ['run', 'build', '-w', 'client', '--silent', '--', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  return true;
}

function redisAnswers(url, timeoutMs = 1000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function commandExists(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Uses REDIS_URL (default 127.0.0.1:6379) when it answers; otherwise starts a local redis-server
 * with its append-only file under var/redis. Returns the URL and a stop function.
 */
export async function ensureRedis(env = process.env) {
  const url = env.REDIS_URL || 'redis://127.0.0.1:6379';
  if (await redisAnswers(url)) return { url, started: false, stop: async () => undefined };
  if (!commandExists('redis-server')) {
    throw new Error(
      `No Redis answers at ${url}, and redis-server is not installed. Install the "redis-server" package ` +
        '(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.',
    );
  }
  const dir = path.join(root, 'var', 'redis');
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--logfile', path.join(dir, 'redis.log')],
    { stdio: 'ignore', detached: true },
  );
  const localUrl = `redis://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100 && !(await redisAnswers(localUrl, 200)); attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}; see ${dir}/redis.log`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`[rounds] started a local redis-server at ${localUrl} (data in var/redis)`);
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  return { url: localUrl, started: true, stop };
}

/** Everything both commands need; returns the Redis to use. */
export async function bootstrap() {
  checkNode();
  await step('npm packages', () => installPackages());
  await step('mediasoup worker', () => ensureWorker());
  const redis = await step('redis', () => ensureRedis());
  await step('client build', () => buildClient());
  return { redis };
}
