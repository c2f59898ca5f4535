// ESLint 9 flat config. CommonJS, because the root package.json has no "type".
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const checkFile = require('eslint-plugin-check-file');
const globals = require('globals');

const sourceFiles = '**/*.{ts,tsx,mts,cts,js,mjs,cjs}';

/** `.catch(() => {})` and `.catch(function () {})` swallow a rejection without a word. */
const swallowedRejection = {
  selector:
    "CallExpression[callee.property.name='catch'] > :matches(ArrowFunctionExpression, FunctionExpression).arguments[body.type='BlockStatement'][body.body.length=0]",
  message: 'Do not swallow a rejection: handle it, log it with its context, or let it propagate.',
};

module.exports = defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', 'client/dist/', 'var/', 'coverage/', 'bench/results/', 'test-results/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: [sourceFiles],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An empty catch block hides failures; a block whose comment says why it may be ignored is allowed.
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', swallowedRejection],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The root's .js files are CommonJS (no "type" in package.json): jest.config.js, this file.
    files: ['*.js', '*.cjs', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Server and media-worker log through pino, with ids as fields.
    files: ['server/src/**', 'media-worker/src/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // One file-name convention: kebab-case, React components included (`session-page.tsx`).
    // Middle extensions are ignored, so `docker-compose.test.ts` and `vite.config.ts` are kebab-case.
    files: [sourceFiles],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { [sourceFiles]: 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': [
        'error',
        { '{server,media-worker,shared,client}/{src,test}/**/': 'KEBAB_CASE', '{test,e2e,scripts,bench}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    // Migrations run in file-name order, so they carry a numeric prefix: `0001-program-and-accounts.ts`.
    files: ['**/migrations/*.ts'],
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/migrations/*.ts': '+([0-9])-+([a-z0-9])*(-+([a-z0-9]))' },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
);
