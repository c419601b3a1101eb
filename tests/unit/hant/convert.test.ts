import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { toTraditional } from '$lib/hant/convert.ts';
import { chineseScript } from '$lib/hant/detect.ts';
import { guideLookupText } from '$lib/hant/index.ts';
import phrases from '$lib/hant/phrases.json';
import { hantCorpus, openccPhrases, phrasesIn } from '../../../scripts/lib/hant-corpus.ts';

import corrections from '$lib/hant/corrections.json';

/** Full OpenCC, then the app's corrections: what the app's own texts must come out as. */
const opencc = OpenCC.Converter({ from: 'cn', to: 'tw' });
const correct = OpenCC.CustomConverter(Object.entries(corrections.pairs));
const full = (text: string) => correct(opencc(text));
const corpus = hantCorpus();

describe('toTraditional', () => {
  it('keeps the phrases of every text the app shows (run `npm run hant:phrases` after changing wording)', async () => {
    expect(phrases).toEqual(phrasesIn(corpus, await openccPhrases()));
  });

  it('converts every text the app shows exactly as full OpenCC (and the corrections) does', () => {
    const differ = corpus.filter((text) => toTraditional(text) !== full(text));
    expect(differ.slice(0, 5)).toEqual([]);
    expect(corpus.length).toBeGreaterThan(1000);
  });

  it.each([
    ['发烧三天，头发掉得多', '發燒三天，頭髮掉得多'],
    ['后来又吐了', '後來又吐了'],
    ['请立即拨打急救电话', '請立即撥打急救電話'],
    ['以上内容仅供健康科普参考', '以上內容僅供健康科普參考'],
    ['先由内置健康指南回答', '先由內置健康指南回答'],
    ['在设置中更改', '在設定中更改'],
  ])('%s -> %s', (simplified, traditional) => expect(toTraditional(simplified)).toBe(traditional));

  it('leaves Traditional text, English and numbers as they are', () => {
    for (const text of ['我頭痛三天了，還發燒', 'Call 120 now', '38.5 °C'])
      expect(toTraditional(text)).toBe(text);
  });
});

describe('chineseScript', () => {
  it.each([
    ['我頭痛三天了，還發燒', 'hant'],
    ['我爸爸胸口痛，喘不過氣', 'hant'],
    ['我头痛三天了，还发烧', 'hans'],
    ['胃痛', null],
    ['my chest hurts', null],
    ['', null],
  ])('%j -> %s', (text, script) => expect(chineseScript(text)).toBe(script));
});

describe('guideLookupText', () => {
  it('a Traditional question finds the same guide entry as its Simplified original', async () => {
    const { KnowledgeIndex, loadBuiltinEntries } = await import('$lib/knowledge/index.ts');
    const { default: queries } = await import('$lib/knowledge/recall/queries.json');
    const index = KnowledgeIndex.fromEntries(await loadBuiltinEntries());
    const top = (q: string) => index.search(q, { lang: 'zh', limit: 1 })[0]?.id;
    const zh = queries.filter((q) => q.lang === 'zh');
    const same = zh.filter((q) => top(guideLookupText(full(q.q))) === top(q.q));
    expect(same.length / zh.length).toBeGreaterThanOrEqual(0.95);
    expect(zh.length).toBeGreaterThan(80);
  });

  it('leaves Simplified and English questions alone', () => {
    expect(guideLookupText('发烧怎么办')).toBe('发烧怎么办');
    expect(guideLookupText('fever in a baby')).toBe('fever in a baby');
    expect(guideLookupText('發燒怎麼辦')).toBe('发烧怎么办');
  });
});
