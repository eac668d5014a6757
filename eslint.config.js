// ESLint: the JavaScript and typescript-eslint recommended sets, type-aware (recommendedTypeChecked:
// about 45 s of CPU for the repository, against about 10 s without types), over the server, the
// pages, the scripts and the tests.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The rules about reading `any`, off where code reads the API's JSON answers without their types. */
const READING_UNTYPED_ANSWERS = {
  '@typescript-eslint/no-unsafe-argument': 'off',
  '@typescript-eslint/no-unsafe-assignment': 'off',
  '@typescript-eslint/no-unsafe-call': 'off',
  '@typescript-eslint/no-unsafe-member-access': 'off',
  '@typescript-eslint/no-unsafe-return': 'off',
};

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', '.build-*/', 'viz/dist/', 'test-output/', 'data/', '.refnet/', '.bench/', '.scratch/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        // The server's tsconfig, and viz's with DOM types for the pages and the tests that drive them.
        project: ['./tsconfig.json', './viz/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A leading underscore marks a parameter or binding kept for its position (callbacks, tuples)
      // or left out of a rest copy on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // `async` without `await` is how a synchronous implementation of a Promise-returning port
      // (the embedded store, the CLI backends) turns its throws into rejections, as callers expect.
      '@typescript-eslint/require-await': 'off',
      // A caught error (unknown) is passed on as it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Answers order ids, names and categories in UTF-16 code-unit order (graph/support/id-order.ts,
      // docs/DOMAIN.md); localeCompare would make the order depend on the process's ICU locale.
      'no-restricted-properties': ['error', { property: 'localeCompare', message: 'Use compareIds (graph/support/id-order.ts): code-unit order, the same in every locale.' }],
    },
  },
  { files: ['viz/src/**', 'viz/bench/**'], languageOptions: { globals: globals.browser } },
  {
    // Tests read JSON answers as `any` on purpose (tests/api/harness.ts): expect() checks their
    // shape, which typing every answer would only restate. They also compare methods by identity.
    files: ['tests/**'],
    rules: { ...READING_UNTYPED_ANSWERS, '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The CLI and the benchmark print or tabulate the API's answers (their `Json` type), which
    // they do not trust or check; until the answers have shared types, reading them is untyped.
    files: ['scripts/cli/commands/analytics.ts', 'scripts/bench/sections/analytics.ts'],
    rules: READING_UNTYPED_ANSWERS,
  },
  { files: ['**/*.js', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
);
