/**
 * Streaming cost on the main thread: a 2,000-token answer streamed into the chat screen of the e2e build
 * (the scripted engine test double replays it one word per "token", with no delay beyond the browser's
 * timer clamp), in headless Chromium.
 *
 * Figures:
 * - app main-thread time per token: the `chat:frame` measures ChatSession emits around each screen update
 *   (session, Svelte's DOM update, incremental Markdown), summed and divided by the tokens. Goal < 0.5 ms.
 * - Markdown work per update: the `chat:render` measures IncrementalMarkdown emits.
 * - all main-thread tasks per token: CDP Performance.getMetrics TaskDuration over the stream (adds the
 *   browser's style, layout and paint, and the test double's own timers) divided by the tokens.
 * - long tasks (> 50 ms) during the stream, from PerformanceObserver('longtask').
 *
 * Usage: npx tsx scripts/bench/chat.bench.ts [tokens=2000]
 * Env: CHAT_BENCH_PORT (default 4332), CHAT_BENCH_DIST (reuse a dist-e2e build instead of building one).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { fmt, percentile } from './stats.ts';

const TOKENS = Number(process.argv[2] ?? 2000);
const PORT = Number(process.env.CHAT_BENCH_PORT ?? 4332);
const URL = `http://127.0.0.1:${PORT}/`;

/** A Markdown answer of `tokens` words: paragraphs, lists and bold, as a model writes them. */
function answer(tokens: number): string {
  const words: string[] = [];
  for (let i = 0; words.length < tokens; i++) {
    const kind = i % 4;
    if (kind === 3) {
      for (let j = 0; j < 4; j++) words.push(`- **item** ${i}.${j} rest and drink water\n`);
    } else {
      for (let j = 0; j < 37; j++) words.push(j === 0 ? 'Paragraph ' : `word${j} `);
      words.push('end.\n\n');
    }
  }
  return words.slice(0, tokens).join('');
}

interface Bench {
  longTasks: number[];
  /** Every long task since the page started, as [start, duration] (start-up included). */
  allLongTasks: [number, number][];
  renders: number[];
  frames: number[];
  /** Long animation frames (> 50 ms) with the scripts that ran in them, to tell whose work a long task was. */
  longFrames: { start: number; duration: number; scripts: string[] }[];
}

async function waitForServer(url: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start on ${url}`);
}

async function main(): Promise<void> {
  const built = process.env.CHAT_BENCH_DIST ? null : mkdtempSync(join(tmpdir(), 'chat-bench-'));
  const dist = process.env.CHAT_BENCH_DIST ?? built!;
  if (built) {
    const build = spawnSync('npx', ['vite', 'build', '--mode', 'e2e', '--outDir', dist, '--emptyOutDir'], {
      stdio: 'ignore',
    });
    if (build.status !== 0) throw new Error('vite build --mode e2e failed');
  }
  if (
    await fetch(URL).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`port ${PORT} is already in use: set CHAT_BENCH_PORT`);
  }
  const args = ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'];
  const server = spawn('npx', [...args, '--outDir', dist, '--mode', 'e2e'], {
    stdio: 'ignore',
    detached: true,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    await waitForServer(URL);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const reply = answer(TOKENS);
    await page.addInitScript((text) => {
      // A returning patient: onboarding done, language and region chosen there.
      localStorage.setItem('yizhen.onboarded', '1');
      localStorage.setItem('lang', 'en');
      localStorage.setItem('yizhen.preferences', JSON.stringify({ region: 'US' }));
      window.__E2E_SCRIPT__ = { defaultReply: text, tokenDelayMs: 0, chunk: 'word' };
      const w = window as unknown as { __bench: Bench };
      w.__bench = { longTasks: [], allLongTasks: [], renders: [], frames: [], longFrames: [] };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as (PerformanceEntry & {
          scripts?: { sourceURL: string; invoker: string; duration: number }[];
        })[]) {
          const scripts = (e.scripts ?? []).map(
            (s) =>
              `${s.invoker || '?'} @ ${s.sourceURL.replace(location.origin, '') || '(no source: the harness or the browser)'} ${Math.round(s.duration)} ms`,
          );
          w.__bench.longFrames.push({ start: e.startTime, duration: e.duration, scripts });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          w.__bench.longTasks.push(e.duration);
          w.__bench.allLongTasks.push([e.startTime, e.duration]);
        }
      }).observe({ type: 'longtask', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.name === 'chat:render') w.__bench.renders.push(e.duration);
          if (e.name === 'chat:frame') w.__bench.frames.push(e.duration);
        }
      }).observe({ type: 'measure' });
    }, reply);
    await page.goto(URL);
    await page.locator('#chat-input').waitFor();
    // Asked at once, as a patient who opens the app and types: start-up work (the knowledge base is indexed
    // once the page is idle) lands in the same seconds as the first answer.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskTime = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    };

    await page.locator('#chat-input').fill('Tell me about headaches');
    await page.evaluate(() => {
      (window as unknown as { __bench: { longTasks: number[] } }).__bench.longTasks = [];
    });
    const before = await taskTime();
    const sentAt = await page.evaluate(() => performance.now());
    const t0 = Date.now();
    await page.locator('#chat-input').press('Enter');
    await page.locator('.message.assistant:not(.streaming)').waitFor({ timeout: 120_000 });
    const wall = Date.now() - t0;
    const doneAt = await page.evaluate(() => performance.now());
    // The finished answer's own render (the whole Markdown once, the stored message) runs as the stream
    // ends; a long-task entry is delivered after its task, so wait two frames and a moment to count it too.
    await page.evaluate(
      () =>
        new Promise<void>((r) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 500))),
        ),
    );
    const busy = (await taskTime()) - before;
    const { longTasks, allLongTasks, renders, frames, longFrames } = await page.evaluate(
      () => (window as unknown as { __bench: Bench }).__bench,
    );
    const tokens = (await page.evaluate(() => window.__E2E_LOG__?.length)) ? TOKENS : 0;
    if (tokens === 0) throw new Error('the scripted engine was not called');

    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const sortedRenders = [...renders].sort((a, b) => a - b);
    const sortedFrames = [...frames].sort((a, b) => a - b);
    const appPerToken = sum(frames) / tokens;
    const allPerToken = busy / tokens;
    const rate = Math.round((tokens * 1000) / wall);
    const row = (label: string, value: string, extra = '') =>
      console.log(`${label.padEnd(52)}${value.padStart(10)}${extra}`);
    console.log(
      `answer: ${tokens} tokens in ${(wall / 1000).toFixed(1)} s (${rate} tokens/s), ${frames.length} screen updates, page time ${Math.round(sentAt)}–${Math.round(doneAt)} ms`,
    );
    row(
      'app main-thread time per token (session+Svelte+MD)',
      fmt(appPerToken),
      `   (goal < 0.5 ms) ${appPerToken < 0.5 ? 'OK' : 'OVER'}`,
    );
    row(
      '  per screen update',
      `median ${fmt(percentile(sortedFrames, 50))}`,
      `   p99 ${fmt(percentile(sortedFrames, 99))}`,
    );
    row(
      '  of which Markdown (parse + sanitize)',
      `median ${fmt(percentile(sortedRenders, 50))}`,
      `   p99 ${fmt(percentile(sortedRenders, 99))}   total ${fmt(sum(renders))}`,
    );
    row(
      'all main-thread tasks per token',
      fmt(allPerToken),
      "   (adds style, layout, paint and the test double's timers)",
    );
    row(
      'long tasks (> 50 ms) during the stream and its end',
      String(longTasks.length),
      longTasks.length ? `   longest ${fmt(Math.max(...longTasks))}` : '',
    );
    const all = allLongTasks.map(([, d]) => d);
    row(
      'long tasks (> 50 ms) from start-up to the answer',
      String(all.length),
      all.length
        ? `   longest ${fmt(Math.max(...all))} at ${allLongTasks.map(([s, d]) => `${Math.round(s)}+${Math.round(d)}`).join(', ')} ms`
        : '',
    );
    // Whose work the long tasks were: the long animation frames that hold them, with their scripts.
    for (const [start, duration] of allLongTasks) {
      const frame = longFrames.find(
        (f) => f.start <= start + 1 && start + duration <= f.start + f.duration + 1,
      );
      const scripts = frame?.scripts.length ? frame.scripts.join('; ') : 'no script attributed';
      console.log(`  task at ${Math.round(start)} ms (${Math.round(duration)} ms): ${scripts}`);
    }
  } finally {
    await browser.close();
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      /* already gone */
    }
    if (built) rmSync(built, { recursive: true, force: true });
  }
}

await main();
