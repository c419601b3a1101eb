/**
 * The production build on a device with no WebGPU and no model downloaded: the state of every first visit.
 * Questions are answered at once from the built-in health guide, labelled as such, post-processed like any
 * answer, stored, and shown again after an offline reload. The guide is deterministic code over the
 * built-in entries: no engine is involved.
 */
import { test, expect, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import disclaimers from '../../src/lib/safety/rules/disclaimers.json' with { type: 'json' };
import guide from '../../src/lib/knowledge/guide/wording.json' with { type: 'json' };
import zhChat from '../../src/lib/i18n/zh/chat.ts';
import enChat from '../../src/lib/i18n/en/chat.ts';
import zhCommon from '../../src/lib/i18n/zh/common.ts';
import enCommon from '../../src/lib/i18n/en/common.ts';

test.use({ viewport: { width: 390, height: 844 } });

/** A browser without WebGPU (most phones and older laptops): navigator.gpu is missing. */
async function withoutWebGpu(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
}

const answers = (page: Page) => page.locator('.message.assistant');

for (const c of [
  {
    lang: 'zh' as const,
    question: '我最近总是失眠怎么办',
    offTopic: '自行车链条掉了怎么装回去',
    text: zhChat,
    common: zhCommon,
  },
  {
    lang: 'en' as const,
    question: 'I lie awake most nights and cannot get back to sleep',
    offTopic: 'how do I fix a flat bike tyre',
    text: enChat,
    common: enCommon,
  },
]) {
  test(`${c.lang}: answered from the built-in guide without a model, stored, and shown again offline`, async ({
    page,
    context,
  }, testInfo) => {
    await withoutWebGpu(page);
    await skipOnboarding(page, c.lang);
    await page.goto('/#/chat');
    await expect(page.getByText(c.text.guideMode)).toBeVisible();
    // The first visit's service worker makes the app work offline, and says the model is not part of that.
    await expect(page.getByRole('status').filter({ hasText: c.common.update.offlineReady })).toBeVisible();

    await page.locator('#chat-input').fill(c.question);
    await page.getByRole('button', { name: c.text.composer.send }).click();
    const answer = answers(page).first();
    await expect(answer).toHaveAttribute('data-answered-by', 'guide');
    await expect(answer).toContainText(c.text.answer.fromGuide);
    await expect(answer).toContainText(guide[c.lang].label);
    await expect(answer).toContainText(guide[c.lang].whenToSeeDoctor);
    await expect(answer).toContainText(guide[c.lang].source);
    await expect(answer).toContainText(disclaimers[c.lang].disclaimer);
    // On a phone the answer is what is in view; the offer to download the model waits, folded.
    await expect(answer).toBeInViewport();
    await expect(page.getByText(c.text.setupLater)).toBeVisible();
    await expect(
      page.getByRole('button', { name: c.lang === 'zh' ? '同意并开始下载' : 'Agree and download' }),
    ).toBeHidden();
    // No model is ready, so there is no "ask the model" yet, and asking the guide again would say the same.
    await expect(answer.getByRole('button', { name: c.text.answer.askModel })).toHaveCount(0);
    await expect(answer.getByRole('button', { name: c.text.answer.retry })).toHaveCount(0);

    // Something the guide does not cover: it says so and advises a doctor, quoting nothing.
    await page.locator('#chat-input').fill(c.offTopic);
    await page.locator('#chat-input').press('Enter');
    await expect(answers(page)).toHaveCount(2);
    await expect(answers(page).nth(1)).toContainText(guide[c.lang].noMatch);
    await expect(answers(page).nth(1)).not.toContainText(guide[c.lang].whenToSeeDoctor);
    await page.screenshot({ path: testInfo.outputPath(`guide-${c.lang}-390.png`), fullPage: true });

    // Offline, after a reload from the service worker: both answers come back from history.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await expect(answers(page)).toHaveCount(2);
    await expect(answers(page).first()).toHaveAttribute('data-answered-by', 'guide');
    await expect(answers(page).first()).toContainText(guide[c.lang].whenToSeeDoctor);
    // ...and a new question is still answered, offline, from the guide.
    await page.locator('#chat-input').fill(c.question);
    await page.locator('#chat-input').press('Enter');
    await expect(answers(page)).toHaveCount(3);
    await expect(answers(page).nth(2)).toContainText(guide[c.lang].whenToSeeDoctor);
    await context.setOffline(false);
  });
}
