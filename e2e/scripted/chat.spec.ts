import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import type { E2EScript } from '../support/scripted-backend.ts';
import disclaimers from '../../src/lib/safety/rules/disclaimers.json' with { type: 'json' };
import { modelReady } from '../support/model-ready.ts';

/**
 * The consultation as a patient uses it, against the e2e build where the engine is the scripted test double
 * (it replays text the spec chooses; it is not a model). Reload and offline history are in history specs.
 */

/** Sets the script before the app loads; the double reads it for every answer. */
async function script(page: Page, value: E2EScript): Promise<void> {
  await page.addInitScript((s) => {
    window.__E2E_SCRIPT__ = s;
  }, value);
}

async function open(page: Page, lang: 'zh' | 'en', value: E2EScript): Promise<void> {
  await skipOnboarding(page, lang);
  await script(page, value);
  await page.goto('/');
  // The scripted engine loads asynchronously, like a model.
  await modelReady(page);
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#chat-input').fill(text);
  await page.locator('#chat-input').press('Enter');
}

const streaming = (page: Page) => page.locator('.message.assistant.streaming');
const answers = (page: Page) => page.locator('.message.assistant:not(.streaming)');

const ZH_REPLY = '头痛常见的原因有睡眠不足、紧张和用眼过度。可以先休息,多喝水。如果头痛突然加重,请尽快就医。';
const EN_REPLY =
  'Common causes of a headache are poor sleep, stress and eye strain. Rest and drink water. If it suddenly gets much worse, see a doctor soon.';

test.describe('chat', () => {
  for (const { lang, question, reply, chunk } of [
    { lang: 'zh', question: '最近总是头痛,怎么办?', reply: ZH_REPLY, chunk: 'char' },
    { lang: 'en', question: 'I keep getting headaches. What can I do?', reply: EN_REPLY, chunk: 'word' },
  ] as const) {
    test(`a ${lang} answer streams in piece by piece and ends with the disclaimer`, async ({ page }) => {
      // The double sits behind the app's real worker client and host, in a worker of its own.
      const workers: string[] = [];
      page.on('worker', (worker) => workers.push(worker.url()));
      await open(page, lang, { defaultReply: reply, tokenDelayMs: 40, chunk });
      expect(workers.some((url) => /\/assets\/scripted-worker-[\w-]+\.js$/.test(url))).toBe(true);
      await ask(page, question);
      await expect(page.locator('.message.user')).toContainText(question);
      // Part of the answer is on screen while the rest is still coming.
      await expect
        .poll(async () => {
          const text = (await streaming(page).textContent()) ?? '';
          return text.includes(reply.slice(0, 12)) && !text.includes(reply.slice(-10));
        })
        .toBe(true);
      await expect(answers(page)).toHaveCount(1);
      const answer = answers(page).first();
      await expect(answer).toContainText(reply.slice(-10));
      await expect(answer).toContainText(disclaimers[lang].disclaimer);
      await expect(page.locator('#chat-input')).toHaveValue('');
    });
  }

  test('Stop keeps what was said and marks the answer incomplete', async ({ page }) => {
    await open(page, 'zh', { defaultReply: ZH_REPLY, tokenDelayMs: 150 });
    await ask(page, '头痛怎么办');
    await expect(streaming(page)).toContainText(ZH_REPLY.slice(0, 3));
    await streaming(page).getByRole('button', { name: '停止' }).click();
    const answer = answers(page).first();
    await expect(answer).toContainText('回答未完成');
    await expect(answer).toContainText(ZH_REPLY.slice(0, 3));
    await expect(answer).not.toContainText(ZH_REPLY.slice(-10));
    await expect(answer).toContainText(disclaimers.zh.disclaimer);
    // The composer is free again.
    await expect(page.getByRole('button', { name: '发送' })).toBeEnabled();
  });

  test('an emergency shows the card with numbers to call before any answer text', async ({ page }) => {
    // Slow enough that nothing could have been generated while the card is checked.
    await open(page, 'zh', { defaultReply: '请立即拨打急救电话。', tokenDelayMs: 5000 });
    await ask(page, '我爸爸胸口痛,痛到左手臂,一直出冷汗');
    const card = page.getByRole('alert').filter({ has: page.locator('a[href^="tel:"]') });
    await expect(card).toBeVisible();
    await expect(card.locator('a[href^="tel:"]').first()).toHaveAttribute('href', /^tel:\d+$/);
    // The answer has not started: the streaming bubble only says it is preparing.
    await expect(streaming(page)).toContainText('正在准备回答');
    await expect(streaming(page).locator('.markdown')).toHaveCount(0);
    await streaming(page).getByRole('button', { name: '停止' }).click();
    await expect(answers(page)).toHaveCount(1);
    // The card stays with the question after the answer ends.
    await expect(card).toBeVisible();
  });

  test('a phone number is removed on screen and never stored or sent', async ({ page }) => {
    await open(page, 'zh', { defaultReply: '好的,请多休息。', tokenDelayMs: 5 });
    await ask(page, '我的手机号是13812345678,头痛两天了');
    const question = page.locator('.message.user');
    await expect(question).toContainText('〔手机号〕');
    await expect(question).not.toContainText('13812345678');
    await expect(question).toContainText('手机号 ×1');
    await expect(answers(page)).toHaveCount(1);

    const stored = await page.evaluate(async () => {
      const dump: unknown[] = [];
      for (const { name } of await indexedDB.databases()) {
        if (!name) continue;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const r = indexedDB.open(name);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await new Promise<unknown[]>((resolve, reject) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          });
          dump.push(...all);
        }
        db.close();
      }
      return JSON.stringify(dump);
    });
    expect(stored).toContain('〔手机号〕');
    expect(stored).not.toContain('13812345678');
    const sent = await page.evaluate(() => JSON.stringify(window.__E2E_LOG__ ?? []));
    expect(sent).toContain('〔手机号〕');
    expect(sent).not.toContain('13812345678');
  });

  test('HTML in an answer is shown as text and never runs', async ({ page }) => {
    const reply =
      'Before <img src=x onerror="window.__xss = 1"> middle <script>window.__xss = 2</script> ' +
      '<iframe src="https://example.com"></iframe> ![pic](https://example.com/a.png) after';
    await open(page, 'en', { defaultReply: reply, tokenDelayMs: 1, chunk: 'word' });
    await ask(page, 'Tell me about headaches');
    const answer = answers(page).first();
    await expect(answer).toContainText('after');
    await expect(answer).toContainText('<img src=x onerror=');
    await expect(answer).toContainText('<script>');
    await expect(page.locator('.message img, .message script, .message iframe')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  test('a 50,000-character message gets a clear notice and the text stays in the box', async ({ page }) => {
    await open(page, 'zh', { defaultReply: '好的。', tokenDelayMs: 5 });
    const long = '头痛'.repeat(25_000);
    await ask(page, long);
    await expect(page.getByRole('alert')).toContainText('50000 字');
    await expect(page.getByRole('alert')).toContainText('没有发送');
    await expect(page.locator('#chat-input')).toHaveValue(long);
    await expect(page.locator('.message')).toHaveCount(0);
    expect(await page.evaluate(() => (window.__E2E_LOG__ ?? []).length)).toBe(0);
  });

  test('every answer in a conversation ends with the disclaimer', async ({ page }) => {
    await open(page, 'en', {
      rules: [{ match: 'second', reply: 'Second reply.' }],
      defaultReply: 'First reply.',
      tokenDelayMs: 2,
    });
    await ask(page, 'first question');
    await expect(answers(page)).toHaveCount(1);
    await ask(page, 'second question');
    await expect(answers(page)).toHaveCount(2);
    for (const answer of await answers(page).all()) {
      await expect(answer).toContainText(disclaimers.en.disclaimer);
    }
    // The raw first reply (no disclaimer) is what went back to the engine as history.
    const lastCall = await page.evaluate(() => window.__E2E_LOG__?.at(-1) ?? []);
    expect(lastCall.map((m) => m.content).slice(1)).toEqual([
      'first question',
      'First reply.',
      'second question',
    ]);
  });
});
