/**
 * The device check and the engine start-up on a real WebGPU adapter: headless Chromium with
 * --enable-unsafe-webgpu (playwright.config.ts) gives SwiftShader on http://127.0.0.1, without
 * shader-f16. The model files are generated (scripts/make-model-fixture.ts); the model library among them
 * is deliberately not WebAssembly, so web-llm's real start-up must fail and the app must say so clearly.
 */
import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { makeModelFixture } from '../../scripts/make-model-fixture.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { skipOnboarding } from '../support/onboarding.ts';

const APP_DIR = process.env.E2E_PROD_DIR ?? 'dist';
// Per process, so two test runs on one machine never delete each other's files.
const FIXTURES = `.e2e-fixtures/webgpu-${process.pid}`;
const PORT = Number(process.env.E2E_WEBGPU_PORT ?? 0); // 0: any free port

let server: ModelServer;

test.beforeAll(async () => {
  rmSync(FIXTURES, { recursive: true, force: true });
  makeModelFixture(FIXTURES, { shards: 2, shardBytes: 256 * 1024 });
  server = await startModelServer(APP_DIR, FIXTURES, PORT);
});
test.afterAll(async () => {
  await server.close();
  rmSync(FIXTURES, { recursive: true, force: true });
});

test.beforeEach(async ({ page }) => {
  await skipOnboarding(page, 'en');
  await page.addInitScript(() => localStorage.setItem('yizhen.modelMirror', '/models/'));
});

test('finds SwiftShader, counts it as no GPU and offers the CPU engine', async ({ page }) => {
  await page.goto(`${server.url}/#/chat`);
  await expect(page.getByText('only a software one), so the processor runs the model')).toBeVisible();
  await page.getByText('Technical details').click();
  await expect(page.getByText(/^Graphics: .*swiftshader/i)).toBeVisible();
  await expect(page.getByTestId('chosen-model')).toHaveText(
    'Model to use: Qwen3 4B (standard, runs on the processor)',
  );
});

test('web-llm on SwiftShader when the patient chooses it: q4f32_1, and the broken library reported plainly', async ({
  page,
}) => {
  test.setTimeout(90_000);
  // The choice a patient makes in Settings; the software GPU is still offered there.
  await page.addInitScript(() => localStorage.setItem('yizhen.model', 'Qwen3-4B-Instruct-2507-q4f32_1-MLC'));
  await page.goto(`${server.url}/#/chat`);
  // Plain words first; the chip's name and its feature flags only behind "Technical details".
  await expect(
    page.getByText('runs the model the more compatible way, so answers come a little more slowly'),
  ).toBeVisible();
  await expect(page.getByText(/^Graphics: .*swiftshader/i)).toBeHidden();
  await page.getByText('Technical details').click();
  await expect(page.getByText(/^Graphics: .*swiftshader/i)).toBeVisible();
  await expect(page.getByTestId('shader-f16')).toHaveText(
    'Does not support half-precision maths (shader-f16)',
  );
  await expect(page.getByTestId('chosen-model')).toHaveText(
    'Model to use: Qwen3 4B (standard, runs on the graphics chip)',
  );
  await expect(page.getByText('This is the model you chose in Settings.')).toBeVisible();

  await page.getByRole('button', { name: 'Agree and download' }).click();
  const alert = page.getByRole('alert');
  await expect(
    alert.getByRole('heading', { name: 'The model program does not match this version of the app' }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await expect(alert.getByText('Delete the model in Settings and download it again')).toBeVisible();
  await expect(alert.getByRole('button', { name: 'Restart the model' })).toBeVisible();
  // The raw cause is kept for a bug report: WebAssembly refused the generated library.
  await alert.getByText('Technical details').click();
  await expect(alert.locator('pre')).toContainText(/WebAssembly|CompileError/);
  // The weights it downloaded were for the q4f32_1 variant.
  expect(
    server.log.some((r) =>
      r.path.includes('Qwen3-4B-Instruct-2507-q4f32_1-MLC/resolve/main/params_shard_0.bin'),
    ),
  ).toBe(true);
  expect(server.log.some((r) => r.path.includes('q4f16_1'))).toBe(false);
  // web-llm took the library from the cache the app filled: only the app's download fetched it (the other
  // request is the check of the source before downloading, for its first 64 bytes).
  expect(server.log.filter((r) => r.path.endsWith('.wasm')).map((r) => r.range)).toEqual([
    'bytes=0-63',
    null,
  ]);

  // Next visit, offline: the cached model starts without the network and meets the same library.
  const requests = server.log.length;
  await page.evaluate(() => navigator.serviceWorker.ready); // the app shell itself must be offline-ready
  await page.context().setOffline(true);
  await page.reload();
  await expect(
    alert.getByRole('heading', { name: 'The model program does not match this version of the app' }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('chosen-model')).toHaveCount(0); // no consent asked: it is cached
  expect(server.log.length, 'no request to the model host').toBe(requests);
  await page.context().setOffline(false);
});

test('a second tab does not load a second copy and says why', async ({ page, context }) => {
  await page.goto(`${server.url}/#/chat`);
  await expect(page.getByTestId('chosen-model')).toBeVisible();
  const second = await context.newPage();
  await second.goto(`${server.url}/#/chat`);
  await expect(
    second.getByRole('heading', { name: 'The model is already running in another tab' }),
  ).toBeVisible();
  await expect(second.getByTestId('chosen-model')).toHaveCount(0);
  // Once the first tab closes, the second can take over.
  await page.close();
  await second.getByRole('button', { name: 'Try again' }).click();
  await expect(second.getByTestId('chosen-model')).toBeVisible();
});
