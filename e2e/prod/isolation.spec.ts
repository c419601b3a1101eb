import { test, expect } from '@playwright/test';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { skipOnboarding } from '../support/onboarding.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

/**
 * A clinic hosting the app on a plain static host, one that cannot send COOP/COEP headers. llama.cpp needs
 * a cross-origin isolated page for its threads; the service worker adds the headers to what it serves,
 * so from the second visit on the page is isolated anyway, and nothing it loads breaks under isolation.
 */

const BUILT = resolve(process.env.E2E_PROD_DIR ?? 'dist');
let server: StaticServer;

test.beforeAll(async () => {
  // This server sends the CSP, never COOP or COEP (static-server.ts).
  server = await startStaticServer(BUILT, 0);
});

test.afterAll(async () => {
  await server.close();
});

test('on a host without isolation headers, the service worker isolates the page from the second visit', async ({
  page,
}) => {
  await skipOnboarding(page);
  await page.goto(server.url);
  // The host's own response: not isolated, no SharedArrayBuffer.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');

  // The llama.cpp worker script, served through the service worker, carries the headers too (a worker
  // takes its embedder policy from its own script's response).
  const worker = (await readdir(join(BUILT, 'assets'))).find((f) => /^llama-worker-[\w-]+\.js$/.test(f));
  expect(worker, 'the build has a llama.cpp worker').toBeDefined();
  const headers = await page.evaluate(async (path) => {
    const response = await fetch(path);
    return {
      ok: response.ok,
      coep: response.headers.get('Cross-Origin-Embedder-Policy'),
      coop: response.headers.get('Cross-Origin-Opener-Policy'),
    };
  }, `/assets/${worker}`);
  expect(headers).toEqual({ ok: true, coep: 'credentialless', coop: 'same-origin' });

  // Nothing the page loads breaks under isolation: the screen renders and its icons load.
  await expect(page.getByRole('navigation')).toBeVisible();
  const icons = await page.evaluate(async () => {
    const sources = ['/favicon.svg', '/icons/icon-192.png'];
    const loaded = await Promise.all(
      sources.map(
        (src) =>
          new Promise<boolean>((done) => {
            const img = new Image();
            img.onload = () => done(img.naturalWidth > 0);
            img.onerror = () => done(false);
            img.src = src;
          }),
      ),
    );
    return loaded;
  });
  expect(icons).toEqual([true, true]);
});
