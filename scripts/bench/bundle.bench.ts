/**
 * The JavaScript a patient downloads before the first interaction, from the production build in dist/
 * (run `npm run build` first). Three figures:
 * - static: index.html's entry script and its static imports, gzipped;
 * - in Chromium: every script the page itself requests (not the service worker's precaching) from opening
 *   the consultation screen until the network is idle, gzipped.
 */
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { firstLoadFiles, precacheFiles } from '../lib/first-load.ts';

const dist = process.argv[2] ?? 'dist';
const port = Number(process.env.BENCH_PORT ?? 4195);
if (!existsSync(`${dist}/index.html`)) {
  console.error(`No ${dist}/index.html: run \`npm run build\` first.`);
  process.exit(1);
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

const files = firstLoadFiles(dist);
for (const f of files)
  console.log(`${f.path.padEnd(52)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`);
const js = files.filter((f) => f.path.endsWith('.js')).reduce((s, f) => s + f.gzipBytes, 0);
console.log(`static first-load JavaScript, gzipped: ${kb(js)} (goal ≤ 165 kB)`);

// The first visit as a whole: what the service worker precaches for offline use, before any consent.
const precached = precacheFiles(dist).sort((a, b) => b.gzipBytes - a.gzipBytes);
for (const f of precached.slice(0, 8))
  console.log(
    `  precached ${f.path.padEnd(46)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`,
  );
const firstVisit = precached.reduce((s, f) => s + f.gzipBytes, 0);
console.log(
  `first visit before consent (service worker and everything it precaches, ${precached.length} files), gzipped: ${kb(firstVisit)} (goal ≤ 500 kB)`,
);

const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist],
  { stdio: 'ignore', detached: true },
);
try {
  await waitForServer(`http://127.0.0.1:${port}/`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ locale: 'zh-CN' });
  await page.addInitScript(() => localStorage.setItem('yizhen.onboarded', '1'));
  const pending: Promise<number>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script' && !/\/sw\.js$/.test(r.url())) {
      pending.push(
        r.body().then(
          (b) => gzipSync(b).length,
          () => 0,
        ),
      );
    }
  });
  await page.goto(`http://127.0.0.1:${port}/#/chat`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1000);
  const sizes = await Promise.all(pending);
  console.log(
    `in Chromium, scripts the page loaded before any interaction: ${sizes.length} files, ${kb(sizes.reduce((a, b) => a + b, 0))} gzipped (goal ≤ 165 kB)`,
  );
  await browser.close();
} finally {
  process.kill(-server.pid!);
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}
