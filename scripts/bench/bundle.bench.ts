/** Prints the JavaScript and CSS a patient downloads before the first interaction (from dist/; run `npm run build` first). */
import { existsSync } from 'node:fs';
import { firstLoadFiles } from '../lib/first-load.ts';

const dist = process.argv[2] ?? 'dist';
if (!existsSync(`${dist}/index.html`)) {
  console.error(`No ${dist}/index.html: run \`npm run build\` first.`);
  process.exit(1);
}
const files = firstLoadFiles(dist);
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
for (const f of files)
  console.log(`${f.path.padEnd(52)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`);
const js = files.filter((f) => f.path.endsWith('.js')).reduce((s, f) => s + f.gzipBytes, 0);
const css = files.filter((f) => f.path.endsWith('.css')).reduce((s, f) => s + f.gzipBytes, 0);
console.log(`first-load JavaScript, gzipped: ${kb(js)} (goal ≤ 150 kB); CSS ${kb(css)}`);
