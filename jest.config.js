// Three projects: unit (fakes of our own interfaces only), integration (real PostgreSQL/PGlite,
// Redis, mediasoup, ffmpeg) and e2e (real headless Chromium). `npm test` runs them all.
const transform = {
  '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
};
const common = { transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'tsx', 'js', 'json'] };

module.exports = {
  // A timeout catches a hang, not slowness: set-up with real databases and media takes seconds on a loaded 2-core machine.
  testTimeout: 30_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{server,media-worker,shared}/test/unit/**/*.test.ts', '<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{server,media-worker,shared}/test/integration/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.test.ts'],
      testEnvironment: '<rootDir>/e2e/environment.mjs',
      setupFilesAfterEnv: ['<rootDir>/e2e/retry-once.ts'],
    },
  ],
};
