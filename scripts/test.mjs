// `npm test`: the same bootstrap as `npm start`, then every jest project (unit, integration, e2e).
// Ends with the plain line `N passed, N failed` that CI reads (jest's own summary is not read).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { bootstrap, root, step } from './lib/bootstrap.mjs';

let redis;
let status = 1;
try {
  ({ redis } = await bootstrap());
  const resultsFile = path.join(root, 'var', 'jest-results.json');
  mkdirSync(path.dirname(resultsFile), { recursive: true });
  rmSync(resultsFile, { force: true });
  // --forceExit: a handle a failed test leaves open (a platform its beforeAll could not finish
  // starting) must not hang CI after the run; jest still names open handles in its output.
  const jest = await step('tests', () =>
    spawnSync(process.execPath, [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--json', `--outputFile=${resultsFile}`, '--forceExit', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        TEST_REDIS_URL: redis.url,
        // @fastify/cookie loads its parser with a dynamic import, which jest's VM needs this flag for.
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules`.trim(),
      },
    }),
  );
  status = jest.status ?? 1;
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
    // Suites that fail to run (syntax errors, a throwing beforeAll) count as failed tests too.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    console.log(`${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } else {
    console.log('0 passed, 1 failed');
  }
} catch (error) {
  console.error(`[rounds] ${error.message}`);
  console.log('0 passed, 1 failed');
} finally {
  await redis?.stop();
}
process.exit(status);
