/**
 * The consented model download, end to end on generated model files (scripts/make-model-fixture.ts)
 * served with the built app by e2e/support/model-server.ts: the mirror setting is `/models/`, a path on
 * the app's own origin, so the production CSP applies unchanged.
 *
 * Proof that web-llm itself sees the model as cached: Settings > Model shows "已下载" only when web-llm's
 * own hasModelInCache(id, appConfig) answers true (asked in the engine worker; nothing is exposed on
 * window for the test).
 */
import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { makeModelFixture } from '../../scripts/make-model-fixture.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { skipOnboarding } from '../support/onboarding.ts';

const APP_DIR = process.env.E2E_PROD_DIR ?? 'dist';
// Per process, so two test runs on one machine never delete each other's files.
const FIXTURES = `.e2e-fixtures/download-${process.pid}`;
const PORT = Number(process.env.E2E_MODEL_PORT ?? 0); // 0: any free port
const MODEL = 'Qwen3-4B-Instruct-2507-q4f32_1-MLC';

let server: ModelServer;
let dataFiles: { path: string; bytes: number }[];

test.beforeAll(async () => {
  rmSync(FIXTURES, { recursive: true, force: true });
  const files = makeModelFixture(FIXTURES, { models: [MODEL], shards: 8, shardBytes: 1024 * 1024 });
  // The two manifests are re-read to plan a resumed download; every other file must come only once.
  dataFiles = files.filter((f) => !/(mlc-chat-config|tensor-cache)\.json$/.test(f.path));
  server = await startModelServer(APP_DIR, FIXTURES, PORT);
});
test.afterAll(async () => {
  await server.close();
  rmSync(FIXTURES, { recursive: true, force: true });
});

test('consent, a dropped network, reload, resume without refetching, and web-llm finds the model cached', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await skipOnboarding(page, 'zh');
  await page.addInitScript((model) => {
    localStorage.setItem('yizhen.modelMirror', '/models/');
    // SwiftShader here counts as no GPU, so the app would offer the CPU engine: this spec is about web-llm's
    // files, as a patient who chose the web-llm model in Settings gets them (cpu-engine.spec.ts: the GGUF).
    localStorage.setItem('yizhen.model', model);
  }, MODEL);
  await page.goto(`${server.url}/#/chat`);

  await expect(page.getByTestId('chosen-model')).toContainText('Qwen3 4B');
  await expect(page.getByTestId('download-size')).toContainText('2.5 GB');
  expect(server.log, 'nothing is fetched before the patient agrees').toEqual([]);

  const totalData = dataFiles.reduce((n, f) => n + f.bytes, 0);
  server.cutAfterBytes(Math.floor(totalData * 0.45));
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  await expect(page.getByTestId('download-progress')).toBeVisible();

  // Retries back off while the network stays down, then the patient is told plainly.
  await expect(page.getByRole('heading', { name: '下载中断' })).toBeVisible({ timeout: 45_000 });
  expect(server.cut).toBe(true);
  const beforeReload = server.log.length;
  const completed = new Set(server.log.filter((r) => r.complete && r.status === 200).map((r) => r.path));
  const completedData = dataFiles.filter((f) => completed.has(f.path));
  expect(completedData.length, 'some files finished before the cut').toBeGreaterThan(0);
  expect(completedData.length, 'some were still unfinished').toBeLessThan(dataFiles.length);

  server.heal();
  await page.reload();
  // The patient agreed already: the download continues on its own, completes, and the engine starts on
  // the generated library, which is not a real model library, so it fails with the app's clear message.
  await expect(page.getByRole('heading', { name: '模型程序与本应用版本不匹配' })).toBeVisible({
    timeout: 60_000,
  });

  // Before downloading, the app checks the source with a small ranged request (the first 64 bytes of a
  // file): that is not fetching the file again.
  const afterReload = server.log.slice(beforeReload).filter((r) => r.range !== 'bytes=0-63');
  for (const f of completedData) {
    expect(
      afterReload.filter((r) => r.path === f.path),
      `${f.path} is not fetched again`,
    ).toEqual([]);
  }
  const resumed = afterReload.filter((r) => r.status === 206);
  expect(resumed.length, 'a file cut mid-way continues with an HTTP Range request').toBeGreaterThan(0);
  for (const r of resumed) expect(r.range).toMatch(/^bytes=[1-9]\d*-$/);

  // The web-llm worker is not precached on the first visit; it came with the model, into the service
  // worker's cache for it, so the engine starts offline.
  const cachedWorkers = await page.evaluate(async () =>
    (await (await caches.open('yizhen-webllm-worker')).keys()).map((r) => new URL(r.url).pathname),
  );
  expect(cachedWorkers).toEqual([expect.stringMatching(/^\/assets\/worker-[\w-]+\.js$/)]);

  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId(`model-status-${MODEL}`)).toHaveText('已下载');
  await expect(page.getByTestId('model-status-Qwen3-0.6B-q4f32_1-MLC')).toHaveText('未下载');
});
