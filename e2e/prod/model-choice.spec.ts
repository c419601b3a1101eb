/**
 * The setup screen's choice of model, on the production build with no WebGPU (so the processor engine is
 * offered): the recommended model and the smaller ones, each with its size and what to expect, and the
 * consent card follows the choice. Nothing is downloaded here.
 */
import { test, expect } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

test.use({ viewport: { width: 390, height: 844 } });

test('the small model is one tap away before downloading, with its size', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await skipOnboarding(page, 'en');
  await page.goto('/#/chat');
  const choice = page.getByTestId('model-choice');
  await expect(choice.getByRole('radio')).toHaveCount(3);
  const recommended = choice.getByRole('radio', { name: /Qwen3 4B.*Recommended/ });
  await expect(recommended).toBeChecked();
  await expect(choice).toContainText('very slow on the processor');

  const small = choice.getByRole('radio', { name: /Qwen3 0\.6B/ });
  await expect(choice.locator('label').filter({ hasText: 'Qwen3 0.6B' })).toContainText('651 MB to download');
  await small.check();
  await expect(page.getByTestId('chosen-model')).toContainText('Qwen3 0.6B');
  await expect(page.getByText('Download size: about 651 MB')).toBeVisible();

  // Back to the recommendation: "automatic" again.
  await choice.getByRole('radio', { name: /Qwen3 4B/ }).check();
  await expect(page.getByTestId('chosen-model')).toContainText('Qwen3 4B');
  expect(await page.evaluate(() => localStorage.getItem('yizhen.model'))).toBe('');
});
