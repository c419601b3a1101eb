import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import type { E2EScript } from '../support/scripted-backend.ts';
import { parseQuestionSet } from '../../src/lib/eval/questions.ts';
import { pickSubset } from '../../src/lib/eval/subset.ts';
import { CSV_COLUMNS } from '../../src/lib/eval/export.ts';

/**
 * The evaluation page against the e2e build, where the engine is the scripted test double: it replays
 * the reply the spec chooses (it is not a model), so the expected score is known in advance. Nothing
 * here says anything about a real model's accuracy or speed.
 */

const BUILT_IN = parseQuestionSet(
  readFileSync(new URL('../../src/lib/eval/data/questions.jsonl', import.meta.url), 'utf8'),
).items;

/** How many of the first `count` questions the page will ask have `letter` as their key. */
function keyedAs(letter: string, count: number): number {
  return pickSubset(BUILT_IN, count).filter((q) => q.answer === letter).length;
}

async function openEval(page: Page, script: E2EScript): Promise<void> {
  await skipOnboarding(page, 'en');
  await page.addInitScript((s) => {
    window.__E2E_SCRIPT__ = s;
  }, script);
  await page.goto('/#/eval');
  await expect(page.getByRole('heading', { level: 1, name: 'Model evaluation' })).toBeVisible();
  await expect(page.getByTestId('eval-model-id')).toHaveText('scripted-test-double');
}

async function setUp(page: Page, count: number, options: { speed?: boolean; label?: string } = {}) {
  await page.getByLabel('Number of questions').fill(String(count));
  await page.getByLabel('Number of questions').press('Tab');
  await page.getByLabel('Measure speed first (4 fixed prompts)').setChecked(options.speed ?? false);
  if (options.label) await page.getByLabel('Report name').fill(options.label);
}

async function runToEnd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(page.getByTestId('eval-outcome')).toHaveText(
    'The evaluation is complete and the report is saved.',
  );
}

test.describe('evaluation page', () => {
  test('a reply of "(b)" to every question scores exactly the share of questions keyed B', async ({
    page,
  }) => {
    await openEval(page, { defaultReply: 'The answer is (b).', tokenDelayMs: 5, chunk: 'word' });
    await setUp(page, 12, { speed: true, label: 'Always B' });
    await runToEnd(page);

    const expected = keyedAs('B', 12);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(12);
    const report = page.getByTestId('eval-report');
    await expect(report.getByTestId('eval-correct')).toHaveText(`${expected} of 12 correct`);
    await expect(report.getByTestId('eval-unparseable')).toHaveText('0');
    await expect(report.getByTestId('eval-partial')).toHaveCount(0);
    // Four speed prompts ran; the double reports no prefill or decode rates, so those say so.
    const speed = report.getByTestId('eval-speed');
    await expect(speed.getByRole('row', { name: /Time to first token/ })).toContainText('4');
    await expect(speed.getByRole('row', { name: /Prefill/ })).toContainText('not reported');
    // The chart and the category table both show every category asked.
    await expect(report.locator('figure svg[role="img"]')).toHaveAttribute(
      'aria-label',
      /Triage and emergencies/,
    );
    await expect(report.getByRole('table', { name: 'Results by category' }).locator('tbody tr')).toHaveCount(
      8,
    );
    await expect(page.getByTestId('eval-saved').getByText('Always B')).toBeVisible();
  });

  test('in Chinese: only Chinese questions, the same known score, in Chinese words', async ({ page }) => {
    await skipOnboarding(page, 'zh');
    await page.addInitScript(() => {
      window.__E2E_SCRIPT__ = { defaultReply: '答案:D', tokenDelayMs: 1 };
    });
    await page.goto('/#/eval');
    await expect(page.getByRole('heading', { level: 1, name: '模型评测' })).toBeVisible();
    await page.getByLabel('题目数量').fill('10');
    await page.getByLabel('题目数量').press('Tab');
    await page.getByLabel('题目语言').selectOption('zh');
    await page.getByLabel('先测速度（4 个固定提示）').setChecked(false);
    await page.getByRole('button', { name: '开始评测' }).click();
    await expect(page.getByTestId('eval-outcome')).toHaveText('评测完成，报告已保存。');
    const expected = pickSubset(BUILT_IN, 10, 'zh').filter((q) => q.answer === 'D').length;
    await expect(page.getByTestId('eval-correct')).toHaveText(`答对 ${expected} / 10`);
    await page.getByText(/逐题结果/).click();
    const ids = await page.getByTestId('eval-answers').locator('tbody th').allTextContents();
    expect(ids).toHaveLength(10);
    expect(ids.every((id) => id.startsWith('zh-'))).toBe(true);
  });

  test('replies that name no single option count as unreadable and wrong', async ({ page }) => {
    await openEval(page, { defaultReply: 'Either A or C could be right.', tokenDelayMs: 1, chunk: 'word' });
    await setUp(page, 6);
    await runToEnd(page);
    await expect(page.getByTestId('eval-correct')).toHaveText('0 of 6 correct');
    await expect(page.getByTestId('eval-unparseable')).toHaveText('6');
  });

  test('a long run shows progress, can be stopped, and keeps a partial report', async ({ page }) => {
    await openEval(page, { defaultReply: 'The answer is B.', tokenDelayMs: 40, chunk: 'char' });
    await setUp(page, 20, { label: 'Stopped run' });
    await page.getByRole('button', { name: 'Start evaluation' }).click();

    const progress = page.getByTestId('eval-progress');
    await expect(progress.getByTestId('eval-progress-count')).toHaveText('2 of 20 done');
    await expect(progress).toContainText('Elapsed');
    await expect(progress).toContainText('Time left (estimate)');
    await page.getByRole('button', { name: 'Stop' }).click();

    await expect(page.getByTestId('eval-outcome')).toHaveText(
      'The evaluation was stopped. What finished is saved as a partial report.',
    );
    const report = page.getByTestId('eval-report');
    await expect(report.getByTestId('eval-partial')).toHaveText('Partial');
    const note = await report
      .getByText(/The run was stopped: \d+ of 20 questions were answered\./)
      .textContent();
    const answered = Number(/stopped: (\d+) of/.exec(note ?? '')?.[1]);
    expect(answered).toBeGreaterThanOrEqual(2);
    expect(answered).toBeLessThan(20);
    await expect(report.getByTestId('eval-correct')).toHaveText(
      `${
        keyedAs('B', 20) -
        pickSubset(BUILT_IN, 20)
          .slice(answered)
          .filter((q) => q.answer === 'B').length
      } of ${answered} correct`,
    );
    // Kept across a reload, still marked partial.
    await page.reload();
    const saved = page.getByTestId('eval-saved').getByRole('listitem').filter({ hasText: 'Stopped run' });
    await expect(saved).toContainText('Partial');
  });

  test('a report exports as JSON and CSV', async ({ page }) => {
    await openEval(page, { defaultReply: '答案:C', tokenDelayMs: 1 });
    await setUp(page, 5, { label: 'Export me' });
    await runToEnd(page);

    const [jsonDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^eval-scripted-test-double-\d{4}-\d{2}-\d{2}\.json$/);
    const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
    expect(json).toMatchObject({
      version: 1,
      label: 'Export me',
      modelId: 'scripted-test-double',
      partial: false,
      overall: { total: 5, correct: keyedAs('C', 5), unparseable: 0 },
    });
    expect(json.results).toHaveLength(5);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/\.csv$/);
    const lines = readFileSync((await csvDownload.path())!, 'utf8').split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines.filter((l) => l.startsWith('question,'))).toHaveLength(5);
  });

  test('a malformed CMExam CSV lists each bad row with its reason and keeps the good rows', async ({
    page,
  }) => {
    await openEval(page, { defaultReply: 'A' });
    const csv = [
      'Question,Options,Answer,Explanation',
      '"发热三天,首选的检查是","A 血常规\nB 头颅CT",A,',
      '"多选题","A 甲\nB 乙\nC 丙",AC,',
      '"答案不在选项中","A 甲\nB 乙",D,',
      '"咳嗽一周,应该","A 观察\nB 就医",B,',
    ].join('\n');
    await page.getByLabel('Import a question file').setInputFiles({
      name: 'cmexam-sample.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await expect(page.getByTestId('eval-import-summary')).toHaveText(
      'Read as CMExam: 2 usable questions, 2 rows with problems.',
    );
    const errors = page.getByTestId('eval-import-errors').getByRole('listitem');
    await expect(errors).toHaveText([
      'Row 3: the answer “AC” has several letters; only single-answer questions are supported',
      'Row 4: the answer D is not one of the options',
    ]);
    await expect(page.getByTestId('eval-set-current')).toHaveText(
      'Imported “cmexam-sample.csv” (2 usable questions)',
    );

    // The usable rows run: answering A gets the first right and the last wrong.
    await setUp(page, 2);
    await runToEnd(page);
    await expect(page.getByTestId('eval-correct')).toHaveText('1 of 2 correct');
  });

  test('two saved reports compare side by side, including one imported from another device', async ({
    page,
  }) => {
    await openEval(page, { defaultReply: 'B', tokenDelayMs: 1 });
    await setUp(page, 8, { label: 'Laptop, always B' });
    await runToEnd(page);
    await page.evaluate(() => {
      window.__E2E_SCRIPT__ = { defaultReply: 'A', tokenDelayMs: 1 };
    });
    await page.getByLabel('Report name').fill('Laptop, always A');
    await runToEnd(page);

    // The newest two are picked at once: A is the earlier run, B the later.
    const table = page.getByTestId('eval-compare');
    const pct = (n: number) => `${Math.round((n / 8) * 1000) / 10}%`;
    const accuracy = table.getByRole('row', { name: /^Overall accuracy/ });
    await expect(accuracy.getByRole('cell').nth(0)).toHaveText(pct(keyedAs('B', 8)));
    await expect(accuracy.getByRole('cell').nth(1)).toHaveText(pct(keyedAs('A', 8)));
    await expect(table.getByRole('columnheader', { name: 'A: Laptop, always B' })).toBeVisible();

    // A report exported on another device (here: built by hand) is imported and picked as B.
    const phone = JSON.parse(
      await (async () => {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Export JSON' }).click(),
        ]);
        return readFileSync((await download.path())!, 'utf8');
      })(),
    );
    phone.id = 'from-phone';
    phone.label = 'Phone, always A';
    phone.device = { gpu: 'phone gpu' };
    await page.getByLabel('Import a report (JSON)').setInputFiles({
      name: 'phone.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(phone)),
    });
    await expect(page.getByText('Imported report “Phone, always A”.')).toBeVisible();
    await page.getByLabel('Report B').selectOption({ label: 'Phone, always A' });
    await expect(table.getByRole('columnheader', { name: 'B: Phone, always A' })).toBeVisible();
    await expect(accuracy.getByRole('cell').nth(1)).toHaveText(pct(keyedAs('A', 8)));
  });

  for (const size of [
    { name: 'phone', width: 360, height: 740 },
    { name: 'laptop', width: 1280, height: 800 },
  ]) {
    test(`axe: no serious or critical violation with a report, import errors and a comparison (${size.name})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await openEval(page, { defaultReply: 'B', tokenDelayMs: 1 });
      await setUp(page, 4, { label: 'One' });
      await runToEnd(page);
      await page.getByLabel('Report name').fill('Two');
      await runToEnd(page);
      await page.getByLabel('Import a question file').setInputFiles({
        name: 'bad.jsonl',
        mimeType: 'application/json',
        buffer: Buffer.from('{oops\n'),
      });
      await expect(page.getByTestId('eval-import-errors')).toContainText('Row 1: not valid JSON');
      await page.getByText(/Answer by answer/).click();
      await expect(page.getByTestId('eval-compare')).toBeVisible();
      // Nothing spills sideways on a phone: wide tables scroll inside their card.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
      const { violations } = await new AxeBuilder({ page }).include('main').analyze();
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
