/**
 * Character-level helpers shared by redaction, triage and post-processing.
 * Redaction needs offsets into the ORIGINAL text, so it only uses the length-preserving fold below; triage
 * works on a fully normalized copy because it reports phrases, not offsets.
 */
import { textLang } from '../lang.ts';

/** True for CJK ideographs (the basic block and extension A), the characters Chinese text is made of. */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));
}

export function isAsciiAlnum(ch: string | undefined): boolean {
  return isDigit(ch) || isAsciiLetter(ch);
}

/**
 * Folds full-width ASCII (Ａ１＠) and the ideographic space to their ASCII forms, one UTF-16 unit for one, so
 * every offset in the result is an offset in the input. NFKC would do more but can change the length.
 */
export function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e\u3000\u00a0]/g, (ch) => {
    const c = ch.charCodeAt(0);
    return c >= 0xff01 ? String.fromCharCode(c - 0xfee0) : ' ';
  });
}

/** The language of a text for placeholders and notes: the app's one rule (lib/lang.ts). */
export function detectLang(text: string, fallback: 'zh' | 'en' = 'en'): 'zh' | 'en' {
  return textLang(text, fallback);
}
