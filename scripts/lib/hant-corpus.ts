/**
 * Every Chinese text the app itself shows, which the Traditional converter must get exactly right: the UI
 * wording, the health guide, the safety wording (emergency steps, crisis lines, disclaimers, medicine
 * notes, placeholders), the guide's framing and the model and source names.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zh } from '../../src/lib/i18n/zh/index.ts';
import { wordingLeaves } from './wording.ts';

const root = new URL('../../', import.meta.url).pathname;
const HAN = /[\u3400-\u9fff]/;

const DATA_FILES = [
  ...readdirSync(join(root, 'src/lib/knowledge/data')).map((f) => `src/lib/knowledge/data/${f}`),
  'src/lib/knowledge/guide/wording.json',
  'src/lib/safety/rules/crisis-lines.json',
  'src/lib/safety/rules/disclaimers.json',
  'src/lib/safety/rules/medicines.json',
  'src/lib/safety/rules/placeholders.json',
  'src/lib/safety/rules/zh/guidance.json',
  'model-config/models.json',
];

export function hantCorpus(): string[] {
  const texts = wordingLeaves(zh).map(([, text]) => text);
  for (const file of DATA_FILES) {
    texts.push(...wordingLeaves(JSON.parse(readFileSync(join(root, file), 'utf8'))).map(([, text]) => text));
  }
  return [...new Set(texts.filter((t) => HAN.test(t)))];
}

/** OpenCC's full phrase list, as "simplified traditional" pairs. */
export async function openccPhrases(): Promise<string[]> {
  const { default: all } = await import('opencc-js/dict/STPhrases');
  return all.split('|');
}

/** The phrases of `all` that occur somewhere in `texts`, in OpenCC's order. */
export function phrasesIn(texts: readonly string[], all: readonly string[]): string[] {
  const keys = new Map(all.map((pair) => [pair.slice(0, pair.indexOf(' ')), pair]));
  const longest = Math.max(...[...keys.keys()].map((k) => k.length));
  const used = new Set<string>();
  for (const text of texts) {
    for (let i = 0; i < text.length; i++) {
      for (let n = 2; n <= longest && i + n <= text.length; n++) {
        const pair = keys.get(text.slice(i, i + n));
        if (pair) used.add(pair);
      }
    }
  }
  return all.filter((pair) => used.has(pair));
}
