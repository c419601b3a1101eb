/**
 * Names and street addresses, found only where a phrase makes them clear ("我叫…", "my name is …", "住在…",
 * "…路12号", "221 Baker Street"). This is the stretch part of redaction: it catches the common ways a patient
 * introduces themselves, not every name or address in free text.
 */
import { isHan } from '../text.ts';
import type { Candidate } from './candidate.ts';

/**
 * Characters that end a Chinese name after "我叫": function words and words that usually follow a name.
 * It also keeps "我叫不醒他" (I cannot wake him) or "我叫了救护车" from being read as a name.
 */
const NAME_STOP = new Set(
  '不了他她它你我们的是在有今年岁男女住从来想最现也都就还又和跟给把被医救车人啊呢吧吗，'.split(''),
);

const ZH_NAME_CUES =
  /(?:我叫|我的名字是|我名字叫|我的名字叫|本人叫)\s{0,2}|(?:本人姓名|患者姓名|病人姓名|姓名|名字)\s{0,2}[:：]\s{0,2}/g;
const EN_NAME_CUES = /\b(?:my name is|my name's|i am called|i'm called|name:)\s{1,2}/gi;
const EN_NAME_WORD = /^[A-Z][a-zA-Z'-]{0,20}/;
const TITLE = /^(?:Dr|Mr|Mrs|Ms|Miss|Prof)\.?$/;

/** Up to three capitalised words from `start` ("John Smith", "Dr. Li Lei"); returns the end offset. */
function latinName(text: string, start: number): number {
  let end = start;
  for (let words = 0; words < 4; words++) {
    const word = EN_NAME_WORD.exec(text.slice(end, end + 22));
    if (!word) break;
    end += word[0].length;
    if (TITLE.test(word[0]) && text[end] === '.') end++;
    if (text[end] !== ' ' || !/[A-Z]/.test(text[end + 1] ?? '')) break;
    end++;
  }
  return end;
}

export function findNames(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let m = ZH_NAME_CUES.exec(text); m; m = ZH_NAME_CUES.exec(text)) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && end - start < 4 && isHan(text[end]) && !NAME_STOP.has(text[end]!)) end++;
    if (end === start) end = latinName(text, start);
    if (end - start >= 2) out.push({ type: 'name', start, end, priority: 2 });
  }
  for (let m = EN_NAME_CUES.exec(text); m; m = EN_NAME_CUES.exec(text)) {
    const start = m.index + m[0].length;
    const end = latinName(text, start);
    if (end > start) out.push({ type: 'name', start, end, priority: 2 });
  }
  return out;
}

/** Address pieces a street address in Chinese is made of. */
const ADDRESS_UNIT = /[省市区县镇乡村路街道巷弄号楼室栋幢單单元區縣鎮鄉號樓棟]/g;

/**
 * After "住在" a span is an address when it has a number and an address piece (幸福小区3栋), or two address
 * pieces (北京市朝阳区); "住在医院旁边的小区" has one piece and no number, so it is left alone.
 */
function looksLikeAddress(span: string): boolean {
  const units = new Set(span.match(ADDRESS_UNIT) ?? []);
  return units.size >= 2 || (units.size === 1 && /[\d一二三四五六七八九十]/.test(span));
}
const ADDRESS_END = /[，。,;；！!？?\n]/;
const ZH_ADDRESS_CUES = /(?:家住在|住在|家住|住址|地址|我家在|住於|住于)(?:是|為|为)?[:：]?\s{0,2}/g;
/** Street + number without a cue: 建国路88号, 中山北路3段12號, with an optional building and room. */
const ZH_STREET =
  /[\u4e00-\u9fff]{2,12}(?:路|街|大道|巷|弄)(?:[一二三四五六七八九十\d]{1,2}段)?\d{1,5}(?:号|號)(?:[\d一二三四五六七八九十]{1,4}(?:号楼|號樓|栋|棟|幢|单元|單元|楼|樓|室|-)){0,4}\d{0,5}(?:室)?/g;
/** An English street with its number, and the flat or unit before or after it ("Flat 4B, 22 Baker Street"). */
const EN_STREET =
  /(?:\b(?:Flat|Apt|Apartment|Unit|Suite|Room)\.?\s?[A-Za-z0-9-]{1,6},?\s)?\b\d{1,5}\s(?:[A-Z][a-z]{1,20}\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Terrace|Close)\b(?:,?\s(?:Flat|Apt|Apartment|Unit|Suite|Ste|Room|#)\.?\s?#?[A-Za-z0-9-]{1,6}\b)?/g;
/**
 * Words before an address that the street pattern swallows: cut them off, so the patient's own words stay
 * ("寄到〔地址〕", not "〔地址〕").
 */
const LEAD_IN = [
  '我住在',
  '住在',
  '家住',
  '我家在',
  '地址是',
  '地址',
  '住址',
  '位于',
  '位於',
  '我住',
  '住',
  '寄到',
  '送到',
  '寄给',
  '寄給',
  '送给',
  '送給',
  '寄往',
  '送往',
  '搬到',
  '搬去',
  '来到',
  '來到',
  '快递到',
  '快遞到',
  '去',
  '到',
  '在',
  '寄',
  '送',
];

export function findAddresses(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (let m = ZH_ADDRESS_CUES.exec(text); m; m = ZH_ADDRESS_CUES.exec(text)) {
    const start = m.index + m[0].length;
    let end = start;
    while (end < text.length && end - start < 40 && !ADDRESS_END.test(text[end]!)) end++;
    const span = text.slice(start, end);
    if (span.length >= 4 && looksLikeAddress(span)) out.push({ type: 'address', start, end, priority: 2 });
  }
  for (let m = ZH_STREET.exec(text); m; m = ZH_STREET.exec(text)) {
    let start = m.index;
    for (const lead of LEAD_IN) {
      const at = m[0].lastIndexOf(lead);
      if (at !== -1) start = Math.max(start, m.index + at + lead.length);
    }
    out.push({ type: 'address', start, end: m.index + m[0].length, priority: 3 });
  }
  for (let m = EN_STREET.exec(text); m; m = EN_STREET.exec(text)) {
    out.push({ type: 'address', start: m.index, end: m.index + m[0].length, priority: 3 });
  }
  return out;
}
