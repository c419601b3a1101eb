/**
 * Identifiers that only mean something after the word that names them: messaging accounts (QQ, WeChat, LINE,
 * WhatsApp) and hospital record numbers (病历号, MRN, NHS number). Without the cue, "123456789" or "abc_12345"
 * could be anything, so a bare word is never taken. Every regular expression here is bounded (`\s{0,2}`,
 * `{5,19}`, a fixed list of cue words), so each start position costs a constant and scanning is linear.
 */
import { nhsNumberValid } from '../checksums.ts';
import { isAsciiAlnum } from '../text.ts';
import type { Candidate } from './candidate.ts';

/**
 * Cue and identifier share one priority, above a plain phone (6) and card (7): a number the patient labels
 * "微信" is the account, so a phone number after a WeChat cue comes out as one messagingId redaction. A valid
 * resident ID (9) still wins, so a 社保卡号 that is the ID number is labelled as one.
 */
const CUED_PRIORITY = 8;

/** What may come between a cue and the value: 号 / ID / account, then 是 / is / a colon. */
const LINK =
  '(?:\\s{0,2}(?:号码|號碼|账号|帳號|号|號|id|account|no\\.?|number|#))?(?:\\s{0,2}(?:是|為|为|is|[:：=])){0,2}\\s{0,2}';
/** A phone-like number: optional +, a first group of 1-4 digits, then up to four groups of 3-4. */
const PHONE = '\\+?\\d{1,4}(?:[ -]?\\d{3,4}){1,4}(?!\\d)';
/** Latin cue words must not sit inside a longer word ("twx", "wxyz"). */
const LATIN_START = '(?<![A-Za-z])';

const QQ = new RegExp(`${LATIN_START}(?:qq(?![A-Za-z])|扣扣)${LINK}([1-9]\\d{4,10})(?!\\d)`, 'gi');
const WECHAT = new RegExp(
  `${LATIN_START}(?:(?:wechat|weixin|vx|wx)(?![A-Za-z])|微信|加我)${LINK}(${PHONE}|[A-Za-z][A-Za-z0-9_-]{5,19})`,
  'gi',
);
const LINE_ID = new RegExp(`${LATIN_START}line\\s?id${LINK}([A-Za-z0-9][A-Za-z0-9._-]{3,19})`, 'gi');
const WHATSAPP = new RegExp(`${LATIN_START}whatsapp${LINK}(${PHONE})`, 'gi');

/** A link word that says an account name follows, so an all-letter value ("zhangsan") may be taken. */
const NAMING_LINK = /号|號|id|account|[:：=]/i;

/** Runs `re` and yields [start, end, value, whole match] for each value not glued to more letters or digits. */
function* cued(text: string, re: RegExp): Generator<[number, number, string, string]> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const value = m[1]!;
    const end = m.index + m[0].length;
    // Greedy and bounded: a value that carries on past the bound is something longer, not an account.
    const next = text[end];
    if (isAsciiAlnum(next) || next === '_' || (next === '.' && /\d/.test(text[end + 1] ?? ''))) continue;
    yield [end - value.length, end, value, m[0]];
  }
}

function digitCount(s: string): number {
  let n = 0;
  for (const ch of s) if (ch >= '0' && ch <= '9') n++;
  return n;
}

/**
 * Messaging accounts after their cue: QQ numbers (5-11 digits, no leading 0) after QQ / qq号 / 扣扣; WeChat IDs
 * (a letter, then 5-19 letters, digits, _ or -) or a phone number after 微信 / 微信号 / vx / wx / WeChat / 加我;
 * LINE IDs after "LINE ID"; numbers after WhatsApp. An all-letter WeChat ID needs a naming word (微信号, ID, a
 * colon), so "WeChat tomorrow" keeps its "tomorrow".
 */
export function findMessagingIds(text: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (start: number, end: number) =>
    out.push({ type: 'messagingId', start, end, priority: CUED_PRIORITY });
  for (const [start, end] of cued(text, QQ)) push(start, end);
  for (const [start, end, value, whole] of cued(text, WECHAT)) {
    const digits = digitCount(value);
    if (/^\+?\d/.test(value)) {
      if (digits < 7 || digits > 15) continue;
    } else if (/^[A-Za-z]+$/.test(value) && !NAMING_LINK.test(whole.slice(0, whole.length - value.length))) {
      continue;
    }
    push(start, end);
  }
  for (const [start, end, value] of cued(text, LINE_ID)) if (/[A-Za-z0-9]$/.test(value)) push(start, end);
  for (const [start, end, value] of cued(text, WHATSAPP)) {
    const digits = digitCount(value);
    if (digits >= 7 && digits <= 15) push(start, end);
  }
  return out;
}

const RECORD_CUES = [
  '病历号码|病歷號碼|病历号|病歷號|病案号|病案號|住院号|住院號|门诊号|門診號',
  '就诊卡号|就診卡號|医保卡号|醫保卡號|医保号|醫保號|社保卡号|社保卡號|健保卡号|健保卡號',
  'mrn(?![A-Za-z])|medical record\\s?(?:number|no\\.?|#)|hospital\\s(?:number|no\\.?)',
].join('|');
const RECORD = new RegExp(`${LATIN_START}(?:${RECORD_CUES})${LINK}([A-Za-z0-9][A-Za-z0-9-]{3,19})`, 'gi');
const INSURANCE_CUES = [
  '保险单号|保險單號|保单号|保單號|保险号|保險號|保险卡号|保險卡號|商保卡号',
  'member\\s?(?:id|number|no\\.?|#)|insurance\\s(?:id|number|no\\.?|#|card number)|policy\\s(?:number|no\\.?|#)',
  'medicare\\s?(?:number|no\\.?|id|#|card number)?|medicaid\\s?(?:number|no\\.?|id|#)?',
].join('|');
const INSURANCE = new RegExp(
  `${LATIN_START}(?:${INSURANCE_CUES})${LINK}([A-Za-z0-9][A-Za-z0-9-]{3,19})`,
  'gi',
);
const NHS = new RegExp(`${LATIN_START}nhs\\s?(?:number|no\\.?|#)${LINK}(\\d{3}[ -]?\\d{3}[ -]?\\d{4})`, 'gi');

/**
 * Medical record and hospital numbers after their cue (病历号, 住院号, 门诊号, 就诊卡号, 医保卡号, 社保卡号, MRN,
 * medical record number): a letter-and-digit id of 4-20 characters with at least 3 digits. NHS numbers (10
 * digits, spaced 3-3-4 or not) count only when their mod-11 check digit is right: a number that fails it was
 * never issued, and like the other check-digit identifiers here it is left to the shape detectors.
 */
export function findMedicalRecords(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const [start, end, value] of cued(text, RECORD)) {
    if (digitCount(value) >= 3 && !value.endsWith('-')) {
      out.push({ type: 'medicalRecord', start, end, priority: CUED_PRIORITY });
    }
  }
  for (const [start, end, value] of cued(text, INSURANCE)) {
    if (digitCount(value) >= 3 && !value.endsWith('-')) {
      // The patient named it: over a shape detector reading the same characters (a Taiwan ID shape).
      out.push({ type: 'insuranceNumber', start, end, priority: CUED_PRIORITY + 2 });
    }
  }
  for (const [start, end, value] of cued(text, NHS)) {
    if (nhsNumberValid(value.replace(/[ -]/g, ''))) {
      out.push({ type: 'medicalRecord', start, end, priority: CUED_PRIORITY + 1 });
    }
  }
  return out;
}
