/**
 * Character-level helpers shared by redaction, triage and post-processing.
 * Redaction needs offsets into the ORIGINAL text, so it only uses the length-preserving fold below; triage
 * works on a fully normalized copy because it reports phrases, not offsets.
 */

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

/**
 * Decides the language of a text for placeholders and notes: Chinese as soon as a few Han characters appear
 * (a Chinese message often carries English drug names, the reverse is rare), otherwise `fallback`.
 */
export function detectLang(text: string, fallback: 'zh' | 'en' = 'en'): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (isHan(ch)) han++;
    else if (isAsciiLetter(ch)) latin++;
  }
  if (han === 0 && latin === 0) return fallback;
  return han >= 2 || han * 4 >= latin ? 'zh' : 'en';
}
