import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import { modelReady } from '../support/model-ready.ts';

/**
 * The knowledge base end to end, against the e2e build where the engine is the scripted test double (it
 * replays a fixed reply; it is not a model). A clinic imports its own entry in Settings; a patient's question
 * on that topic then puts the entry in the prompt (read back from `window.__E2E_LOG__`) and lists it under the
 * answer, also after an offline reload, until the clinic removes it.
 */

const REPLY = '请按诊所公布的时间前来咨询。';

const CLINIC = {
  id: 'clinic-dengue-hours',
  title: '本诊所登革热咨询时间',
  body: '本诊所登革热咨询时间为每周一、三、五下午两点到五点，请带上近期体温记录。',
};

/** A clinic's Markdown file with front matter, as it would write it by hand. */
const CLINIC_MD = `---
id: ${CLINIC.id}
lang: zh
title: ${CLINIC.title}
tags: [登革热, 咨询时间, 蚊虫叮咬]
source: 本诊所公告
---
${CLINIC.body}
`;

/** One entry with a typo'd field name: "tittle" for "title". */
const BROKEN_JSON = JSON.stringify([
  { id: 'clinic-broken', lang: 'zh', tittle: '错别字', body: '正文', tags: [], source: '本诊所' },
]);

const QUESTION = '你们诊所登革热咨询时间是什么时候?';

async function open(page: Page, hash: string): Promise<void> {
  await skipOnboarding(page, 'zh');
  await page.addInitScript((reply) => {
    window.__E2E_SCRIPT__ = { defaultReply: reply, tokenDelayMs: 1 };
  }, REPLY);
  await page.goto(`/${hash}`);
}

/** Opens the chat (a hash change: the app and its chat session stay loaded) and waits for the engine. */
async function toChat(page: Page): Promise<void> {
  await page.goto('/#/chat');
  await modelReady(page);
}

const answers = (page: Page) => page.locator('.message.assistant:not(.streaming)');

/** Asks a question, waits for its answer, and returns the answer's cited titles and the prompt's entry ids. */
async function ask(
  page: Page,
  text: string,
  reply = REPLY,
): Promise<{ cited: string[]; sentIds: string[]; system: string }> {
  const before = await answers(page).count();
  const calls = await page.evaluate(() => window.__E2E_LOG__?.length ?? 0);
  await page.locator('#chat-input').fill(text);
  await page.locator('#chat-input').press('Enter');
  await expect(answers(page)).toHaveCount(before + 1);
  await expect.poll(() => page.evaluate(() => window.__E2E_LOG__?.length ?? 0)).toBe(calls + 1);
  const answer = answers(page).last();
  await expect(answer).toContainText(reply);
  const system = await page.evaluate(
    () => window.__E2E_LOG__?.at(-1)?.find((m) => m.role === 'system')?.content ?? '',
  );
  // Snippets go into the system prompt as "[id] title" lines (src/lib/knowledge/fit.ts).
  const sentIds = [...system.matchAll(/^\[([\w.-]+)\]/gm)].map((m) => m[1]!);
  const sources = answer.locator('details.sources');
  let cited: string[] = [];
  if ((await sources.count()) > 0) {
    await sources.locator('summary').click();
    cited = await sources.locator('.source-title').allTextContents();
  }
  return { cited, sentIds, system };
}

const clinicEntries = (page: Page) => page.getByRole('list', { name: '已导入的诊所条目' });

test('a clinic entry is imported, retrieved and cited, offline too, until it is removed', async ({
  page,
  context,
}) => {
  // 1. The clinic imports a valid Markdown entry and a JSON file whose only entry is malformed.
  await open(page, '#/settings');
  await page.evaluate(() => navigator.serviceWorker.ready);
  const picker = page.getByLabel('选择文件（JSON 或 Markdown，可多选）');
  await expect(picker).toBeEnabled(); // once the built-in ids are known
  await picker.setInputFiles([
    { name: 'dengue.md', mimeType: 'text/markdown', buffer: Buffer.from(CLINIC_MD, 'utf8') },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(BROKEN_JSON, 'utf8') },
  ]);
  await expect(page.getByRole('status').filter({ hasText: '已导入 1 条。' })).toBeVisible();
  const problems = page.getByRole('alert').filter({ hasText: '个问题需要修改' });
  await expect(problems).toContainText('2 个问题需要修改');
  await expect(problems.locator('li')).toHaveText([
    'broken.json 第 1 条（clinic-broken）：不认识的字段「tittle」（可能是拼写错误）。',
    'broken.json 第 1 条（clinic-broken）：缺少必填字段「title」。',
  ]);
  await expect(clinicEntries(page).locator('li')).toHaveCount(1);
  await expect(clinicEntries(page)).toContainText(CLINIC.title);
  await expect(clinicEntries(page)).toContainText(CLINIC.id);
  await expect(clinicEntries(page)).not.toContainText('clinic-broken');

  // 2. A patient asks about that topic: the entry reaches the engine and is cited under the answer.
  await toChat(page);
  const online = await ask(page, QUESTION);
  expect(online.sentIds).toContain(CLINIC.id);
  expect(online.system).toContain(CLINIC.body);
  expect(online.cited).toContain(CLINIC.title);

  // 3. With the service worker in control, an offline reload still lists and retrieves the entry.
  await page.goto('/#/settings');
  await page.reload(); // the service worker controls the page from this load on
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(clinicEntries(page)).toContainText(CLINIC.title);
    await toChat(page);
    const offline = await ask(page, QUESTION);
    expect(offline.sentIds).toContain(CLINIC.id);
    expect(offline.cited).toContain(CLINIC.title);
    // Reopened before the patient touches anything (the knowledge base loads lazily), the answer still lists
    // the entry it cited. Nothing is clicked: the list is read while it is still folded.
    await page.reload();
    await expect(answers(page).last().locator('.source-title')).toContainText([CLINIC.title]);

    // 4. The clinic removes it; the open chat follows, and the same question no longer cites it.
    await page.goto('/#/settings');
    await clinicEntries(page)
      .getByRole('button', { name: `删除条目「${CLINIC.title}」` })
      .click();
    await expect(page.getByRole('status').filter({ hasText: '已删除。' })).toBeVisible();
    await expect(page.getByText('还没有导入诊所条目。')).toBeVisible();
    await toChat(page);
    const removed = await ask(page, QUESTION);
    expect(removed.sentIds.length).toBeGreaterThan(0); // built-in entries are still retrieved
    expect(removed.sentIds).not.toContain(CLINIC.id);
    expect(removed.system).not.toContain(CLINIC.body);
    expect(removed.cited).not.toContain(CLINIC.title);
  } finally {
    await context.setOffline(false);
  }
});

test('a question in Traditional Chinese finds the same entries as in Simplified', async ({ page }) => {
  await open(page, '#/chat');
  await toChat(page);
  const simplified = await ask(page, '发烧了怎么办');
  // The scripted reply is in Simplified; to a question in Traditional it is shown in Traditional.
  const traditional = await ask(page, '發燒了怎麼辦', '請按診所公布的時間前來諮詢。');
  expect(simplified.sentIds.some((id) => id.includes('fever'))).toBe(true);
  expect(traditional.sentIds).toEqual(simplified.sentIds);
  expect(traditional.cited.length).toBeGreaterThan(0);
  expect(traditional.cited).toEqual(simplified.cited);
});
