// `npm start`: brings the whole platform up with embedded defaults and the demo conference.
// Ctrl-C stops everything it started: server, media-worker, and the local redis-server if any.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { bootstrap, root } from './lib/bootstrap.mjs';

const logDir = path.join(root, 'var', 'logs');
const children = [];
let stopping = false;

/** Starts a workspace's main.ts under tsx; JSON logs go to var/logs, errors also to this terminal. */
function startProcess(name, entry, env) {
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Own process group: Ctrl-C reaches only this script, which stops the children in order.
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.stdout.on('data', (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.includes('"level":50') || line.includes('"level":60')) process.stderr.write(`[${name}] ${line}\n`);
    }
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[rounds] ${name} stopped unexpectedly (${signal ?? `exit ${code}`}); see var/logs/${name}.log`);
      void stopAll(1);
    }
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.on('message', (message) => message?.type === 'ready' && resolve(message));
    child.once('exit', (code) => reject(new Error(`${name} exited with code ${code} before it was ready; see var/logs/${name}.log`)));
  });
}

let redis;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\n[rounds] stopping…');
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      })),
  );
  await redis?.stop();
  console.log('[rounds] stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  ({ redis } = await bootstrap());
  mkdirSync(logDir, { recursive: true });
  // Both read and write recordings in one folder (unless STORAGE_* says otherwise).
  const shared = { REDIS_URL: redis.url, STORAGE_DIR: process.env.STORAGE_DIR || path.join(root, 'var', 'storage') };
  const server = await startProcess('server', 'server/src/main.ts', { ...shared, SEED_DEMO: 'true' });
  await startProcess('media-worker', 'media-worker/src/main.ts', shared);
  const { demoAccounts, demoPassword } = server.demo;
  console.log(`
  Rounds is running at ${server.url}

  Demo logins (password for all: ${demoPassword}):
${demoAccounts.map((a) => `    ${a.role.padEnd(10)} ${a.email}`).join('\n')}

  Try it: sign in as the speaker in one browser window and open the speaker studio of the keynote;
  sign in as the attendee in a private window and press Watch.
  Logs: var/logs/. Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`[rounds] ${error.message}`);
  await stopAll(1);
}
