/**
 * The message box by touch, on the production build: Send is never a dead button, and keyboard shortcuts
 * are only mentioned where there is a keyboard.
 */
import { test, expect } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('tapping Send with nothing typed says why, and the hint goes once there is a question', async ({
    page,
  }) => {
    await skipOnboarding(page, 'zh');
    await page.goto('/#/chat');
    await expect(page.getByText('Enter 发送，Shift+Enter 换行')).toBeHidden();
    await page.getByRole('button', { name: '发送' }).tap();
    await expect(page.getByTestId('send-hint')).toHaveText('请先在输入框里写下您的问题。');
    await page.locator('#chat-input').fill('头有点痛');
    await expect(page.getByTestId('send-hint')).toBeEmpty();
  });
});

test('with a mouse and keyboard the shortcut is shown', async ({ page }) => {
  await skipOnboarding(page, 'en');
  await page.goto('/#/chat');
  await expect(page.getByText('Enter to send, Shift+Enter for a new line')).toBeVisible();
  await expect(page.locator('#chat-input')).toHaveAttribute(
    'placeholder',
    'Describe your symptoms or question…',
  );
});
