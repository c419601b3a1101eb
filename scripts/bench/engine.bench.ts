/**
 * The CPU engine, in one run on the same tiny random-weight qwen3 GGUF (scripts/make-gguf-fixture.ts):
 * llama.cpp through the app (the production build's llama.cpp worker, its host and backend, the model read
 * from the app's Cache Storage) against @wllama/wllama called directly in a page, in headless Chromium.
 * Prints prefill and decode tokens per second (llama.cpp's own timings) with the app/raw ratio (goal
 * >= 0.95), the main thread's busy time per token (Chrome's TaskDuration), and the load time from cache.
 * A fake model: the figures measure the path around llama.cpp, not what a real 4B model does on a phone.
 *
 * Needs `npm run build` first. Usage: npx tsx scripts/bench/engine.bench.ts [rounds=3] [maxTokens=256]
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startModelServer } from '../../e2e/support/model-server.ts';
import { makeGgufFixture } from '../make-gguf-fixture.ts';
import registry from '../../model-config/models.json' with { type: 'json' };

const [rounds = 3, maxTokens = 256] = process.argv.slice(2).map(Number);
const MODEL = 'Qwen3-0.6B-Q8_0-GGUF';
const APP = 'dist';
const assets = existsSync(join(APP, 'assets')) ? readdirSync(join(APP, 'assets')) : [];
const workerFile = assets.find((f) => /^llama-worker-.*\.js$/.test(f));
const wasmFile = assets.find((f) => /^wllama-.*\.wasm$/.test(f));
if (!workerFile || !wasmFile) {
  console.error('engine bench: run `npm run build` first (no llama.cpp worker in dist/assets)');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'yizhen-engine-bench-'));
makeGgufFixture(dir, [MODEL]);
// wllama itself, for the direct run, beside the model files (same origin as the app).
const require = createRequire(import.meta.url);
const wllamaEsm = dirname(require.resolve('@wllama/wllama/esm/index.js'));
mkdirSync(join(dir, 'raw'), { recursive: true });
copyFileSync(join(wllamaEsm, 'index.js'), join(dir, 'raw', 'wllama.js'));
copyFileSync(join(wllamaEsm, 'wasm', 'wllama.wasm'), join(dir, 'raw', 'wllama.wasm'));
writeFileSync(
  join(dir, 'raw', 'bench.html'),
  '<!doctype html><meta charset="utf-8"><title>engine bench</title>',
);

const entry = registry.models.find((m) => m.id === MODEL) as {
  files: Array<{ url: string }>;
  tokenizerUrl: string;
};
const mirrorPath = (url: string) => `/models/${new URL(url).pathname.slice(1)}`;
const messages = [
  { role: 'system', content: '你是一个健康咨询助手。请用简单的话回答,并在需要时建议就医。'.repeat(40) },
  { role: 'user', content: '我最近总是失眠,晚上睡不着,白天很累,怎么办?' },
];

const server = await startModelServer(APP, dir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});

interface Run {
  prefill: number;
  decode: number;
  /** Main-thread busy microseconds per generated token (this page's; the app's UI adds its rendering). */
  mainPerToken: number;
  loadMs: number;
}

const sessions = new WeakMap<Page, CDPSession>();
/** Chrome's cumulative main-thread task time for the page, in seconds (one session per page: enabling resets it). */
async function taskSeconds(page: Page): Promise<number> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    sessions.set(page, cdp);
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

/** wllama called directly: load from a Blob, stream one answer. */
async function raw(page: Page): Promise<Run> {
  const before = await taskSeconds(page);
  const r = await page.evaluate(
    async ({ gguf, messages, maxTokens }) => {
      // A URL on the page's origin (a variable, so the type checker does not look for the module).
      const rawUrl = '/models/raw/wllama.js';
      const { Wllama } = (await import(/* @vite-ignore */ rawUrl)) as typeof import('@wllama/wllama');
      const w = new Wllama({ default: '/models/raw/wllama.wasm' }, { suppressNativeLog: true });
      w.setCompat(null);
      const blob = await (await fetch(gguf)).blob();
      const t0 = performance.now();
      await w.loadModel([blob], { n_ctx: 4096, n_threads: navigator.hardwareConcurrency, n_gpu_layers: 0 });
      const loadMs = performance.now() - t0;
      let timings: Record<string, number> = {};
      const stream = await w.createChatCompletion({
        messages,
        stream: true,
        max_tokens: maxTokens,
        temperature: 0.3,
        top_p: 0.9,
        seed: 1,
      } as never);
      for await (const c of stream as unknown as AsyncIterable<{ timings?: Record<string, number> }>)
        if (c.timings) timings = c.timings;
      await w.exit();
      return { loadMs, timings };
    },
    { gguf: mirrorPath(entry.files[0]!.url), messages, maxTokens },
  );
  const main = (await taskSeconds(page)) - before;
  const t = r.timings;
  return {
    prefill: t.prompt_per_second!,
    decode: t.predicted_per_second!,
    mainPerToken: Math.max(0, (main * 1e6) / t.predicted_n!),
    loadMs: r.loadMs,
  };
}

/** The app's own worker, spoken to with the app's protocol, the model in the app's cache. */
async function app(page: Page): Promise<Run> {
  const before = await taskSeconds(page);
  const r = await page.evaluate(
    async ({ worker, messages, maxTokens, model }) => {
      const w = new Worker(worker, { type: 'module' });
      let next = 1;
      const call = (request: Record<string, unknown>, onToken?: () => void) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const id = next++;
          const listen = (e: MessageEvent<Record<string, unknown>>) => {
            if (e.data.id !== id) return;
            if (e.data.kind === 'token') return onToken?.();
            if (e.data.kind === 'progress') return;
            w.removeEventListener('message', listen);
            if (e.data.kind === 'failed') reject(new Error(JSON.stringify(e.data.error)));
            else resolve(e.data);
          };
          w.addEventListener('message', listen);
          w.postMessage({ ...request, id });
        });
      const settings = { mirror: '/models/', contextWindow: null };
      const t0 = performance.now();
      await call({ kind: 'load', modelId: model, settings });
      const loadMs = performance.now() - t0;
      const done = await call({
        kind: 'generate',
        messages,
        options: { temperature: 0.3, topP: 0.9, maxTokens },
      });
      w.terminate();
      return { loadMs, usage: (done.result as { usage: Record<string, number> }).usage };
    },
    { worker: `/assets/${workerFile}`, messages, maxTokens, model: MODEL },
  );
  const main = (await taskSeconds(page)) - before;
  const u = r.usage;
  return {
    prefill: u.prefillTokensPerSec!,
    decode: u.decodeTokensPerSec!,
    mainPerToken: Math.max(0, (main * 1e6) / u.completionTokens!),
    loadMs: r.loadMs,
  };
}

/**
 * The app itself, through its UI: one answer streamed into the chat screen; the main thread's busy time
 * (rendering included) divided by the characters shown, about one per token for this model's noise.
 */
async function appScreen(page: Page): Promise<number> {
  await page.goto(`${server.url}/#/chat`);
  await page.locator('#chat-input').waitFor();
  const send = page.getByRole('button', { name: '发送' });
  await send.waitFor();
  for (let waited = 0; !(await send.isEnabled()); waited += 250) {
    if (waited > 60_000) {
      const text = (await page.locator('main').innerText()).slice(0, 300);
      throw new Error(`the app did not get ready with the cached model: ${text}`);
    }
    await page.waitForTimeout(250);
  }
  const before = await taskSeconds(page);
  await page.locator('#chat-input').fill('我最近总是失眠,怎么办?');
  await page.locator('#chat-input').press('Enter');
  await page.locator('.message.assistant:not(.streaming)').first().waitFor({ timeout: 120_000 });
  const main = (await taskSeconds(page)) - before;
  const shown = (
    (await page.locator('.message.assistant .body, .message.assistant').first().textContent()) ?? ''
  ).length;
  return (main * 1e6) / shown;
}

try {
  // One context for every page: the app screen must see the Cache Storage filled below.
  const context = await browser.newContext();
  const page = await context.newPage();
  // tsx keeps function names with a helper the page does not have; give the page one.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(`${server.url}/models/raw/bench.html`);
  // What the app's download leaves in Cache Storage: the wasm, the tokenizer and the GGUF, by absolute URL.
  await page.evaluate(
    async (urls) => {
      const cache = await caches.open('yizhen/llama.cpp');
      for (const url of urls) await cache.put(new URL(url, location.origin).href, await fetch(url));
    },
    [`/assets/${wasmFile}`, mirrorPath(entry.tokenizerUrl), mirrorPath(entry.files[0]!.url)],
  );
  const runs: { raw: Run[]; app: Run[] } = { raw: [], app: [] };
  await raw(page); // warm-up: compiles the wasm once for both
  for (let i = 0; i < rounds; i++) {
    runs.raw.push(await raw(page));
    runs.app.push(await app(page));
  }
  const screen = await context.newPage();
  await screen.addInitScript((model) => {
    localStorage.setItem('yizhen.onboarded', '1');
    localStorage.setItem('lang', 'zh');
    localStorage.setItem('yizhen.modelMirror', '/models/');
    localStorage.setItem('yizhen.model', model);
  }, MODEL);
  const uiPerChar = await appScreen(screen);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = (side: 'raw' | 'app', k: keyof Run) => median(runs[side].map((r) => r[k]));
  const row = (label: string, k: keyof Run, unit: string, digits = 0) =>
    console.log(
      `${label.padEnd(34)} app ${m('app', k).toFixed(digits).padStart(8)} ${unit}   raw ${m('raw', k)
        .toFixed(digits)
        .padStart(8)} ${unit}   app/raw ${(m('app', k) / m('raw', k)).toFixed(2)}`,
    );
  console.log(
    `tiny qwen3 GGUF (random weights), ${maxTokens} tokens, ${rounds} rounds, median; 1 thread unless isolated`,
  );
  row('prefill', 'prefill', 'tok/s');
  row('decode', 'decode', 'tok/s');
  row('page main thread per token', 'mainPerToken', 'µs', 1);
  row('load (app: from Cache Storage)', 'loadMs', 'ms');
  console.log(
    `${'app screen: main thread per character'.padEnd(34)} ${uiPerChar.toFixed(0).padStart(12)} µs  (rendering included; about one token each)`,
  );
  console.log('goal: prefill and decode app/raw >= 0.95');
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
