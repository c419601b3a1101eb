/**
 * Identifiers with letters in them: e-mail, Hong Kong and Taiwan IDs, passports, licence plates. Each regular
 * expression here matches a bounded length (`\s{0,3}`, never `\s*` next to another `\s*`) (no nested or unbounded quantifiers), so scanning is linear; e-mail,
 * whose parts are unbounded, is expanded by hand around each "@".
 */
import { hkIdValid, twIdValid } from '../checksums.ts';
import { isAsciiAlnum, isDigit } from '../text.ts';
import type { Candidate } from './candidate.ts';

/** True when the span is not glued to other letters or digits on either side. */
function standsAlone(text: string, start: number, end: number): boolean {
  return !isAsciiAlnum(text[start - 1]) && !isAsciiAlnum(text[end]);
}

const LOCAL_PART = /[A-Za-z0-9._%+-]/;
const DOMAIN_PART = /[A-Za-z0-9.-]/;

/** E-mail addresses: local part up to 64 characters, a dotted domain with a letter top-level domain. */
export function findEmails(text: string): Candidate[] {
  const out: Candidate[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_PART.test(text[start - 1]!)) start--;
    let end = at + 1;
    while (end < text.length && end - at < 255 && DOMAIN_PART.test(text[end]!)) end++;
    // A sentence may end right after the address: "write to a@b.com."
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const domain = text.slice(at + 1, end);
    if (start < at && /\.[A-Za-z]{2,}$/.test(domain) && !domain.startsWith('.')) {
      out.push({ type: 'email', start, end, priority: 5 });
    }
    at = text.indexOf('@', at + 1);
  }
  return out;
}

/** Runs a global regular expression and keeps the matches that stand alone and pass `valid`. */
function scan(
  text: string,
  re: RegExp,
  type: Candidate['type'],
  priority: number,
  valid: (m: RegExpExecArray) => boolean = () => true,
): Candidate[] {
  const out: Candidate[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (standsAlone(text, start, end) && valid(m)) out.push({ type, start, end, priority });
  }
  return out;
}

/** Hong Kong ID: A123456(7), AB987654(3), with or without the brackets around the check digit. */
export function findHkIds(text: string): Candidate[] {
  return scan(text, /([A-Z]{1,2})(\d{6})(?:\(([0-9A])\)|([0-9A]))/g, 'hkId', 8, (m) =>
    hkIdValid(m[1]!, m[2]!, (m[3] ?? m[4])!),
  );
}

/** Taiwan national ID: A123456789 (letter, 1 or 2 for sex, or 8/9 for residents, then eight digits). */
export function findTwIds(text: string): Candidate[] {
  return scan(text, /[A-Z][1289]\d{8}/g, 'twId', 8, (m) => twIdValid(m[0]));
}

/**
 * Passports: the mainland formats (E12345678, EA1234567, G12345678) on their own, and any 6-9 character
 * passport-like token right after the word passport / 护照 / 護照.
 */
export function findPassports(text: string): Candidate[] {
  const out = scan(text, /[EG]\d{8}|E[A-HJ-NP-Z]\d{7}|[PSD]E\d{7}/g, 'passport', 6);
  const keyword =
    /(?:passport|护照|護照)(?:\s{0,3}(?:no\.?|number|#|号码|號碼|号|號|是|為|为))?\s{0,3}[:：]?\s{0,3}([A-Za-z0-9]{6,9})/gi;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const token = m[1]!;
    const end = m.index + m[0].length;
    const start = end - token.length;
    if (/\d{5}/.test(token) && !isAsciiAlnum(text[end]))
      out.push({ type: 'passport', start, end, priority: 6 });
  }
  return out;
}

/**
 * Numbers written with dots: North American 415.555.2671 (area and exchange codes start 2-9) and mainland
 * mobiles 138.1234.5678.
 */
export function findDottedPhones(text: string): Candidate[] {
  const alone = (m: RegExpExecArray) =>
    text[m.index - 1] !== '.' &&
    !isDigit(text[m.index - 1]) &&
    text[m.index + m[0].length] !== '.' &&
    !isDigit(text[m.index + m[0].length]);
  return [
    ...scan(text, /[2-9]\d{2}\.[2-9]\d{2}\.\d{4}/g, 'intlPhone', 3, alone),
    ...scan(text, /1[3-9]\d\.\d{4}\.\d{4}/g, 'mobile', 6, alone),
  ];
}

/** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
function ssnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/**
 * US Social Security numbers: 123-45-6789 (or with spaces) on their shape, and nine digits in a row only after
 * "SSN" / "social security number". A failed issuing rule (000-, 666-, 9xx-) is left alone.
 */
export function findSsns(text: string): Candidate[] {
  const out: Candidate[] = [];
  const shaped = /(\d{3})([- ])(\d{2})\2(\d{4})/g;
  for (let m = shaped.exec(text); m; m = shaped.exec(text)) {
    const end = m.index + m[0].length;
    const attached = /[\d-]/.test(text[m.index - 1] ?? '') || /[\d-]/.test(text[end] ?? '');
    if (!attached && ssnValid(m[1]!, m[3]!, m[4]!))
      out.push({ type: 'ssn', start: m.index, end, priority: 7 });
  }
  const cued =
    /(?:ssn|social security(?:\s(?:number|no\.?|#))?)\s{0,2}(?:is|#|:)?\s{0,2}(\d{3})[- ]?(\d{2})[- ]?(\d{4})(?!\d)/gi;
  for (let m = cued.exec(text); m; m = cued.exec(text)) {
    if (/[A-Za-z]/.test(text[m.index - 1] ?? '') || !ssnValid(m[1]!, m[2]!, m[3]!)) continue;
    out.push({ type: 'ssn', start: m.index + m[0].search(/\d/), end: m.index + m[0].length, priority: 8 });
  }
  return out;
}

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec';
const DATE = [
  '\\d{4}\\s?[-/.年]\\s?\\d{1,2}\\s?[-/.月]\\s?\\d{1,2}\\s?[日号號]?',
  '\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}',
  `(?:${MONTHS})[a-z]{0,6}\\.?\\s\\d{1,2}(?:st|nd|rd|th)?,?\\s\\d{4}`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s(?:${MONTHS})[a-z]{0,6}\\.?,?\\s\\d{4}`,
].join('|');
const DOB = new RegExp(
  `(?:d\\.?o\\.?b\\.?|date of birth|born on|birth date|birthdate|出生日期|出生年月日|出生年月|出生于|出生於|生日)\\s{0,2}(?:is|was|是|为|為)?\\s{0,2}[:：]?\\s{0,2}(${DATE})`,
  'gi',
);

/** A date of birth right after its cue (DOB, date of birth, 出生日期, 生日): a date alone is not personal. */
export function findBirthDates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let m = DOB.exec(text); m; m = DOB.exec(text)) {
    if (/[A-Za-z]/.test(text[m.index - 1] ?? '')) continue;
    const end = m.index + m[0].length;
    out.push({ type: 'birthDate', start: end - m[1]!.length, end, priority: 8 });
  }
  return out;
}

/**
 * Local numbers without an area or country code (Hong Kong 9123 4567, a mainland 6512 3456), taken only right
 * after a word that says a phone number follows: on their own, 7 or 8 digits could be anything.
 */
export function findCuedPhones(text: string): Candidate[] {
  const cue =
    /(?:电话|電話|手机|手機|座机|座機|联系方式|聯絡|联系|whatsapp|phone|tel|call me(?: at| on)?|mobile)(?:号码|號碼|号|號|是|為|为|no\.?|number|is)?\s{0,2}[:：]?\s{0,2}(\d{4}[ -]?\d{4}|\d{3}[ -]?\d{4})(?!\d)/gi;
  const out: Candidate[] = [];
  for (let m = cue.exec(text); m; m = cue.exec(text)) {
    const number = m[1]!;
    const end = m.index + m[0].length;
    // The label follows the patient's own word: 手机 / mobile -> phone number, anything else -> telephone.
    const type = /手机|手機|mobile|whatsapp/i.test(m[0]) ? 'mobile' : 'landline';
    out.push({ type, start: end - number.length, end, priority: 2 });
  }
  return out;
}

/** First character of a mainland plate: the province (both scripts), or 使/领 for diplomatic cars. */
const PROVINCES =
  '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领滬遼魯蘇贛貴閩陝寧瓊雲晉';

/**
 * Licence plates: mainland 粤B·12345 / 京A12345 / new-energy 粤BD12345, and after the words 车牌 / plate,
 * Taiwan-style ABC-1234 or any short letter-and-digit token.
 */
export function findPlates(text: string): Candidate[] {
  const mainland = new RegExp(`[${PROVINCES}][A-HJ-NP-Z][·•・ -]?[A-HJ-NP-Z0-9]{5,6}`, 'g');
  const out = scan(text, mainland, 'licensePlate', 6, (m) => /\d{3}/.test(m[0]));
  const keyword =
    /(?:车牌|車牌|licen[cs]e plate|plate number|plate|reg(?:istration)?\.?)(?:号码|號碼|号|號)?\s{0,3}(?:是|為|为|is)?\s{0,3}[:：]?\s{0,3}([A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})/gi;
  for (let m = keyword.exec(text); m; m = keyword.exec(text)) {
    const token = m[1]!;
    const end = m.index + m[0].length;
    if (/\d/.test(token) && /[A-Za-z]/.test(token) && !isAsciiAlnum(text[end])) {
      out.push({ type: 'licensePlate', start: end - token.length, end, priority: 5 });
    }
  }
  return out;
}
