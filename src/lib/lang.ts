/**
 * The languages the app reads and writes: of the interface, a question, an answer, a knowledge entry, a
 * stored conversation. Defined once; the modules that speak of a language re-export it.
 */
export type Lang = 'zh' | 'en';

const isHanUnit = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
const isAsciiLetterUnit = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/**
 * The language a text is written in, by one rule for every caller (the answer's language, the redaction
 * placeholders, the post-processing notes, imported evaluation sets): Chinese as soon as two Han characters
 * appear, or when Han characters are at least a quarter as many as Latin letters (a Chinese message often
 * carries English drug names; the reverse is rare); English when there are letters and no such Han; else
 * `fallback` (numbers or symbols only).
 */
export function textLang(text: string, fallback: Lang): Lang {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHanUnit(c)) han++;
    else if (isAsciiLetterUnit(c)) latin++;
  }
  if (han === 0 && latin === 0) return fallback;
  return han >= 2 || han * 4 >= latin ? 'zh' : 'en';
}
