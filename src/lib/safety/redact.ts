/**
 * PII redaction: every detector proposes candidate spans, the best set of non-overlapping spans is chosen,
 * and each is replaced with a placeholder the patient can read, in the language of the text.
 */
import placeholders from './rules/placeholders.json';
import { findMedicalRecords, findMessagingIds } from './detect/accounts.ts';
import { findAddresses, findNames } from './detect/context.ts';
import type { Candidate } from './detect/candidate.ts';
import { findNumbers } from './detect/numbers.ts';
import {
  findBirthDates,
  findCuedPhones,
  findDottedPhones,
  findEmails,
  findHkIds,
  findPassports,
  findPlates,
  findSsns,
  findTwIds,
} from './detect/patterns.ts';
import { detectLang, foldWidth } from './text.ts';
import type { Lang, PiiType, Redaction, RedactionResult } from './types.ts';

type PlaceholderRules = Record<PiiType | 'format', Record<Lang, string>>;
const rules: PlaceholderRules = placeholders;

/** Readable name of a kind of identifier ("手机号" / "phone"), for notes such as "removed: phone". */
export function placeholderLabel(type: PiiType, lang: Lang): string {
  return rules[type][lang];
}

/** The placeholder that replaces an identifier in the text: 〔手机号〕 / [phone]. */
export function placeholderFor(type: PiiType, lang: Lang): string {
  return rules.format[lang].replace('{label}', rules[type][lang]);
}

/**
 * Chooses non-overlapping candidates covering as many characters as possible (weighted interval scheduling).
 * So the longest valid identifier wins an overlap (an 18-digit ID over the phone number inside it), yet two
 * phone numbers side by side are not swallowed by one card-shaped window across them. Linear after sorting.
 */
export function chooseSpans(candidates: Candidate[]): Candidate[] {
  const n = candidates.length;
  if (n <= 1) return [...candidates];
  // Indices sorted by end, then start; plain typed arrays keep this fast for the 100,000-candidate worst case.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => candidates[a]!.end - candidates[b]!.end || candidates[a]!.start - candidates[b]!.start,
  );
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = candidates[order[i]!]!.end;
  // best[i]: best score using the first i candidates (in end order); prev[i]: how many end at or before the
  // start of candidate i-1, i.e. the compatible prefix when it is taken.
  const best = new Float64Array(n + 1);
  const take = new Uint8Array(n + 1);
  const prev = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    const c = candidates[order[i - 1]!]!;
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ends[mid - 1]! <= c.start) lo = mid;
      else hi = mid - 1;
    }
    prev[i] = lo;
    // Length dominates; priority (0-9) breaks ties between spans of equal length.
    const withIt = best[lo]! + (c.end - c.start) * 16 + c.priority;
    if (withIt > best[i - 1]!) {
      best[i] = withIt;
      take[i] = 1;
    } else {
      best[i] = best[i - 1]!;
    }
  }
  const chosen: Candidate[] = [];
  for (let i = n; i > 0;) {
    if (take[i]) {
      chosen.push(candidates[order[i - 1]!]!);
      i = prev[i]!;
    } else {
      i--;
    }
  }
  return chosen.reverse();
}

/** Every candidate identifier in the text, before overlaps are settled. */
export function findCandidates(text: string): Candidate[] {
  const folded = foldWidth(text);
  return [
    ...findNumbers(folded),
    ...findDottedPhones(folded),
    ...findCuedPhones(folded),
    ...findEmails(folded),
    ...findHkIds(folded),
    ...findTwIds(folded),
    ...findPassports(folded),
    ...findPlates(folded),
    ...findNames(folded),
    ...findAddresses(folded),
    ...findMessagingIds(folded),
    ...findMedicalRecords(folded),
    ...findSsns(folded),
    ...findBirthDates(folded),
  ];
}

/**
 * Replaces each identifier in `text` with a typed placeholder (〔手机号〕 in Chinese text, [phone] in English).
 * Returns the redacted text and, for each replacement, its type and offsets in the ORIGINAL text; the
 * original values are not kept. Never throws.
 */
export function redact(text: string, lang: Lang = detectLang(text)): RedactionResult {
  const spans = chooseSpans(findCandidates(text));
  const redactions: Redaction[] = [];
  let out = '';
  let last = 0;
  for (const s of spans) {
    const placeholder = placeholderFor(s.type, lang);
    redactions.push({ type: s.type, start: s.start, end: s.end, placeholder });
    out += text.slice(last, s.start) + placeholder;
    last = s.end;
  }
  return { text: out + text.slice(last), redactions };
}
