// `npm run bench [-- name ...]`: the same bootstrap as `npm test` (packages, mediasoup worker, Redis,
// client build), then each benchmark in bench/ in its own process, one after another. Each writes
// bench/results/<name>.json; this prints one table of them. A missed target is a result
// (pass: false, exit 0); a benchmark that crashes or writes no result makes the exit code 1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap, root } from './lib/bootstrap.mjs';

const benchmarks = ['stage-consumers', 'stage-fanout', 'stage-join', 'qa-fanout', 'transcode'];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benchmarks.includes(name));
if (unknown.length) {
  console.error(`[bench] unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.join(', ')}`);
  process.exit(2);
}
const selected = wanted.length ? benchmarks.filter((name) => wanted.includes(name)) : benchmarks;

function formatTarget(target) {
  if (!target) return '';
  return [target.min !== undefined && `>= ${target.min}`, target.max !== undefined && `<= ${target.max}`].filter(Boolean).join(', ');
}

function meets(value, target) {
  return typeof value === 'number' && (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
}

function printTable(runs) {
  const rows = [['benchmark', 'metric', 'value', 'target', '']];
  for (const { name, result, seconds, error } of runs) {
    if (!result) {
      rows.push([name, 'CRASHED', error, '', '']);
      continue;
    }
    for (const [metric, value] of Object.entries(result.metrics)) {
      const target = result.targets[metric];
      rows.push([name, metric, String(value), formatTarget(target), target ? (meets(value, target) ? 'ok' : 'MISSED') : '']);
    }
    rows.push([name, 'pass', String(result.pass), '', `${seconds.toFixed(0)} s`]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  console.log('');
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

const started = Date.now();
let redis;
const runs = [];
try {
  ({ redis } = await bootstrap());
  const [load] = os.loadavg();
  if (load > os.cpus().length / 2) {
    console.log(`[bench] load average ${load.toFixed(1)} on ${os.cpus().length} cores: other processes are busy, figures will be noisy`);
  }
  for (const name of selected) {
    console.log(`[bench] ${name}`);
    const benchStarted = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('bench', `${name}.ts`)], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TEST_REDIS_URL: redis.url },
    });
    const seconds = (Date.now() - benchStarted) / 1000;
    const file = path.join(root, 'bench', 'results', `${name}.json`);
    const fresh = existsSync(file) && statSync(file).mtimeMs >= benchStarted;
    if (run.status === 0 && fresh) runs.push({ name, seconds, result: JSON.parse(readFileSync(file, 'utf8')) });
    else runs.push({ name, seconds, error: run.status === 0 ? 'wrote no result' : `exit ${run.status ?? run.signal}` });
  }
} catch (error) {
  console.error(`[bench] ${error.message}`);
  runs.push({ name: 'bootstrap', seconds: 0, error: error.message });
} finally {
  await redis?.stop();
}
printTable(runs);
console.log(`\n[bench] ${runs.length} benchmark(s) in ${((Date.now() - started) / 60000).toFixed(1)} min`);
process.exit(runs.every((run) => run.result) ? 0 : 1);
