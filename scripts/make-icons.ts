/**
 * Renders the app icon (public/favicon.svg) to the PNG sizes the web manifest lists, with Debian's
 * Chromium. Run once after changing the icon: `npx tsx scripts/make-icons.ts`. The PNGs are committed.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const svg = readFileSync('public/favicon.svg', 'utf8');
const maskable = svg
  .replace('rx="14"', 'rx="0"')
  .replace(/<path/g, '<path transform="translate(9.6 9.6) scale(0.7)"');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const [file, source, size] of [
  ['public/icons/icon-192.png', svg, 192],
  ['public/icons/icon-512.png', svg, 512],
  ['public/icons/maskable-512.png', maskable, 512],
] as const) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<body style="margin:0;background:transparent">${source.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`,
  );
  await page.locator('svg').screenshot({ path: file, omitBackground: true });
  console.log('wrote', file);
}
await browser.close();
