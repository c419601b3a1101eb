/**
 * Real inference on the production build: llama.cpp (@wllama/wllama) on the CPU, on a tiny random-weight
 * qwen3 GGUF that scripts/make-gguf-fixture.ts writes (a real engine on a fake model: its words are noise,
 * so only structure is asserted). Headless Chromium here has only SwiftShader, a software GPU, which the
 * app counts as no GPU: the device check itself chooses the CPU engine.
 *
 * consent -> download (cut mid-file, resumed with Range) -> load -> a question -> tokens stream -> Stop ->
 * disclaimer -> stored -> offline reload (now cross-origin isolated by the service worker) -> the model loads
 * from cache -> ask again offline -> the Eval page measures it -> the speed measured here shows in Settings.
 */
import { test, expect, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { makeGgufFixture } from '../../scripts/make-gguf-fixture.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { skipOnboarding } from '../support/onboarding.ts';
import disclaimers from '../../src/lib/safety/rules/disclaimers.json' with { type: 'json' };
import { modelReady } from '../support/model-ready.ts';

const APP_DIR = process.env.E2E_PROD_DIR ?? 'dist';
const FIXTURES = `.e2e-fixtures/gguf-${process.pid}`;
const MODEL = 'Qwen3-4B-Instruct-2507-Q4_K_M-GGUF';
const GGUF = 'unsloth/Qwen3-4B-Instruct-2507-GGUF/resolve/main/Qwen3-4B-Instruct-2507-Q4_K_M.gguf';

let server: ModelServer;

test.beforeAll(async () => {
  rmSync(FIXTURES, { recursive: true, force: true });
  makeGgufFixture(FIXTURES, [MODEL]);
  server = await startModelServer(APP_DIR, FIXTURES);
});
test.afterAll(async () => {
  await server.close();
  rmSync(FIXTURES, { recursive: true, force: true });
});

/**
 * The disclaimer follows the answer's language, and random weights write ASCII noise that reads as
 * English: either language's disclaimer proves the post-processing ran.
 */
const DISCLAIMER = new RegExp(
  [disclaimers.zh.disclaimer, disclaimers.en.disclaimer]
    .map((d) => d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);

const streaming = (page: Page) => page.locator('.message.assistant.streaming');
const answers = (page: Page) => page.locator('.message.assistant:not(.streaming)');
const send = (page: Page) => page.getByRole('button', { name: '发送' });

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#chat-input').fill(text);
  await page.locator('#chat-input').press('Enter');
}

test('a device without a usable GPU answers for real with llama.cpp, online and then offline', async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  await skipOnboarding(page, 'zh');
  await page.addInitScript(() => localStorage.setItem('yizhen.modelMirror', '/models/'));
  await page.goto(`${server.url}/#/chat`);

  await expect(page.getByTestId('chosen-model')).toContainText('处理器运行');
  await expect(page.getByText('只有软件模拟的显卡')).toBeVisible();
  expect(server.log, 'nothing is fetched before the patient agrees').toEqual([]);

  // The network drops in the middle of the model files; Retry continues them with Range requests.
  server.cutAfterBytes(200_000);
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  await expect(page.getByRole('heading', { name: '下载中断' })).toBeVisible({ timeout: 45_000 });
  // The files download in parallel, so which of them the drop catches with bytes already received (the
  // GGUF, the tokenizer or both) depends on timing: every one of them must continue where it stopped.
  const cutWithBytes = [...new Set(server.log.filter((r) => r.sent > 0 && !r.complete).map((r) => r.path))];
  expect(cutWithBytes.length, 'the drop caught a model file mid-transfer').toBeGreaterThan(0);
  server.heal();
  await page.getByRole('button', { name: '重试' }).click();
  await modelReady(page, 60_000);
  for (const path of cutWithBytes) {
    const last = server.log.filter((r) => r.path === path).at(-1);
    expect(last?.status, `${path} resumed`).toBe(206);
    expect(last?.range).toMatch(/^bytes=[1-9]\d*-$/);
  }
  expect(server.log.filter((r) => r.path === GGUF).at(-1)?.complete, 'the GGUF arrived whole').toBe(true);

  // Tokens arrive on screen while the answer is still coming; Stop ends it and keeps what came.
  await ask(page, '我最近总是失眠,怎么办?');
  await expect(streaming(page)).toBeVisible();
  await expect.poll(async () => ((await streaming(page).textContent()) ?? '').length).toBeGreaterThan(40);
  await streaming(page).getByRole('button', { name: '停止' }).click();
  const first = answers(page).first();
  await expect(first).toContainText('回答未完成');
  await expect(first).toContainText(DISCLAIMER);
  await expect(send(page)).toBeEnabled();

  // Offline: the reload comes from the service worker and the model from the app's own cache. The
  // page that downloaded is not controlled by the service worker yet: nothing is reloaded online first.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const before = server.log.length;
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('.message.user').first()).toContainText('失眠'); // stored
  await modelReady(page, 60_000);
  // The offline page is cross-origin isolated by the service worker (this server sends no COOP/COEP),
  // so llama.cpp now runs multi-threaded. Random weights never end an answer: Stop ends it, as above.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await ask(page, '晚上睡不着有什么办法?');
  await expect.poll(async () => ((await streaming(page).textContent()) ?? '').length).toBeGreaterThan(40);
  await streaming(page).getByRole('button', { name: '停止' }).click();
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).nth(1)).toContainText(DISCLAIMER);
  expect(server.log.slice(before), 'nothing was fetched offline').toEqual([]);

  // The clinic's evaluation page measures this engine too: speed from llama.cpp's own counts, and the
  // report says the processor ran it, with threads. (Scores of random weights mean nothing.)
  await page.goto(`${server.url}/#/eval`);
  await expect(page.getByTestId('eval-engine')).toHaveText('处理器（llama.cpp）');
  await page.getByLabel('题目数量').fill('2');
  await page.getByLabel('题目数量').press('Tab');
  await page.getByLabel('先测速度（4 个固定提示）').setChecked(true);
  await page.getByRole('button', { name: '开始评测' }).click();
  const report = page.getByTestId('eval-report');
  await expect(report).toBeVisible({ timeout: 120_000 });
  await expect(report.getByTestId('eval-report-engine')).toHaveText('处理器（llama.cpp）');
  await expect(report.getByTestId('eval-correct')).toContainText('2');
  const decode = report.getByTestId('eval-speed').getByRole('row').filter({ hasText: '生成速度' });
  await expect(decode.getByRole('cell').last()).toHaveText('4'); // one sample per speed prompt
  await expect(decode.getByRole('cell').first()).toHaveText(/\d/);
  await expect(report).toContainText('可用（页面已跨源隔离）');

  // The speed measured on those answers is what Settings now tells the patient to expect.
  await page.goto(`${server.url}/#/settings`);
  await expect(page.getByTestId(`model-speed-${MODEL}`)).toContainText(/本机实测：约每秒 \d+ 字/);
  await context.setOffline(false);
});
