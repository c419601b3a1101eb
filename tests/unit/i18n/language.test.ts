/**
 * One language at a time: every string the patient can see is checked for the other language leaking in.
 * Chinese text uses full-width punctuation (，：；？！（）“”) and English text carries no Chinese. The UI
 * wording is walked leaf by leaf (templates are called with sample values); the data files a clinic edits
 * (crisis lines, model and source names, disclaimers, medicine notes, emergency steps) are checked too.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '$lib/i18n/index.ts';
import { zhHant } from '$lib/i18n/zh-Hant.ts';
import crisisLines from '$lib/safety/rules/crisis-lines.json';
import disclaimers from '$lib/safety/rules/disclaimers.json';
import medicines from '$lib/safety/rules/medicines.json';
import zhGuidance from '$lib/safety/rules/zh/guidance.json';
import enGuidance from '$lib/safety/rules/en/guidance.json';
import models from '../../../model-config/models.json';
import { wordingLeaves } from '../../../scripts/lib/wording.ts';

/** Wording that quotes syntax on purpose: the JSON shape a clinic's question file must have. */
const QUOTES_SYNTAX = new Set(['eval.rowProblem.optionsNotAnObject']);

const leaves = wordingLeaves;

const HAN = /[\u3400-\u9fff]/;
/** Chinese punctuation; curly quotes are English typography too. */
const FULL_WIDTH = /[，：；？！（）、。]/;

/** Half-width punctuation in Chinese text, with the character around it; digits (1,000 and 12:30) and URLs pass. */
function halfWidthIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/[,:;?!()"]/g)) {
    const i = m.index;
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (/[,:]/.test(m[0]) && /\d/.test(before) && /\d/.test(after)) continue;
    if (m[0] === ':' && after === '/') continue;
    found.push(text.slice(Math.max(0, i - 4), i + 5));
  }
  return found;
}

function checkChinese(entries: [string, string][]) {
  const bad = entries
    .filter(([key]) => !QUOTES_SYNTAX.has(key))
    .flatMap(([key, text]) => halfWidthIn(text).map((at) => `${key}: …${at}…`));
  expect(bad, 'Chinese text with half-width punctuation').toEqual([]);
}

function checkEnglish(entries: [string, string][]) {
  const bad = entries
    .filter(([, text]) => HAN.test(text) || FULL_WIDTH.test(text))
    .map(([k, t]) => `${k}: ${t}`);
  expect(bad, 'English text with Chinese in it').toEqual([]);
}

const byLang = (lang: 'zh' | 'en', node: unknown, path = ''): [string, string][] =>
  leaves(node, path).filter(([key]) => key.split('.').includes(lang) || path === lang);

describe('one language at a time', () => {
  it('Chinese UI wording uses full-width punctuation', () => checkChinese(leaves(messages.zh)));

  it('Traditional UI wording, converted from it, keeps the full-width punctuation', () =>
    checkChinese(leaves(zhHant)));

  it('English UI wording has no Chinese in it', () => checkEnglish(leaves(messages.en)));

  it('the data files a clinic edits keep each language to itself', () => {
    const data = { crisisLines, disclaimers, medicines, models };
    checkChinese([...byLang('zh', data), ...leaves(zhGuidance, 'zh')]);
    checkEnglish([...byLang('en', data), ...leaves(enGuidance, 'en')]);
  });

  it('a crisis line label reads inside "Call N (label)" without brackets of its own', () => {
    const labels = Object.values(crisisLines).flatMap((lines) =>
      lines.flatMap((l) => Object.values(l.label)),
    );
    expect(labels.filter((l) => /[()（）]/.test(l))).toEqual([]);
  });

  it('the checks catch what they are for', () => {
    expect(halfWidthIn('拨打 120(Ambulance)')).not.toEqual([]);
    expect(halfWidthIn('已移除:电话')).not.toEqual([]);
    expect(halfWidthIn('约 1,000 毫升，12:30 前')).toEqual([]);
    expect(() => checkEnglish([['call', 'Call 911 (急救、报警、火警)']])).toThrow();
  });
});
