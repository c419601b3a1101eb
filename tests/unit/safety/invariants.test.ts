import { describe, expect, it } from 'vitest';
import { postprocess, redact, triage } from '$lib/safety/index.ts';

/** Small seeded generator (mulberry32), so a failure reproduces from its seed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '1',
  '3',
  '8',
  '0',
  '9',
  '86',
  '+',
  '(',
  ')',
  '-',
  ' ',
  '.',
  'X',
  'a',
  'E',
  '@',
  '.com',
  '胸痛',
  '我叫',
  '住在',
  '路',
  '号',
  '粤B',
  '１',
  '，',
  '138 1234 5678',
  '11010519491231002X',
  'mg',
  '每天',
  '次',
  'not ',
  '没有',
];

function randomText(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

describe('redact: invariants on generated input', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'seed %i: spans are ordered, disjoint, and rebuild the output',
    (seed) => {
      const next = rng(seed);
      for (let n = 0; n < 50; n++) {
        const text = randomText(next, 20 + Math.floor(next() * 200));
        const { text: out, redactions } = redact(text);
        let rebuilt = '';
        let last = 0;
        for (const r of redactions) {
          expect(r.start).toBeGreaterThanOrEqual(last);
          expect(r.end).toBeGreaterThan(r.start);
          expect(r.end).toBeLessThanOrEqual(text.length);
          rebuilt += text.slice(last, r.start) + r.placeholder;
          last = r.end;
        }
        expect(rebuilt + text.slice(last)).toBe(out);
      }
    },
  );
});

describe('triage and postprocess: total on generated input', () => {
  it.each([101, 202, 303])('seed %i: always a valid result', (seed) => {
    const next = rng(seed);
    for (let n = 0; n < 50; n++) {
      const text = randomText(next, 10 + Math.floor(next() * 300));
      const t = triage(text);
      expect(['emergency', 'urgent', 'none']).toContain(t.level);
      expect(t.level === 'emergency').toBe(t.categories.length > 0);
      const once = postprocess(text, { lang: 'zh', region: 'CN', triage: t }).text;
      expect(postprocess(once, { lang: 'zh', region: 'CN', triage: t }).text).toBe(once);
    }
  });
});
