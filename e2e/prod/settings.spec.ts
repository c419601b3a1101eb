/**
 * Settings on the production build, where each change says what it did. Installing: the browser's own prompt behind an Install button where it offers
 * one (beforeinstallprompt, dispatched here as Chromium would), and the Add to Home Screen steps on an
 * iPhone, where there is no prompt. Settings says why installing helps either way.
 */
import { test, expect } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

test('where the browser offers to install, the button shows its prompt', async ({ page }) => {
  await skipOnboarding(page, 'en');
  await page.goto('/#/settings');
  const card = page.getByTestId('install');
  await expect(card).toContainText('works without a network');
  await expect(card.getByRole('button', { name: 'Install the app' })).toHaveCount(0);
  await page.evaluate(() => {
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => void ((window as unknown as { prompted: number }).prompted = 1),
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(event);
  });
  await card.getByRole('button', { name: 'Install the app' }).click();
  await expect(card.getByRole('status')).toHaveText('Installed.');
  expect(await page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(1);
});

test.describe('on an iPhone', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    viewport: { width: 390, height: 844 },
  });

  test('the Add to Home Screen steps are shown', async ({ page }) => {
    await skipOnboarding(page, 'zh');
    await page.goto('/#/settings');
    const card = page.getByTestId('install');
    await expect(card.getByRole('listitem')).toHaveCount(3);
    await expect(card).toContainText('选择“添加到主屏幕”');
  });
});

test('changing the region in Settings says which numbers the card will show', async ({ page }) => {
  await skipOnboarding(page, 'en');
  await page.goto('/#/settings');
  await page.getByLabel('Region (decides which emergency numbers are shown)').selectOption('UK');
  await expect(page.getByTestId('region-status')).toHaveText(
    'Changed to United Kingdom: in an emergency the app shows 999 and the other local numbers.',
  );
});
