import { zh, type Messages } from './zh/index.ts';
import { en } from './en/index.ts';

import type { Lang } from '../lang.ts';
export type { Lang };
export type { Messages };

export const messages: Record<Lang, Messages> = { zh, en };

/** The language to start with when the patient has not chosen: Chinese for any zh-* browser, else English. */
export function defaultLang(navigatorLanguages: readonly string[]): Lang {
  for (const l of navigatorLanguages) {
    const tag = l.toLowerCase();
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** BCP 47 tag for the <html lang> attribute and Intl formatters. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}
