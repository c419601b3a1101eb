/**
 * The language to answer in: the one the patient wrote in, so a Chinese question asked with the English
 * interface still gets a Chinese answer, disclaimer and notes.
 */
import type { Lang } from '../lang.ts';
export type { Lang };

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const LATIN = /[A-Za-z]/;

/**
 * @returns 'zh' when the text holds any Han character, 'en' when it holds Latin letters and no Han, else
 * `fallback` (numbers or symbols only).
 */
export function questionLang(text: string, fallback: Lang): Lang {
  if (HAN.test(text)) return 'zh';
  if (LATIN.test(text)) return 'en';
  return fallback;
}
