import { describe, expect, it } from 'vitest';
import { textLang } from '$lib/lang.ts';

describe('textLang: the one rule for the language a text is written in', () => {
  it.each([
    ['我头痛', 'zh'],
    ['布洛芬 ibuprofen 400mg 一天几次', 'zh'], // English drug names in a Chinese message
    ['頭痛怎麼辦', 'zh'], // Traditional characters
    ['my head hurts', 'en'],
    ['what does 痛 mean in this leaflet about ibuprofen', 'en'], // one Han character among many letters
    ['12345 !!!', 'en'], // nothing to go by: the fallback
  ] as const)('%s → %s', (text, lang) => {
    expect(textLang(text, 'en')).toBe(lang);
  });

  it('keeps the fallback when the text has no letters at all', () => {
    expect(textLang('120', 'zh')).toBe('zh');
  });
});
