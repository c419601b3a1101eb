import { describe, expect, it } from 'vitest';
import { defaultLang, htmlLang, messages } from '../../src/lib/i18n/index.ts';
import { parseScreen } from '../../src/lib/state/router.svelte.ts';

describe('defaultLang', () => {
  it.each([
    [['zh-CN', 'en'], 'zh'],
    [['zh-TW'], 'zh-Hant'],
    [['zh-HK', 'en'], 'zh-Hant'],
    [['zh-MO'], 'zh-Hant'],
    [['zh-Hant-HK'], 'zh-Hant'],
    [['zh-Hans-HK'], 'zh'],
    [['zh-SG'], 'zh'],
    [['en-US', 'zh-CN'], 'en'],
    [['en-GB'], 'en'],
    [['fr-FR', 'en-US'], 'en'],
    [['fr-FR'], 'zh'],
    [[], 'zh'],
  ] as const)('%j -> %s', (langs, expected) => {
    expect(defaultLang(langs)).toBe(expected);
  });

  it('maps to BCP 47 tags for <html lang>', () => {
    expect(htmlLang('zh')).toBe('zh-CN');
    expect(htmlLang('zh-Hant')).toBe('zh-Hant');
    expect(htmlLang('en')).toBe('en');
  });
});

describe('translations', () => {
  /** Every key path of a message tree, with the kind of value it holds. */
  function shape(node: unknown, prefix = ''): string[] {
    if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
      return Object.entries(node).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
    }
    return [`${prefix}:${Array.isArray(node) ? 'array' : typeof node}`];
  }

  it('English has exactly the keys of Chinese, with the same kinds of value', () => {
    expect(shape(messages.en).sort()).toEqual(shape(messages.zh).sort());
  });

  it('no message is left empty', () => {
    for (const lang of ['zh', 'en'] as const) {
      const empty = shape(messages[lang])
        .filter((k) => k.endsWith(':string'))
        .filter((k) => {
          const value = k
            .split(':')[0]!
            .split('.')
            .reduce<unknown>((n, part) => (n as Record<string, unknown>)[part], messages[lang]);
          return (value as string).trim() === '';
        });
      expect(empty, lang).toEqual([]);
    }
  });
});

describe('parseScreen', () => {
  it.each([
    ['', 'chat', null],
    ['#/history', 'history', null],
    ['#/chat/abc-123', 'chat', 'abc-123'],
    ['#/chat/a%2Fb', 'chat', 'a/b'],
    ['#/settings', 'settings', null],
    ['#/eval', 'eval', null],
    ['#/nowhere', 'chat', null],
    ['#history', 'history', null],
  ])('%s -> %s (%s)', (hash, screen, param) => {
    expect(parseScreen(hash)).toEqual({ screen, param });
  });
});
