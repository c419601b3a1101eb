import { defineConfig } from '@playwright/test';

/**
 * Two builds are under test:
 * - dist/      the production bundle (shell, offline, privacy, device check, download), on :4173
 * - dist-e2e/  the same app with the scripted engine test double (chat flows), on :4174
 * Both are served by `vite preview` on 127.0.0.1: a secure context, so service workers and WebGPU work.
 */
// Overridable so several people (or agents) can test their own builds side by side on one machine.
const PROD_DIR = process.env.E2E_PROD_DIR ?? 'dist';
const SCRIPTED_DIR = process.env.E2E_SCRIPTED_DIR ?? 'dist-e2e';
const PROD_PORT = Number(process.env.E2E_PROD_PORT ?? 4173);
const SCRIPTED_PORT = Number(process.env.E2E_SCRIPTED_PORT ?? 4174);
export const PROD_URL = `http://127.0.0.1:${PROD_PORT}`;
export const SCRIPTED_URL = `http://127.0.0.1:${SCRIPTED_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    // The patients this app is for mostly read Chinese; specs that need English choose it.
    locale: 'zh-CN',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    {
      name: 'prod',
      testMatch: 'prod/**/*.spec.ts',
      testIgnore: 'prod/cpu-engine.spec.ts',
      use: { baseURL: PROD_URL },
    },
    { name: 'scripted', testMatch: 'scripted/**/*.spec.ts', use: { baseURL: SCRIPTED_URL } },
    // Real llama.cpp inference runs alone, once the others are done: on CI's 2 cores, with a second browser
    // busy beside it, it streamed about one character a second and timed out (seen with 1 and 2 threads).
    {
      name: 'cpu',
      testMatch: 'prod/cpu-engine.spec.ts',
      dependencies: ['prod', 'scripted'],
      use: { baseURL: PROD_URL },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PROD_PORT} --strictPort --outDir ${PROD_DIR}`,
      url: PROD_URL,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx vite preview --host 127.0.0.1 --port ${SCRIPTED_PORT} --strictPort --outDir ${SCRIPTED_DIR} --mode e2e`,
      url: SCRIPTED_URL,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
