/**
 * The production build with no model downloaded (the state of every first visit, and of every device that
 * cannot run one): an emergency typed into the box must show the numbers to call at
 * once. Triage is deterministic code; it must never wait for the model.
 */
import { test, expect } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

test('an emergency typed before any model is ready shows the emergency card with tel: links', async ({
  page,
}) => {
  await skipOnboarding(page, 'zh');
  await page.goto('/#/chat');
  const box = page.getByRole('textbox', { name: /症状|问题/ });
  // Send works without a model (the built-in guide answers); the card must not wait for Send either.
  await expect(page.getByRole('button', { name: '发送' })).toBeEnabled();

  await box.fill('头有点痛,想问问平时注意什么');
  await page.waitForTimeout(600); // longer than the draft-triage pause: a routine question shows no card
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);

  await box.fill('我爸爸胸口痛,痛到左手臂,一直出冷汗');
  const card = page.getByRole('alert').filter({ has: page.locator('a[href="tel:120"]') });
  await expect(card).toBeVisible();
  await expect(card).toBeInViewport();

  await box.fill('');
  await expect(page.locator('a[href^="tel:"]')).toHaveCount(0);
});

test.describe('the region is asked, not assumed from the language', () => {
  test.use({ locale: 'en-US', timezoneId: 'Asia/Shanghai' });

  test('an en-US browser in Shanghai is offered mainland numbers at onboarding, and the card names them', async ({
    page,
  }) => {
    await page.goto('/');
    const region = page.getByLabel('Where are you?');
    await expect(region).toHaveValue('CN');
    await page.getByRole('radio', { name: 'English' }).check();
    await region.selectOption('HK');
    await page
      .getByRole('button', { name: /start|begin/i })
      .first()
      .click();

    await page.goto('/#/chat');
    await page.getByRole('textbox').first().fill('my dad has crushing chest pain and is sweating');
    const card = page.getByRole('alert').filter({ has: page.locator('a[href="tel:999"]') });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Numbers for Hong Kong');
    await expect(page.locator('a[href="tel:911"]')).toHaveCount(0);
  });

  test('the region accepted as offered is kept, not guessed again from the time zone at the next start', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.getByLabel('Where are you?')).toHaveValue('CN');
    await page
      .getByRole('button', { name: /start|begin/i })
      .first()
      .click();
    const saved = await page.evaluate(() => localStorage.getItem('yizhen.preferences'));
    expect(JSON.parse(saved ?? '{}')).toMatchObject({ region: 'CN' });
  });
});
