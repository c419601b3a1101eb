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
  { files: ['src/lib/engine/**'], rules: restrict('idb') },
  { files: ['src/lib/storage/**'], rules: restrict('@mlc-ai/*') },
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
      '*.svelte',
    ),
  },
);
