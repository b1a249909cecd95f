// Lint, including the import rules of DESIGN §3: shared imports only zod and itself; client and server never
// import each other; only src/client/db touches Dexie; only src/server/db touches SQL drivers and the query builder;
// routes never import src/server/db (they call services); the surveyor's side of src/client imports each src/shared
// module it needs, never the barrel (issue 16).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const sqlPackages = ['kysely', 'kysely/*', 'better-sqlite3', 'pg', 'pg-*'];
const dexieOnlyInClientDb = { group: ['dexie', 'dexie/*', 'dexie-react-hooks'], message: 'Only src/client/db touches Dexie.' };
const sqlOnlyInServerDb = { group: sqlPackages, message: 'Only src/server/db touches SQL.' };
// The barrel src/shared/index.ts re-exports every shared module, zod schemas included: through it the surveyor's
// bundle stays small only as long as the bundler is told src/shared has no side effects. Importing the module keeps it
// small by itself, on the surveyor's side and in the office screens alike.
const noSharedBarrel = {
  regex: '^(\\.\\./)+shared(/(index(\\.[jt]s)?)?)?$',
  message:
    'The client imports the src/shared module it needs (e.g. ../../shared/questionnaire/visibility), not the barrel src/shared/index.ts.',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '.scratch/', 'test-results/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'import-x/no-duplicates': 'error',
      // Prettier wraps code at 140; what it cannot wrap (a comment, a long name) is wrapped by hand. Long strings
      // (catalogue sentences, test titles) stay whole, so that they can be found with grep.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: ['./src/shared', './test/shared'],
              from: ['./src/client', './src/server'],
              message: 'src/shared is isomorphic: it imports only zod and itself.',
            },
            {
              target: ['./src/client', './test/client'],
              from: ['./src/server'],
              message: 'The client never imports the server: share through src/shared.',
            },
            {
              target: ['./src/server', './test/server'],
              from: ['./src/client'],
              message: 'The server never imports the client: share through src/shared.',
            },
          ],
        },
      ],
      'no-restricted-imports': ['error', { paths: [], patterns: [dexieOnlyInClientDb, sqlOnlyInServerDb] }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!zod$|zod/|\\.)', message: 'src/shared imports only zod and itself.' }] },
      ],
    },
  },
  {
    // Routes are thin (issue 16): a block's options replace the global ones, so the package rules are repeated here.
    files: ['src/server/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            dexieOnlyInClientDb,
            sqlOnlyInServerDb,
            { regex: '^(\\.\\./)+db(/|$)', message: 'Routes call services: only a service reads or writes through src/server/db.' },
          ],
        },
      ],
    },
  },
  {
    // A block's options replace the global ones: the package rules are repeated here, and in src/client/db's below.
    files: ['src/client/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dexieOnlyInClientDb, sqlOnlyInServerDb, noSharedBarrel] }] },
  },
  {
    files: ['src/client/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sqlOnlyInServerDb, noSharedBarrel] }] },
  },
  {
    files: ['src/server/db/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [dexieOnlyInClientDb] }] },
  },
  {
    // Tests may open real databases directly to set up and inspect state.
    files: ['test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'jsx-a11y': jsxA11y, 'react-hooks': reactHooks },
    rules: { ...jsxA11y.flatConfigs.recommended.rules, ...reactHooks.configs.recommended.rules },
  },
);
