import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import type { E2EScript } from '../support/scripted-backend.ts';
import disclaimers from '../../src/lib/safety/rules/disclaimers.json' with { type: 'json' };
import { modelReady } from '../support/model-ready.ts';

/**
 * The rest of a consultation, against the e2e build with the scripted engine test double: a crash mid-answer,
 * the patient profile, feedback, asking again, the context-window marker and accessibility of the screen.
 */

async function open(page: Page, value: E2EScript, lang: 'zh' | 'en' = 'zh'): Promise<void> {
  await skipOnboarding(page, lang);
  await page.addInitScript((s) => {
    window.__E2E_SCRIPT__ = s;
  }, value);
  await page.goto('/');
  // The scripted engine loads asynchronously, like a model.
  await modelReady(page);
}

async function ask(page: Page, text: string): Promise<void> {
  await page.locator('#chat-input').fill(text);
  await page.locator('#chat-input').press('Enter');
}

const answers = (page: Page) => page.locator('.message.assistant:not(.streaming)');

/** Every record of every object store of the app's databases, as JSON. */
function readDatabases(page: Page): Promise<string> {
  return page.evaluate(async () => {
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
}

test('an answer cut off by a reload is kept and shown as interrupted', async ({ page }) => {
  const reply = '第一句话已经说完。' + '后面还有很多内容。'.repeat(40);
  await open(page, { defaultReply: reply, tokenDelayMs: 100 });
  await ask(page, '头痛两天了');
  // The partial answer is saved every 2 seconds while it streams; wait for one save, then "crash".
  await expect(page.locator('.message.assistant.streaming')).toContainText('第一句话已经说完');
  await expect.poll(() => readDatabases(page), { timeout: 10_000 }).toContain('"status":"streaming"');
  await expect(page).toHaveURL(/#\/chat\/.+/);
  await page.reload();
  const answer = answers(page).first();
  await expect(answer).toContainText('第一句话已经说完');
  await expect(answer).toContainText('回答未完成');
  await expect(answer).toContainText(disclaimers.zh.disclaimer);
  await expect(page.locator('.message.user')).toContainText('头痛两天了');
});

test('the profile is redacted, kept and given to the assistant', async ({ page }) => {
  await open(page, { defaultReply: '好的。', tokenDelayMs: 1 });
  await page.getByText('患者资料').click();
  // A field over the limit is named and not saved; nothing is cut.
  const long = '高'.repeat(600);
  await page.getByLabel('既往病史').fill(long);
  await expect(page.getByRole('alert')).toContainText('既往病史超过了 500 字');
  await expect(page.getByRole('button', { name: '保存资料' })).toBeDisabled();
  await expect(page.getByLabel('既往病史')).toHaveValue(long);
  await page.getByLabel('既往病史').fill('高血压十年,女儿电话13812345678');
  await page.getByLabel('年龄').fill('62');
  await page.getByLabel('性别').selectOption('female');
  await page.getByRole('button', { name: '保存资料' }).click();
  await expect(page.getByLabel('既往病史')).toHaveValue('高血压十年,女儿电话〔手机号〕');
  await ask(page, '最近头晕');
  await expect(answers(page)).toHaveCount(1);
  const system = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.[0]?.content ?? '');
  expect(system).toContain('高血压十年');
  expect(system).toContain('- 年龄: 62');
  expect(system).toContain('- 性别: 女');
  expect(system).not.toContain('13812345678');
  const stored = await readDatabases(page);
  expect(stored).toContain('高血压十年');
  expect(stored).not.toContain('13812345678');
});

test('feedback with a comment is stored on the answer', async ({ page }) => {
  await open(page, { defaultReply: 'Rest and drink water.', tokenDelayMs: 1 }, 'en');
  await ask(page, 'I have a cold');
  const answer = answers(page).first();
  await answer.getByRole('button', { name: 'Not helpful' }).click();
  await expect(answer.getByRole('button', { name: 'Not helpful' })).toHaveAttribute('aria-pressed', 'true');
  await answer.getByLabel('Comment (optional)').fill('Too short');
  await answer.getByRole('button', { name: 'Save' }).click();
  await expect(answer.getByRole('status')).toContainText('stays on this device');
  await expect
    .poll(() => readDatabases(page))
    .toMatch(/"feedback":\{"rating":"down","at":\d+,"comment":"Too short"\}/);
});

test('asking again replaces the answer in place', async ({ page }) => {
  await open(page, { defaultReply: 'First try.', tokenDelayMs: 1 }, 'en');
  await ask(page, 'My throat hurts');
  await expect(answers(page)).toHaveCount(1);
  await page.evaluate(() => {
    window.__E2E_SCRIPT__ = { defaultReply: 'Second try.', tokenDelayMs: 1 };
  });
  await answers(page).first().getByRole('button', { name: 'Answer again' }).click();
  await expect(answers(page)).toHaveCount(1);
  await expect(answers(page).first()).toContainText('Second try.');
  await expect(page.locator('.message.user')).toHaveCount(1);
});

test('older turns that no longer fit are marked, and the new question is sent whole', async ({ page }) => {
  await open(page, { defaultReply: '答'.repeat(900), tokenDelayMs: 0 });
  await ask(page, '第一个问题' + '头'.repeat(1000));
  await expect(answers(page)).toHaveCount(1, { timeout: 30_000 });
  const second = '第二个问题' + '痛'.repeat(1000);
  await ask(page, second);
  await expect(page.getByRole('note').filter({ hasText: '较早的 1 轮对话' })).toBeVisible();
  await expect(answers(page)).toHaveCount(2, { timeout: 30_000 });
  const sent = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.map((m) => m.role) ?? []);
  expect(sent).toEqual(['system', 'user']);
  expect(await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.at(-1)?.content)).toBe(second);
});

for (const [width, height] of [
  [360, 740],
  [1280, 800],
] as const) {
  test(`the chat screen has no accessibility violations at ${width}x${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page, { defaultReply: '请**立即**拨打急救电话。\n\n- 坐下休息', tokenDelayMs: 1 });
    await ask(page, '我的电话13812345678,我爸爸胸口痛,一直出冷汗');
    await expect(answers(page)).toHaveCount(1);
    await page.getByText('患者资料').click();
    const { violations } = await new AxeBuilder({ page }).include('main').analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

test('knowledge entries go to the assistant by id and are listed under the answer', async ({ page }) => {
  await open(page, { defaultReply: '多喝水,注意休息。', tokenDelayMs: 1 });
  await ask(page, '发烧三十八度半,怎么办?');
  const answer = answers(page).first();
  await expect(answer).toBeVisible();
  const system = await page.evaluate(() => window.__E2E_LOG__?.at(-1)?.[0]?.content ?? '');
  const ids = [...system.matchAll(/^\[(zh-[\w-]+)\]/gm)].map((m) => m[1]);
  expect(ids.length).toBeGreaterThan(0);
  await answer.getByText(/参考资料/).click();
  await expect(answer.locator('.sources li')).toHaveCount(ids.length);
});

test('a question that cannot fit beside a long profile is not sent, and the patient is told', async ({
  page,
}) => {
  await open(page, { defaultReply: '好的。', tokenDelayMs: 1 });
  await page.getByText('患者资料').click();
  for (const label of ['主要不适', '既往病史', '过敏史', '正在使用的药物', '检查结果', '年龄']) {
    await page.getByLabel(label).fill('高'.repeat(500));
  }
  await page.getByRole('button', { name: '保存资料' }).click();
  await ask(page, '头痛');
  await expect(page.getByRole('alert')).toContainText('没有发送给助手');
  expect(await page.evaluate(() => (window.__E2E_LOG__ ?? []).length)).toBe(0);
  await expect(answers(page)).toHaveCount(0);
});
