import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// Type-only imports are allowed: sharing a contract's types does not pull the module in.
const restrict = (...group) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group, allowTypeImports: true }] }],
});

export default ts.config(
  { ignores: ['dist/', 'dist-e2e/', 'dev-dist/', 'test-results/', 'playwright-report/', '.e2e-fixtures/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  // Boundaries from ARCHITECTURE.md: only engine/ imports web-llm, only storage/ imports idb.
  {
    files: ['src/**'],
    ignores: ['src/lib/engine/**', 'src/lib/storage/**'],
    rules: restrict('@mlc-ai/*', 'idb'),
  },
  // The app never ships the e2e test double: nothing under src/ imports from e2e/.
  { files: ['src/**'], ignores: ['src/lib/**'], rules: restrict('**/e2e/**') },
  // Composition lives in src/app/: the logic folders never reach up into state/ (the rune classes) or app/,
  // which were the only folder-level cycles (chat <-> state, engine <-> state).
  {
    files: ['src/lib/**'],
    ignores: ['src/lib/state/**'],
    rules: restrict('**/e2e/**', '$lib/state/**', '**/state/**', '$app/**', '**/app/**', '*.svelte'),
  },
  {
    files: ['src/lib/engine/**'],
    rules: restrict('idb', '$lib/state/**', '**/state/**', '**/app/**', '**/e2e/**'),
  },
  {
    files: ['src/lib/storage/**'],
    rules: restrict('@mlc-ai/*', '$lib/state/**', '**/state/**', '**/app/**', '**/e2e/**'),
  },
  {
    // Pure logic runs in Node and in CLIs: no DOM framework, no database, no engine.
    files: [
      'src/lib/safety/**',
      'src/lib/prompt/**',
      'src/lib/knowledge/**',
      'src/lib/eval/**',
      'src/lib/export/**',
    ],
    rules: restrict(
      'svelte',
      'svelte/*',
      'idb',
      '@mlc-ai/*',
      '**/storage/**',
      '**/ui/**',
      '**/state/**',
      '**/app/**',
      '**/e2e/**',
      '*.svelte',
    ),
  },
);
