/**
 * Appends messages to the DEV part of the triage corpus (tests/corpus/triage/dev.jsonl), never to the
 * frozen held-out part. Input: a text file with one message per line, "<category|benign|general> <zh|zh-TW|en>: text".
 *
 *   node scripts/corpus-add.mjs new-messages.txt
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const dir = new URL('../tests/corpus/triage/', import.meta.url);
const texts = (part) =>
  readFileSync(new URL(`${part}.jsonl`, dir), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line).text);
const existing = new Set([...texts('dev'), ...texts('heldout')]);

let added = 0;
for (const line of readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((l) => l.trim())) {
  const m = /^(\S+) (zh|zh-TW|en): (.+)$/.exec(line.trim());
  if (!m) throw new Error(`Expected "<category> <lang>: text", got: ${line}`);
  const [, label, lang, text] = m;
  if (existing.has(text)) {
    console.log(`already in the corpus: ${text}`);
    continue;
  }
  const kind = label === 'benign' || label === 'general' ? label : 'acute';
  const id = createHash('sha256').update(text).digest('hex').slice(0, 10);
  const record = { id, kind, ...(kind === 'acute' ? { category: label } : {}), lang, text };
  appendFileSync(new URL('dev.jsonl', dir), `${JSON.stringify(record)}\n`);
  existing.add(text);
  added++;
}
console.log(`added ${added} message(s) to dev.jsonl`);
