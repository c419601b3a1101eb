import { describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n/index.ts';
import * as kit from '$lib/i18n/zh-Hant.ts';
import { chineseScript } from '$lib/hant/detect.ts';
import { Locale } from '$lib/state/locale.svelte.ts';
import type { SettingStore } from '$lib/state/setting.ts';
import { wordingLeaves } from '../../../scripts/lib/wording.ts';

function memory(value: string | null = null): SettingStore & { value: string | null } {
  const store = { value, get: () => store.value, set: (v: string) => void (store.value = v) };
  return store;
}

describe('Traditional Chinese wording', () => {
  it('has every key of the Simplified source', () => {
    expect(wordingLeaves(kit.zhHant).map(([k]) => k)).toEqual(wordingLeaves(messages.zh).map(([k]) => k));
  });

  it('leaves no text in Simplified characters', () => {
    const simplified = wordingLeaves(kit.zhHant).filter(([, text]) => chineseScript(text) === 'hans');
    expect(simplified).toEqual([]);
  });

  it('converts what a template writes around its values', () => {
    expect(kit.zhHant.chat.emergency.call('急救', '999')).toBe('撥打 999（急救）');
    expect(kit.zhHant.chat.composer.count(5, 2000)).toBe('5 / 2000 字');
  });
});

describe('Locale', () => {
  const load = async () => kit;

  it('starts in Traditional for a Hong Kong or Taiwan browser and shows it once loaded', async () => {
    const locale = new Locale(memory(), ['zh-HK'], load);
    expect(locale.choice).toBe('zh-Hant');
    expect(locale.lang).toBe('zh');
    expect(locale.htmlLang).toBe('zh-Hant');
    await Promise.resolve();
    await Promise.resolve();
    expect(locale.t.chat.title).toBe('健康諮詢');
    expect(locale.show('急救电话')).toBe('急救電話');
  });

  it('is chosen by hand, remembered, and converts data text only in Traditional', async () => {
    const store = memory('zh');
    const locale = new Locale(store, ['zh-CN'], load);
    expect(locale.show('急救电话')).toBe('急救电话');
    await locale.set('zh-Hant');
    expect(store.value).toBe('zh-Hant');
    expect(chineseScript(locale.t.chat.intro)).toBe('hant');
    await locale.set('en');
    expect(locale.t.chat.title).toBe(messages.en.chat.title);
    expect(locale.show('急救电话')).toBe('急救电话');
  });

  it('keeps Simplified wording when the converter cannot load, and loses nothing', async () => {
    const locale = new Locale(memory('zh-Hant'), [], () => Promise.reject(new Error('offline')));
    await locale.set('zh-Hant');
    expect(locale.choice).toBe('zh-Hant');
    expect(locale.t).toBe(messages.zh);
  });
});
