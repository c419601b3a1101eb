/**
 * Download failures tell the patient what happened and what to do, each in its own words and quickly: no
 * minutes at 0 %. Against the production build, with no model hosts reachable from here: requests to the
 * internet are refused by the test (Playwright routes), as a blocked or unreachable host refuses them.
 */
import { test, expect, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';
import engineText from '../../src/lib/i18n/zh/engine.ts';
import registryJson from '../../model-config/models.json' with { type: 'json' };

const hfMirror = registryJson.sources.find((s) => s.id === 'hf-mirror')!;

async function open(page: Page, settings: Record<string, string>): Promise<void> {
  await skipOnboarding(page, 'zh');
  await page.addInitScript((s) => {
    localStorage.setItem('yizhen.preferences', JSON.stringify({ region: 'CN' }));
    for (const [key, value] of Object.entries(s)) localStorage.setItem(key, value);
  }, settings);
  // Nothing on the internet answers: a blocked or unreachable host, refusing after a moment.
  await page.route(/^https:\/\//, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.abort('connectionrefused');
  });
  await page.goto('/#/chat');
  await expect(page.getByRole('button', { name: '同意并开始下载' })).toBeVisible();
}

test('automatic source choice: every source is checked, and the ones that cannot be reached are named', async ({
  page,
}) => {
  await open(page, {});
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  // First the check says what it is doing...
  await expect(page.getByTestId('download-source')).toHaveText(engineText.download.checkingSources);
  // ...then names the hosts it tried, mainland ones included, and says where to change the source.
  const heading = page.getByRole('heading', { name: /连接不上模型来源/ });
  await expect(heading).toBeVisible();
  await expect(heading).toContainText('hf-mirror.com');
  await expect(heading).toContainText('modelscope.cn');
  await expect(heading).toContainText('huggingface.co');
  await expect(page.getByRole('link', { name: engineText.actions.sourceSettings })).toHaveAttribute(
    'href',
    '#/settings',
  );
  // Nothing was downloaded, so nothing claims to be kept.
  await expect(page.locator('.setup')).not.toContainText('已下载的部分已保留');
});

test('a source set by hand that cannot be reached: the next source is offered, and used', async ({
  page,
}) => {
  await open(page, { 'yizhen.modelMirror': 'huggingface' });
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  await expect(page.getByRole('heading', { name: '连接不上模型来源 huggingface.co' })).toBeVisible();
  await page.getByRole('button', { name: engineText.actions.useSource(hfMirror.name.zh) }).click();
  // It is unreachable too, here; the message now names it.
  await expect(page.getByRole('heading', { name: /连接不上模型来源 hf-mirror\.com/ })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('yizhen.modelMirror'))).toBe('hf-mirror');
});

test('a mirror address that answers with a web page: the address is wrong, and where to change it', async ({
  page,
}) => {
  // A path on the app's own server, where no model is: it answers with the app's page or "not found".
  await open(page, { 'yizhen.modelMirror': '/no-models-here/' });
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  const heading = page.getByRole('heading', { name: /返回的不是模型文件/ });
  await expect(heading).toBeVisible();
  await expect(heading).toContainText('127.0.0.1');
  await expect(page.locator('.setup')).toContainText(engineText.errors.notModelFile.next);
  await expect(page.getByRole('link', { name: engineText.actions.sourceSettings })).toBeVisible();
});

test('an offline device is told it is offline, not that a host failed', async ({ page, context }) => {
  await open(page, {});
  await context.setOffline(true);
  await page.getByRole('button', { name: '同意并开始下载' }).click();
  await expect(page.getByRole('heading', { name: engineText.errors.offline.title })).toBeVisible();
  await expect(page.getByRole('button', { name: engineText.actions.retry })).toBeVisible();
  await context.setOffline(false);
});
