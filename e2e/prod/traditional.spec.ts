/**
 * Traditional Chinese for Hong Kong, Taiwan and Macau, on the production build with no WebGPU and no model
 * (a first visit): chosen from the browser's locale or by hand, remembered, and carried through the
 * onboarding, the emergency card and the built-in guide's answer to a question written in Traditional.
 * The expected texts are written out as a Hong Kong reader would read them.
 */
import { test, expect, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

async function withoutWebGpu(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
}

test.describe('a Hong Kong browser', () => {
  test.use({ locale: 'zh-HK', timezoneId: 'Asia/Hong_Kong', viewport: { width: 390, height: 844 } });

  test('is greeted in Traditional, gets Hong Kong numbers, and Traditional answers', async ({ page }) => {
    await withoutWebGpu(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '歡迎使用醫診助手' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await expect(page.getByRole('radio', { name: '繁體中文' })).toBeChecked();
    // The region follows the time zone, and the onboarding names its ambulance number, not 120.
    await expect(page.getByLabel('您在哪裡？')).toHaveValue('HK');
    await expect(page.getByText('遇到緊急情況，請立即撥打 999。')).toBeVisible();
    await page.getByRole('button', { name: '我知道了，開始使用' }).click();

    const box = page.locator('#chat-input');
    await box.fill('我爸爸胸口好痛，喘不過氣，一直冒冷汗');
    const card = page.getByRole('alert').filter({ hasText: '撥打 999' });
    await expect(card.getByRole('link', { name: '撥打 999（急救、報警、火警）' })).toBeVisible();
    await expect(card.getByRole('heading')).toHaveText('這可能是急症，請立即求助');

    await box.fill('我最近總是失眠怎麼辦');
    await page.getByRole('button', { name: '發送' }).click();
    const answer = page.locator('.message.assistant').first();
    await expect(answer).toHaveAttribute('data-answered-by', 'guide');
    await expect(answer).toContainText('以下內容來自本應用內置的健康指南');
    await expect(answer).toContainText('以上內容僅供健康科普參考，不能代替醫生面診和診斷');
    await expect(answer).toContainText('失眠');
  });
});

test('Traditional chosen by hand stays chosen, and switches back', async ({ page }) => {
  await skipOnboarding(page, 'zh');
  await page.goto('/#/chat');
  const nav = page.getByRole('navigation');
  await expect(nav.getByRole('link', { name: '咨询' })).toBeVisible();
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(nav.getByRole('link', { name: '諮詢' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
  await page.reload();
  await expect(nav.getByRole('link', { name: '諮詢' })).toBeVisible();
  await expect(page.getByRole('button', { name: '繁體中文' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: '简体中文' }).click();
  await expect(nav.getByRole('link', { name: '咨询' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
