import { test, expect, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { skipOnboarding } from '../support/onboarding.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

/**
 * A returning patient after the clinic deploys a new version. Two copies of the production build are served,
 * one after the other, at the same origin, the way a real deploy replaces the files: the service worker the
 * patient already has keeps the old version until they agree to the new one.
 */

const BUILT = resolve(process.env.E2E_PROD_DIR ?? 'dist');
// 0: the system picks a free port, so this spec never collides with the preview servers or other runs.
const PORT = Number(process.env.E2E_UPDATE_PORT ?? 0);

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * Copies the build into `target`, stamped with `build` as a `<meta name="app-build">` in index.html. The
 * precache revision of index.html in sw.js is updated to match, as Workbox would on a real rebuild: that
 * revision is what makes the browser see a changed service worker and install it.
 * @throws when sw.js does not list index.html with its md5 revision (the Workbox output changed shape)
 */
async function stampedCopy(target: string, build: string): Promise<void> {
  await cp(BUILT, target, { recursive: true });
  const html = await readFile(join(target, 'index.html'), 'utf8');
  const stamped = html.replace(
    '<meta charset="UTF-8" />',
    `<meta charset="UTF-8" />\n    <meta name="app-build" content="${build}" />`,
  );
  if (stamped === html) throw new Error('index.html has no <meta charset="UTF-8" /> to stamp after');
  const sw = await readFile(join(target, 'sw.js'), 'utf8');
  const entry = (page: string) => `{"revision":"${md5(page)}","url":"index.html"}`;
  if (!sw.includes(entry(html))) throw new Error('sw.js does not precache index.html under its md5 revision');
  await writeFile(join(target, 'index.html'), stamped);
  await writeFile(join(target, 'sw.js'), sw.replace(entry(html), entry(stamped)));
}

/** Resolves once a service worker controls the page, i.e. its requests go through the precache. */
async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

let builds: string;
let server: StaticServer;

test.beforeAll(async () => {
  builds = await mkdtemp(join(tmpdir(), 'yizhen-update-'));
  await stampedCopy(join(builds, 'v1'), '1');
  await stampedCopy(join(builds, 'v2'), '2');
});

test.afterAll(async () => {
  await rm(builds, { recursive: true, force: true });
});

// Every test starts a fresh deploy history: version 1 live, version 2 not yet deployed.
test.beforeEach(async () => {
  server = await startStaticServer(join(builds, 'v1'), PORT);
});

test.afterEach(async () => {
  await server.close();
});

test('a new version is offered, can wait without losing a draft, and loads once the patient agrees', async ({
  page,
}) => {
  await skipOnboarding(page);
  const build = page.locator('meta[name="app-build"]');
  const banner = page.getByRole('status').filter({ hasText: '有新版本可用' });
  const composer = page.getByRole('textbox', { name: '您的问题' });
  // Counted at commit, so a reload is counted before anything of the new document can be seen.
  let loads = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads += 1;
  });

  await test.step('first visit: the service worker installs, and controls the page after one reload', async () => {
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await controlled(page);
    await expect(build).toHaveAttribute('content', '1');
    await expect(banner).toBeHidden();
  });

  const draft = '我头痛三天了,晚上更厉害';
  const more = ',还有点恶心';
  await test.step('the clinic deploys while the patient is typing: the offer appears, the typing goes on', async () => {
    await composer.fill(draft);
    await server.serve(join(builds, 'v2'));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: '立即更新' })).toBeVisible();
    // The offer must not take the cursor out of the message box.
    await expect(composer).toBeFocused();
    await composer.pressSequentially(more);
    // Still version 1: nothing changes under the patient until they say so.
    await expect(build).toHaveAttribute('content', '1');
  });

  await test.step('"稍后" hides the offer and keeps the page, and the draft, as they were', async () => {
    const loadsBefore = loads;
    await banner.getByRole('button', { name: '稍后' }).click();
    await expect(banner).toBeHidden();
    await expect(composer).toHaveValue(draft + more);
    await expect(build).toHaveAttribute('content', '1');
    expect(loads).toBe(loadsBefore);
  });

  await test.step('on the next visit the new version is offered again', async () => {
    await page.reload();
    await controlled(page);
    await expect(banner).toBeVisible();
    // The old service worker still serves version 1 while the new one waits.
    await expect(build).toHaveAttribute('content', '1');
  });

  await test.step('"立即更新" reloads the page onto the new version, the draft kept, and the offer is gone', async () => {
    const loadsBefore = loads;
    await composer.fill(draft + more);
    await banner.getByRole('button', { name: '立即更新' }).click();
    await expect(build).toHaveAttribute('content', '2');
    // What the patient was typing is back in the box after the reload, and kept nowhere else.
    await expect(composer).toHaveValue(draft + more);
    expect(await page.evaluate(() => sessionStorage.getItem('yizhen.draft'))).toBeNull();
    expect(loads).toBeGreaterThan(loadsBefore);
    await controlled(page);
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(banner).toBeHidden();
    // Nothing is left waiting: the new service worker is the one in charge.
    const settled = await page.evaluate(() =>
      navigator.serviceWorker.getRegistration().then((r) => r?.active !== null && r?.waiting === null),
    );
    expect(settled).toBe(true);
  });
});
