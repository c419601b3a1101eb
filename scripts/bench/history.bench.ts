/**
 * Time to show the history list with 500 conversations / 10,000 messages (goal < 200 ms).
 *
 * 1. Node, fake-indexeddb: `store.list()` (plain and PIN-encrypted) and a search over all message text.
 *    fake-indexeddb is a JavaScript model of IndexedDB, so these figures are for comparing code changes,
 *    not a browser's speed.
 * 2. Chromium (Debian's, via Playwright) against a build: the same data written into the real IndexedDB,
 *    then the time from opening the history screen (hash change) until all 500 entries are in the DOM,
 *    which includes reading IndexedDB and rendering. Needs a build: BENCH_DIST (default dist-e2e, then dist).
 *
 * Usage: npx tsx scripts/bench/history.bench.ts [conversations=500] [messagesPer=20] [rounds=10]
 */
import 'fake-indexeddb/auto';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { openHistoryDb } from '../../src/lib/storage/db.ts';
import { IdbConversationStore } from '../../src/lib/storage/conversations.ts';
import type { StoredMessage } from '../../src/lib/storage/types.ts';
import { fmt, percentile, report } from './stats.ts';

const [conversations = 500, messagesPer = 20, rounds = 10] = process.argv.slice(2).map(Number);
const total = conversations * messagesPer;
console.log(`${conversations} conversations x ${messagesPer} messages = ${total} messages`);

const SENTENCES = [
  '咳嗽一周了,晚上更严重,有时候会发烧。',
  'My knee hurts after running, especially on stairs.',
  '多喝温水,注意休息。如果发烧超过三天或气喘,请尽快就医。',
  'Rest and ice may help. See a doctor if it swells or you cannot walk.',
];

function messageFor(c: number, m: number, conversationId: string, at: number): StoredMessage {
  return {
    id: `m-${c}-${m}`,
    conversationId,
    role: m % 2 === 0 ? 'user' : 'assistant',
    createdAt: at,
    text: `${SENTENCES[(c + m) % SENTENCES.length]} (${c}/${m})`,
    rawText: m % 2 ? SENTENCES[(c + m) % SENTENCES.length] : undefined,
    status: 'complete',
  };
}

async function timeAsync(fn: () => Promise<unknown>, n: number): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function nodeFigures(withPin: boolean): Promise<void> {
  const name = `bench-${withPin ? 'pin' : 'plain'}`;
  const store = new IdbConversationStore({ open: () => openHistoryDb({ name }) });
  // A low PBKDF2 count: key derivation is a one-off at unlock, not part of listing.
  if (withPin) await store.setPin('2468', 1_000);
  const t0 = performance.now();
  for (let c = 0; c < conversations; c++) {
    const conversation = await store.create({ lang: c % 2 ? 'en' : 'zh', title: `Conversation ${c}` });
    for (let m = 0; m < messagesPer; m++) {
      await store.putMessage(messageFor(c, m, conversation.id, 1_000 + c * 1000 + m));
    }
  }
  const label = withPin ? 'node fake-idb, PIN' : 'node fake-idb';
  console.log(`${label}: wrote ${total} messages in ${fmt(performance.now() - t0)}`);
  const listed = await store.list();
  if (listed.length !== conversations) throw new Error(`listed ${listed.length}`);
  report(`${label}: list ${conversations}`, await timeAsync(() => store.list(), rounds), '200 ms');
  report(`${label}: search all message text`, await timeAsync(() => store.list({ query: 'stairs' }), 3));
}

/** Opens the history screen `rounds` times from Settings, timing until every conversation is in the DOM. */
async function measureOpen(page: Page, label: string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i <= rounds; i++) {
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.waitForSelector('#settings-title');
    // No named functions inside evaluate: tsx would wrap them in a helper the page does not have.
    const ms = await page.evaluate(async (count) => {
      const t0 = performance.now();
      location.hash = '#/history';
      while (document.querySelectorAll('#main li.item').length < count) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return performance.now() - t0;
    }, conversations);
    if (i > 0) times.push(ms); // the first round warms the code paths
  }
  times.sort((a, b) => a - b);
  report(label, times, '200 ms');
  console.log(`${label}: worst ${fmt(percentile(times, 100))} over ${times.length} rounds`);
}

async function chromiumFigures(): Promise<void> {
  const dist = process.env.BENCH_DIST ?? ['dist-e2e', 'dist'].find((d) => existsSync(`${d}/index.html`));
  if (!dist || !existsSync(`${dist}/index.html`)) {
    console.log('chromium: skipped, no build (run `npm run build:e2e` or set BENCH_DIST)');
    return;
  }
  const port = Number(process.env.BENCH_PORT ?? 4399);
  const server = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist],
    { stdio: 'ignore', detached: true },
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        if (i > 100) throw new Error('preview server did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const page = await browser.newPage();
    await page.addInitScript(() => localStorage.setItem('yizhen.onboarded', '1'));
    await page.goto(`${url}/#/settings`);
    await page.waitForFunction(async () =>
      (await indexedDB.databases()).some((d) => d.name === 'yizhen-history' && d.version === 2),
    );
    await page.evaluate(
      async ({ conversations, messagesPer, sentences }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open('yizhen-history', 2);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        const tx = db.transaction(['conversations', 'messages'], 'readwrite');
        const profile = {
          chiefComplaint: '',
          medicalHistory: '',
          age: '',
          sex: '',
          pregnancy: '',
          allergies: '',
          medications: '',
          testResults: '',
        };
        for (let c = 0; c < conversations; c++) {
          let last = '';
          for (let m = 0; m < messagesPer; m++) {
            last = `${sentences[(c + m) % sentences.length]} (${c}/${m})`;
            tx.objectStore('messages').put({
              id: `m-${c}-${m}`,
              conversationId: `c-${c}`,
              role: m % 2 ? 'assistant' : 'user',
              createdAt: 1_000 + c * 1000 + m,
              text: last,
              status: 'complete',
            });
          }
          tx.objectStore('conversations').put({
            id: `c-${c}`,
            title: `Conversation ${c}`,
            lang: 'en',
            createdAt: 1_000 + c * 1000,
            updatedAt: 1_000 + c * 1000 + messagesPer,
            profile,
            messageCount: messagesPer,
            preview: last,
          });
        }
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
        db.close();
      },
      { conversations, messagesPer, sentences: SENTENCES },
    );
    await page.reload();
    await measureOpen(page, `chromium (${dist}): open history, ${conversations} shown`);

    // Search reads every message; "(123/" is only in conversation 123's messages.
    const searches: number[] = [];
    for (let i = 0; i <= 3; i++) {
      const query = i % 2 ? '(123/' : '(321/';
      const ms = await page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('#history-search')!;
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const want = `Conversation ${q.slice(1, -1)}`;
        while (
          document.querySelectorAll('#main li.item').length !== 1 ||
          !document.querySelector('#main li.item')!.textContent!.includes(want)
        ) {
          await new Promise((resolve) => requestAnimationFrame(resolve));
        }
        return performance.now() - t0;
      }, query);
      if (i > 0) searches.push(ms);
    }
    searches.sort((a, b) => a - b);
    report(`chromium: search ${total} messages (incl. 150 ms debounce)`, searches);

    // The same list with a PIN: every conversation record is decrypted with WebCrypto on the way.
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.fill('#new-pin', '2468');
    await page.fill('#confirm-pin', '2468');
    const t0 = performance.now();
    await page.click('.clinic form button[type=submit]');
    await page.getByRole('button', { name: /Lock now|立即锁定/ }).waitFor({ timeout: 600_000 });
    console.log(`chromium: setting a PIN re-encrypted ${total} messages in ${fmt(performance.now() - t0)}`);
    await page.reload();
    await page.fill('#unlock-pin', '2468');
    await page.press('#unlock-pin', 'Enter');
    await page.waitForSelector('#settings-title');
    await measureOpen(page, `chromium, PIN: open history, ${conversations} shown`);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

await nodeFigures(false);
await nodeFigures(true);
await chromiumFigures();
