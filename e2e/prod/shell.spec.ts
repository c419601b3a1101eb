import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { skipOnboarding } from '../support/onboarding.ts';

/** Collects every request the page makes, including those its workers make. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.context().on('request', (r) => urls.push(r.url()));
  return urls;
}

test.describe('first visit', () => {
  test('asks nothing of any origin but the app itself', async ({ page, baseURL }) => {
    const urls = recordRequests(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.getByRole('button', { name: /开始使用|start/i }).click();
    for (const screen of ['history', 'settings', 'eval', 'chat']) {
      await page.goto(`/#/${screen}`);
      await expect(page.locator('main')).toBeVisible();
    }
    await page.evaluate(() => navigator.serviceWorker.ready);
    const origin = new URL(baseURL!).origin;
    const foreign = urls.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u));
    expect(urls.length).toBeGreaterThan(3);
    expect(foreign).toEqual([]);
  });

  test('shows the notice of what the app is and is not, then remembers it was read', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: '欢迎使用医诊助手' })).toBeVisible();
    await expect(page.getByText('不能诊断疾病')).toBeVisible();
    await page.getByRole('button', { name: /开始使用/ }).click();
    await expect(page.getByRole('heading', { name: '欢迎使用医诊助手' })).toBeHidden();
    await page.reload();
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(page.getByRole('heading', { name: '欢迎使用医诊助手' })).toBeHidden();
  });

  test('the language choice persists and sets the page language', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('radio', { name: 'English' }).check();
    await expect(page.getByRole('heading', { name: 'Welcome to Health Helper' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome to Health Helper' })).toBeVisible();
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });

  test('raises no Content-Security-Policy violation and carries the policy', async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const response = await page.goto('/');
    const header = response?.headers()['content-security-policy'] ?? '';
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    for (const policy of [header, meta ?? '']) {
      expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(policy).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    }
    await page.getByRole('button', { name: /开始使用/ }).click();
    await page.goto('/#/settings');
    await expect(page.locator('main')).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe('installable and offline', () => {
  test('the manifest is valid for installation', async ({ page, request }) => {
    await page.goto('/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's browser contexts are incognito-like, which alone blocks installation; any other error counts.
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const manifest = await (await request.get('/manifest.webmanifest')).json();
    expect(manifest.display).toBe('standalone');
    expect(manifest.name).toMatch(/医诊助手/);
    expect(manifest.name).toMatch(/Health Helper/);
    for (const icon of manifest.icons) {
      const res = await request.get(`/${icon.src}`);
      expect(res.status(), icon.src).toBe(200);
      expect(res.headers()['content-type']).toContain('image/png');
    }
  });

  test('every screen reloads with the network off after one visit', async ({ page, context }) => {
    await skipOnboarding(page);
    await page.goto('/');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload(); // the service worker controls the page from this load on
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    // The evaluation page is a clinic's tool under Settings: the menu shows Settings for it.
    for (const [screen, menu] of [
      ['chat', 'chat'],
      ['history', 'history'],
      ['settings', 'settings'],
      ['eval', 'settings'],
    ]) {
      await page.goto(`/#/${screen}`);
      await page.reload();
      await expect(page.getByRole('navigation')).toBeVisible();
      await expect(page.locator(`nav a[aria-current="page"]`)).toHaveAttribute('href', `#/${menu}`);
    }
    await expect(page.getByRole('status').filter({ hasText: /离线|offline/i })).toBeVisible();
    await context.setOffline(false);
  });
});

test.describe('accessibility', () => {
  for (const size of [
    { name: 'phone', width: 360, height: 740 },
    { name: 'laptop', width: 1280, height: 800 },
  ]) {
    test(`axe finds no serious or critical violation on any screen (${size.name})`, async ({ page }) => {
      await page.setViewportSize(size);
      await page.goto('/');
      const results = [await new AxeBuilder({ page }).analyze()];
      await page.getByRole('button', { name: /开始使用/ }).click();
      for (const screen of ['chat', 'history', 'settings', 'eval']) {
        await page.goto(`/#/${screen}`);
        await expect(page.locator('main')).toBeVisible();
        await page.waitForTimeout(300); // let the screen settle before the scan
        results.push(await new AxeBuilder({ page }).analyze());
        // Nothing may push the page sideways: on a phone that hides half of every line.
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${screen} scroll width`).toBeLessThanOrEqual(size.width);
      }
      const bad = results.flatMap((r) =>
        r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${r.url}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      expect(bad).toEqual([]);
    });
  }
});
