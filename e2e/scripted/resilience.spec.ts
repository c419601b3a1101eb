import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import type { E2EScript } from '../support/scripted-backend.ts';
import chatText from '../../src/lib/i18n/zh/chat.ts';
import engineText from '../../src/lib/i18n/zh/engine.ts';
import { MAX_MESSAGE_CHARS } from '../../src/lib/chat/limits.ts';
import { modelReady } from '../support/model-ready.ts';

/** SHORT_CONTEXT in src/lib/state/engine.svelte.ts (a runes module, which Node cannot import). */
const SHORT_CONTEXT = 2048;

/**
 * Bad conditions lose nothing, against the e2e build (the engine is the scripted test double, which replays
 * chosen text and can fail on cue; it is not a model): the GPU device lost or out of memory mid-answer, a full
 * disk, and a very long message in unusual Unicode. Wording comes from the zh messages, so a reworded string
 * does not break the spec but a missing one does.
 */

async function open(page: Page, value: E2EScript): Promise<void> {
  await skipOnboarding(page, 'zh');
  await page.addInitScript((s) => {
    window.__E2E_SCRIPT__ = s;
  }, value);
  await page.goto('/');
  await modelReady(page);
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#chat-input').fill(text);
  await page.locator('#chat-input').press('Enter');
}

const sendButton = (page: Page) => page.getByRole('button', { name: chatText.composer.send });
const questions = (page: Page) => page.locator('.message.user');
const answers = (page: Page) => page.locator('.message.assistant:not(.streaming)');

interface StoredRecord {
  role?: string;
  text?: string;
  status?: string;
  createdAt?: number;
  messageCount?: number;
}

/** Every record of the app's history database (messages and conversations); none before the app made it. */
function storedRecords(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(async () => {
    // Opening a database that does not exist would create it, under the app's feet.
    if (!(await indexedDB.databases()).some((d) => d.name === 'yizhen-history')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('yizhen-history');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const all: StoredRecord[] = [];
    for (const store of Array.from(db.objectStoreNames)) {
      all.push(
        ...(await new Promise<StoredRecord[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result as StoredRecord[]);
          r.onerror = () => reject(r.error);
        })),
      );
    }
    db.close();
    return all;
  });
}

/** The stored messages as role/status/text, oldest first (a question before its answer on a tie). */
async function storedMessages(page: Page): Promise<{ role: string; status: string; text: string }[]> {
  return (await storedRecords(page))
    .filter((r) => r.role === 'user' || r.role === 'assistant')
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || (a.role === 'user' ? -1 : 1))
    .map((r) => ({ role: r.role!, status: r.status ?? '', text: r.text ?? '' }));
}

test.describe('the engine lost mid-answer', () => {
  const reply = '头痛常见的原因有睡眠不足和紧张。可以先休息,多喝水。如果突然加重,请尽快就医。';
  const PIECES = 6;
  for (const { kind, viewport } of [
    { kind: 'deviceLost', viewport: { width: 360, height: 740 } },
    { kind: 'outOfMemory', viewport: { width: 1280, height: 800 } },
  ] as const) {
    test(`${kind}: the question and partial answer stay, restart brings the engine back, the conversation goes on at ${viewport.width}x${viewport.height}`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      await open(page, {
        rules: [{ match: '头痛', reply, fail: { kind, afterPieces: PIECES } }],
        defaultReply: '好的,请继续观察。',
        tokenDelayMs: 30,
      });
      await ask(page, '最近总是头痛');

      // Plain words and a next step, with the ways on: restart, or a shorter context.
      const problem = page.getByRole('alert', { name: engineText.errors[kind].title });
      await expect(problem).toContainText(engineText.errors[kind].next);
      await expect(problem.getByRole('button', { name: engineText.actions.restart })).toBeVisible();
      await expect(
        problem.getByRole('button', { name: engineText.actions.shorterContext(SHORT_CONTEXT) }),
      ).toBeVisible();
      // No smaller-model button: the double has no device check to say which models this device allows.
      // The chat notice says the same above the composer.
      await expect(page.getByRole('alert').filter({ hasText: chatText.notices.engineStopped })).toContainText(
        engineText.errors[kind].title,
      );
      // Until it is back, questions are answered from the built-in guide (chat-session.spec covers that).
      await expect(page.locator('.guide-mode')).toBeVisible();
      await expect(sendButton(page)).toBeEnabled();

      // The question and what was said before the failure are on screen, the answer marked as cut short.
      await expect(questions(page)).toHaveText(['最近总是头痛']);
      const partial = answers(page).first();
      await expect(partial).toHaveAttribute('data-status', 'error');
      await expect(partial).toContainText(reply.slice(0, PIECES));
      await expect(partial).not.toContainText(reply.slice(PIECES, PIECES + 4));
      await expect(partial).toContainText(chatText.answer.error);
      // ...and in history.
      await expect
        .poll(() => storedMessages(page))
        .toEqual([
          expect.objectContaining({ role: 'user', status: 'complete', text: '最近总是头痛' }),
          expect.objectContaining({ role: 'assistant', status: 'error' }),
        ]);
      await page.screenshot({ path: testInfo.outputPath(`${kind}.png`), fullPage: true });

      const address = page.url();
      await problem.getByRole('button', { name: engineText.actions.restart }).click();
      await expect(page.getByRole('heading', { name: engineText.heading })).toHaveCount(0);
      await modelReady(page);

      await ask(page, '还需要注意什么');
      await expect(answers(page)).toHaveCount(2);
      await expect(answers(page).nth(1)).toHaveAttribute('data-status', 'complete');
      await expect(answers(page).nth(1)).toContainText('好的,请继续观察。');
      // The same conversation: same address, and the first question went back to the engine as history.
      expect(page.url()).toBe(address);
      const sent = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.map((m) => m.content) ?? []);
      expect(sent).toContain('最近总是头痛');
      expect(sent.at(-1)).toBe('还需要注意什么');

      // After a reload everything is still there, the cut-off answer still marked.
      await page.reload();
      await expect(questions(page)).toHaveText(['最近总是头痛', '还需要注意什么']);
      await expect(answers(page)).toHaveCount(2);
      await expect(answers(page).first()).toHaveAttribute('data-status', 'error');
      await expect(answers(page).first()).toContainText(reply.slice(0, PIECES));
    });
  }

  /** The GPU device is lost while the first question is answered; returns the problem card that says so. */
  async function loseTheGpuMidAnswer(page: Page) {
    await open(page, {
      rules: [{ match: '头痛', reply, fail: { kind: 'deviceLost', afterPieces: PIECES } }],
      tokenDelayMs: 10,
    });
    await ask(page, '最近总是头痛');
    return page.getByRole('alert', { name: engineText.errors.deviceLost.title });
  }

  test('after a restart the cut-off answer can be asked again, and is replaced in place', async ({
    page,
  }) => {
    const problem = await loseTheGpuMidAnswer(page);
    await problem.getByRole('button', { name: engineText.actions.restart }).click();
    await modelReady(page);
    // The GPU behaves this time.
    await page.evaluate((r) => {
      window.__E2E_SCRIPT__ = { defaultReply: r, tokenDelayMs: 1 };
    }, reply);
    await answers(page).first().getByRole('button', { name: chatText.answer.retry }).click();
    await expect(answers(page).first()).toHaveAttribute('data-status', 'complete');
    await expect(answers(page)).toHaveCount(1);
    await expect(answers(page).first()).toContainText(reply);
    await expect
      .poll(() => storedMessages(page))
      .toEqual([
        expect.objectContaining({ role: 'user', text: '最近总是头痛' }),
        expect.objectContaining({ role: 'assistant', status: 'complete' }),
      ]);
  });

  test('while the engine is down the built-in guide answers, and after a restart the model answers that question in its place', async ({
    page,
  }) => {
    const problem = await loseTheGpuMidAnswer(page);
    await expect(problem).toBeVisible();

    await ask(page, '晚上总是睡不着怎么办');
    const fromGuide = answers(page).nth(1);
    await expect(fromGuide).toHaveAttribute('data-answered-by', 'guide');
    await expect(fromGuide).toContainText(chatText.answer.fromGuide);
    await expect(fromGuide.getByRole('button', { name: chatText.answer.askModel })).toHaveCount(0);

    await problem.getByRole('button', { name: engineText.actions.restart }).click();
    await modelReady(page);
    await page.evaluate(() => {
      window.__E2E_SCRIPT__ = { defaultReply: '模型的回答:睡前一小时放下手机。', tokenDelayMs: 1 };
    });
    await fromGuide.getByRole('button', { name: chatText.answer.askModel }).click();
    await expect(answers(page)).toHaveCount(2);
    await expect(answers(page).nth(1)).toHaveAttribute('data-answered-by', 'model');
    await expect(answers(page).nth(1)).toContainText('模型的回答:睡前一小时放下手机。');
    // The model was asked the guide's question, with the earlier turn as history.
    const sent = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.map((m) => m.content) ?? []);
    expect(sent.at(-1)).toBe('晚上总是睡不着怎么办');
    await expect
      .poll(async () => (await storedMessages(page)).some((m) => m.text.startsWith('模型的回答:')))
      .toBe(true);
  });
});

/**
 * A browser that can run out of space: while window.__DISK_FULL__ is set (see diskFull), every IndexedDB put
 * and add throws what Chromium reports for an exhausted quota.
 */
async function fillableDisk(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const flagged = () => (window as { __DISK_FULL__?: boolean }).__DISK_FULL__ === true;
    const { put, add } = IDBObjectStore.prototype;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (flagged()) throw new DOMException('full', 'QuotaExceededError');
      return put.apply(this, args);
    };
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
      if (flagged()) throw new DOMException('full', 'QuotaExceededError');
      return add.apply(this, args);
    };
  });
}

async function diskFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((f) => ((window as { __DISK_FULL__?: boolean }).__DISK_FULL__ = f), full);
}

test('a full disk: the answer stays on screen, a clear notice, and what was saved before is intact', async ({
  page,
}, testInfo) => {
  await fillableDisk(page);
  await open(page, {
    rules: [{ match: '第二', reply: '第二个回答:注意休息。' }],
    defaultReply: '第一个回答:多喝水。',
    tokenDelayMs: 5,
  });
  await ask(page, '第一个问题:嗓子疼');
  await expect(answers(page)).toHaveCount(1);
  // Wait for the first exchange to be saved before the disk fills.
  await expect
    .poll(() => storedMessages(page))
    .toEqual([
      expect.objectContaining({ role: 'user', text: '第一个问题:嗓子疼' }),
      expect.objectContaining({ role: 'assistant', status: 'complete' }),
    ]);
  const address = page.url();

  await diskFull(page, true);
  await ask(page, '第二个问题:还咳嗽');
  await expect(page.getByRole('alert')).toContainText(chatText.notices.saveFailed);
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).nth(1)).toContainText('第二个回答:注意休息。');
  await expect(answers(page).nth(1)).toHaveAttribute('data-status', 'complete');
  await expect(questions(page)).toHaveText(['第一个问题:嗓子疼', '第二个问题:还咳嗽']);
  // The composer is free again: the patient can go on.
  await expect(sendButton(page)).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath('disk-full.png') });

  await diskFull(page, false);
  await page.reload();
  expect(page.url()).toBe(address);
  // The first exchange is whole; the second, never written, is simply absent (not half-written).
  await expect(questions(page)).toHaveText(['第一个问题:嗓子疼']);
  await expect(answers(page)).toHaveCount(1);
  await expect(answers(page).first()).toContainText('第一个回答:多喝水。');
  await expect(answers(page).first()).toHaveAttribute('data-status', 'complete');
  const stored = await storedMessages(page);
  expect(stored.map((m) => m.role)).toEqual(['user', 'assistant']);
  const conversation = (await storedRecords(page)).find((r) => r.messageCount !== undefined);
  // The conversation's count was written in the same (aborted) transactions: it still matches.
  expect(conversation?.messageCount).toBe(2);
});

test('a disk full from the first question: once there is space again, the whole conversation is saved', async ({
  page,
}) => {
  await fillableDisk(page);
  await open(page, {
    rules: [{ match: '第二', reply: '第二个回答:注意休息。' }],
    defaultReply: '第一个回答:多喝水。',
    tokenDelayMs: 5,
  });
  await diskFull(page, true);
  await ask(page, '第一个问题:嗓子疼');
  await expect(page.getByRole('alert')).toContainText(chatText.notices.saveFailed);
  await expect(answers(page)).toHaveCount(1);
  await expect(answers(page).first()).toContainText('第一个回答:多喝水。');
  expect(await storedMessages(page)).toEqual([]);

  // Space is freed (the patient deleted something); the conversation goes on and is saved whole.
  await diskFull(page, false);
  await ask(page, '第二个问题:还咳嗽');
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).nth(1)).toContainText('第二个回答:注意休息。');
  await expect
    .poll(() => storedMessages(page))
    .toEqual([
      expect.objectContaining({ role: 'user', text: '第一个问题:嗓子疼' }),
      expect.objectContaining({ role: 'assistant', status: 'complete' }),
      expect.objectContaining({ role: 'user', text: '第二个问题:还咳嗽' }),
      expect.objectContaining({ role: 'assistant', status: 'complete' }),
    ]);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.reload();
  await expect(questions(page)).toHaveText(['第一个问题:嗓子疼', '第二个问题:还咳嗽']);
  await expect(answers(page)).toHaveCount(2);
  await expect(answers(page).first()).toContainText('第一个回答:多喝水。');
});

test.describe('a very long message in unusual Unicode', () => {
  // Emoji with zero-width joiners and variation selectors, combining marks, right-to-left scripts with a
  // direction mark, astral ideographs and symbols (two UTF-16 units each). No digits: the phone number below
  // is the only thing redaction may touch.
  const BLOCK = '👨‍👩‍👧‍👦头痛 e\u0301\u0302 שָׁלוֹם مرحبا \u200f 𠀀𝄞🏳️‍🌈 ';
  const PHONE = '13812345678';

  /** BLOCK repeated around a phone number, padded with astral characters to exactly `points` code points. */
  function oddMessage(points: number): string {
    const head = `我的电话${PHONE},`;
    let text = head;
    while (Array.from(text + BLOCK).length <= points) text += BLOCK;
    return text + '𠀀'.repeat(points - Array.from(text).length);
  }

  // The prompt is fitted with a byte-level upper bound for such characters (src/lib/prompt/tokens.ts): 2,000
  // of them can need more tokens than a 4k window holds, so the round trip is checked on a message that fits.
  const FITS = 400;

  test('it is redacted, sent, shown and stored exactly', async ({ page }) => {
    const reply = '好的。👨‍👩‍👧‍👦 é̂ שָׁלוֹם 𝄞';
    await open(page, { defaultReply: reply, tokenDelayMs: 1 });
    const text = oddMessage(FITS);
    // More UTF-16 units than characters: the limit counts characters.
    expect(text.length).toBeGreaterThan(FITS);
    expect(Array.from(text)).toHaveLength(FITS);
    const redacted = text.replace(PHONE, '〔手机号〕');

    await ask(page, text);
    await expect(answers(page)).toHaveCount(1);
    await expect(answers(page).first()).toContainText(reply);
    expect(await questions(page).first().locator('.text').textContent()).toBe(redacted);
    const sent = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.at(-1)?.content);
    expect(sent).toBe(redacted);
    await expect
      .poll(async () => (await storedMessages(page)).find((m) => m.role === 'user')?.text)
      .toBe(redacted);
    const stored = JSON.stringify(await storedRecords(page));
    expect(stored).not.toContain(PHONE);
  });

  test('one character over, it is not sent and stays in the box', async ({ page }) => {
    await open(page, { defaultReply: '好的。', tokenDelayMs: 1 });
    const text = oddMessage(MAX_MESSAGE_CHARS + 1);
    await ask(page, text);
    await expect(page.getByRole('alert')).toContainText(
      chatText.notices.tooLong(MAX_MESSAGE_CHARS + 1, MAX_MESSAGE_CHARS),
    );
    await expect(page.locator('#chat-input')).toHaveValue(text);
    await expect(page.locator('.message')).toHaveCount(0);
    expect(await page.evaluate(() => (window.__E2E_LOG__ ?? []).length)).toBe(0);
    expect(await storedMessages(page)).toEqual([]);
  });
});
