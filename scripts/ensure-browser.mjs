#!/usr/bin/env node
/**
 * The end-to-end tests drive Debian's Chromium (Playwright's own browser download cannot work offline).
 * Finds it, or installs it (with a CJK font for Chinese screenshots) when running as root on Debian,
 * or says exactly what to run.
 */
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const packages = ['chromium', 'fonts-wqy-microhei'];
const missing = [!existsSync(browser) && 'chromium', !existsSync(font) && 'fonts-wqy-microhei'].filter(
  Boolean,
);

if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt && !process.env.CHROMIUM_PATH) {
  console.log(`Installing ${missing.join(', ')} from Debian's packages for the end-to-end tests…`);
  try {
    execSync('apt-get update -q', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -q ${missing.join(' ')}`, {
      stdio: 'inherit',
    });
  } catch {
    // fall through to the check below, which explains what is still missing
  }
}

if (!existsSync(browser)) {
  console.error(
    [
      `No Chromium at ${browser}. The end-to-end tests need it.`,
      `On Debian or Ubuntu, as root:  apt-get update && apt-get install -y ${packages.join(' ')}`,
      'Elsewhere, point CHROMIUM_PATH at a Chromium or Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test',
    ].join('\n'),
  );
  process.exit(1);
}
if (!existsSync(font)) console.warn('No CJK font found: Chinese text in screenshots will show as boxes.');
