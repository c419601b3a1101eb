/**
 * `npm run bench`: runs every scripts/bench/*.bench.ts in turn, each printing its own figures.
 * One file per concern, so a benchmark can be run alone: `npx tsx scripts/bench/safety.bench.ts`.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file.replace('.bench.ts', '')} ===`);
  const run = spawnSync('npx', ['tsx', join(here, file)], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} exited with ${run.status}`);
  }
}
process.exit(failed ? 1 : 0);
