// Builds the mediasoup 3.8.4 worker offline (its npm tarball bundles every worker dependency),
// against the system OpenSSL 3 instead of the bundled, end-of-life OpenSSL 1.1.1k, and caches the
// binary outside node_modules so reinstalls and CI runs reuse it. See docs/mediasoup-worker.md.
import { execFileSync, execSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

function mediasoupDir() {
  const require = createRequire(path.join(root, 'server', 'package.json'));
  return path.dirname(require.resolve('mediasoup/package.json'));
}

function cacheKey(version) {
  const gcc = execSync('c++ -dumpfullversion', { encoding: 'utf8' }).trim();
  return `mediasoup-${version}-${os.platform()}-${os.arch()}-gcc${gcc}-system-openssl`;
}

export function cachedWorkerPath() {
  const version = JSON.parse(readFileSync(path.join(mediasoupDir(), 'package.json'), 'utf8')).version;
  const cacheRoot = process.env.ROUNDS_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'rounds');
  return path.join(cacheRoot, cacheKey(version), 'mediasoup-worker');
}

function patchSources(workerDir) {
  // 1. The bundled gyp is Python-2 only; npm ships gyp-next, which runs under Python 3.
  const npmRoot = execSync('npm root -g', { encoding: 'utf8' }).trim();
  const gypNext = path.join(npmRoot, 'npm', 'node_modules', 'node-gyp', 'gyp');
  rmSync(path.join(workerDir, 'deps', 'gyp'), { recursive: true, force: true });
  cpSync(gypNext, path.join(workerDir, 'deps', 'gyp'), { recursive: true });

  // 2. glibc 2.34+ made SIGSTKSZ a non-constant long, so std::max needs an explicit type.
  const absl = path.join(workerDir, 'deps/libwebrtc/deps/abseil-cpp/abseil-cpp/absl/debugging/failure_signal_handler.cc');
  writeFileSync(absl, readFileSync(absl, 'utf8').replace('std::max(SIGSTKSZ, 65536)', 'std::max<size_t>(SIGSTKSZ, 65536)'));

  // 3. Link the distribution's security-maintained OpenSSL instead of compiling 1.1.1k.
  writeFileSync(
    path.join(workerDir, 'deps/openssl/openssl.gyp'),
    "{ 'targets': [ { 'target_name': 'openssl', 'type': 'none', 'link_settings': { 'libraries': [ '-lssl', '-lcrypto' ] } } ] }\n",
  );
  const workerGyp = path.join(workerDir, 'mediasoup-worker.gyp');
  writeFileSync(
    workerGyp,
    readFileSync(workerGyp, 'utf8').replace("'-Wl,--whole-archive <(libopenssl) -Wl,--no-whole-archive'", ''),
  );
}

function requireSystemPackages() {
  const missing = [];
  if (!existsSync('/usr/include/openssl/ssl.h')) missing.push('libssl-dev');
  for (const tool of ['make', 'c++', 'python3']) {
    try {
      execSync(`command -v ${tool}`, { stdio: 'ignore' });
    } catch {
      missing.push(tool === 'c++' ? 'g++' : tool);
    }
  }
  if (missing.length === 0) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`[mediasoup] installing ${missing.join(' ')} with apt-get`);
    execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
    return;
  }
  throw new Error(`Building the mediasoup worker needs these packages: ${missing.join(', ')}. Install them and retry.`);
}

/** Ensures node_modules/mediasoup has a working worker binary; returns the time spent building (ms). */
export function ensureMediasoupWorker({ log = console.log } = {}) {
  const dir = mediasoupDir();
  const installed = path.join(dir, 'worker', 'out', 'Release', 'mediasoup-worker');
  const cached = cachedWorkerPath();
  let builtMs = 0;
  if (!existsSync(cached)) {
    requireSystemPackages();
    log(`[mediasoup] building the worker (about 5 minutes on 2 cores); it is cached at ${cached}`);
    const started = Date.now();
    const workerDir = path.join(dir, 'worker');
    patchSources(workerDir);
    execFileSync('make', ['-C', workerDir, 'PYTHON=python3'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, MEDIASOUP_WORKER_BIN: '' },
    });
    mkdirSync(path.dirname(cached), { recursive: true });
    copyFileSync(installed, `${cached}.tmp`);
    execFileSync('mv', [`${cached}.tmp`, cached]);
    builtMs = Date.now() - started;
    log(`[mediasoup] worker built in ${Math.round(builtMs / 1000)} s`);
  }
  if (!existsSync(installed) || readFileSync(installed).length !== readFileSync(cached).length) {
    mkdirSync(path.dirname(installed), { recursive: true });
    copyFileSync(cached, installed);
    chmodSync(installed, 0o755);
  }
  return builtMs;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureMediasoupWorker();
