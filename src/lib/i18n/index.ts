import { zh, type Messages } from './zh/index.ts';
import { en } from './en/index.ts';

import type { Lang } from '../lang.ts';
export type { Lang };
export type { Messages };

/** Simplified and English wording; Traditional is converted from Simplified on demand (./zh-Hant.ts). */
export const messages: Record<Lang, Messages> = { zh, en };

/**
 * The interface language: a content language (`Lang`: what knowledge, triage and the model work in) plus,
 * for Chinese, the script it is shown in.
 */
export type UiLang = 'zh' | 'zh-Hant' | 'en';

/** The choices offered, each named in its own language and script. */
export const UI_LANGS: readonly { lang: UiLang; label: string }[] = [
  { lang: 'zh', label: '简体中文' },
  { lang: 'zh-Hant', label: '繁體中文' },
  { lang: 'en', label: 'English' },
];

export function isUiLang(value: unknown): value is UiLang {
  return value === 'zh' || value === 'zh-Hant' || value === 'en';
}

/** The content language of an interface language. */
export function contentLang(ui: UiLang): Lang {
  return ui === 'en' ? 'en' : 'zh';
}

/**
 * The language to start with when the patient has not chosen: Traditional Chinese for a Hong Kong, Taiwan
 * or Macau browser (or one that asks for Hant), Simplified for any other zh-*, else English.
 */
export function defaultLang(navigatorLanguages: readonly string[]): UiLang {
  for (const l of navigatorLanguages) {
    const tag = l.toLowerCase();
    if (tag.startsWith('zh')) return /^zh-(hant|tw|hk|mo)\b/.test(tag) ? 'zh-Hant' : 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** BCP 47 tag for the <html lang> attribute and Intl formatters. */
export function htmlLang(lang: UiLang): string {
  return lang === 'zh' ? 'zh-CN' : lang === 'zh-Hant' ? 'zh-Hant' : 'en';
}
