/** Number, time and label formatting for the evaluation page, in the reader's language. */
import type { Messages } from '$lib/i18n/index.ts';
import type { RowProblem } from '$lib/eval/types.ts';
import type { EngineKind } from '$lib/engine/registry.ts';

/** The engine that ran a model, in plain words. */
export function engineName(kind: EngineKind, t: Messages['eval']['model']): string {
  return kind === 'llama.cpp' ? t.engineCpu : t.engineGpu;
}

export function percent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** A figure with at most one decimal, or the "not reported" words for null. */
export function figure(value: number | null | undefined, locale: string, missing: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** "1:05" or "1:02:05" from milliseconds. */
export function duration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function dateTime(at: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function bytes(value: number, locale: string): string {
  const gib = value / 1024 ** 3;
  return gib >= 1
    ? `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(gib)} GiB`
    : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value / 1024 ** 2)} MiB`;
}

/** The built-in categories have names in both languages; any other category is shown as written. */
export function categoryName(category: string, t: Messages['eval']): string {
  return t.categories[category] ?? category;
}

/** A row problem from an import, in the reader's language. */
export function problemText(p: RowProblem, t: Messages['eval']['rowProblem']): string {
  switch (p.code) {
    case 'invalidJson':
    case 'notAnObject':
    case 'optionsNotAnObject':
    case 'tooFewOptions':
      return t[p.code];
    case 'missingField':
      return t.missingField(p.field);
    case 'badLang':
      return t.badLang(p.value);
    case 'badOptionKey':
      return t.badOptionKey(p.key);
    case 'emptyOption':
      return t.emptyOption(p.letter);
    case 'badOptionLine':
      return t.badOptionLine(p.line);
    case 'multipleAnswers':
      return t.multipleAnswers(p.answer);
    case 'answerNotALetter':
      return t.answerNotALetter(p.answer);
    case 'answerNotAnOption':
      return t.answerNotAnOption(p.answer);
    case 'answerTextMismatch':
      return t.answerTextMismatch(p.answer, p.letter);
    case 'duplicateId':
      return t.duplicateId(p.id);
    case 'missingColumns':
      return t.missingColumns(p.columns.join(', '));
    case 'csvStructure':
      return t.csvStructure(p.detail);
    default: {
      const never: never = p;
      return String(never);
    }
  }
}
