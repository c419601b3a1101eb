/**
 * Dose sentences for medicine entries, generated from the safety pipeline's dose table
 * (src/lib/safety/rules/medicines.json), the one source of truth for numbers. Knowledge entries never state a
 * dose themselves: they hold a placeholder such as {{dose:paracetamol}} that is filled in at load time, so the
 * knowledge base and the safety checks cannot disagree.
 */
import type { Lang } from './types.ts';

/** One row of the safety dose table, as far as the knowledge base reads it. */
export interface MedicineDose {
  id: string;
  names: Record<Lang, string[]>;
  maxDailyMg: number | null;
  maxSingleMg: number | null;
  minIntervalHours: number | null;
  source: string;
}

/** Matches {{dose:<medicine id>}} in an entry body. */
export const DOSE_PLACEHOLDER = /\{\{dose:([a-z0-9-]+)\}\}/g;

const positive = (n: number | null | undefined): n is number => typeof n === 'number' && n > 0;

/**
 * The adult dose limits of one medicine, in plain words, naming the table's source.
 * Returns '' when the table gives no usable number (then the entry says nothing about dose).
 */
export function doseSentence(med: MedicineDose, lang: Lang): string {
  const single = positive(med.maxSingleMg) ? med.maxSingleMg : null;
  const daily = positive(med.maxDailyMg) ? med.maxDailyMg : null;
  const gap = positive(med.minIntervalHours) && med.minIntervalHours < 24 ? med.minIntervalHours : null;
  if (single === null && daily === null) return '';
  if (lang === 'zh') {
    const parts: string[] = [];
    if (single !== null) parts.push(`每次不超过 ${single} 毫克`);
    if (gap !== null) parts.push(`两次之间至少间隔 ${gap} 小时`);
    if (daily !== null) parts.push(`24 小时内总量不超过 ${daily} 毫克`);
    return `成人用量上限：${parts.join('，')}（依据：${med.source}）。实际用量以药品说明书和医生、药师的建议为准。`;
  }
  const parts: string[] = [];
  if (single !== null) parts.push(`no more than ${single} mg at a time`);
  if (gap !== null) parts.push(`at least ${gap} hours between doses`);
  if (daily !== null) parts.push(`no more than ${daily} mg in 24 hours`);
  return `Adult upper limits: ${parts.join(', ')} (source: ${med.source}). Follow the leaflet and your doctor's or pharmacist's advice for your own dose.`;
}

/**
 * Replaces every {{dose:id}} in a body with the generated dose sentence for that medicine.
 * A placeholder naming a medicine the table lacks is removed (the entry then states no dose), and its id is
 * reported in `missing` so a test can flag it.
 */
export function renderDoses(
  body: string,
  lang: Lang,
  table: readonly MedicineDose[],
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = body
    .replace(DOSE_PLACEHOLDER, (_m, id: string) => {
      const med = table.find((m) => m.id === id);
      if (!med) {
        missing.push(id);
        return '';
      }
      return doseSentence(med, lang);
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
  // Chinese runs sentences together; the space written around a placeholder in the data must not show.
  return { text: lang === 'zh' ? text.replace(/([。！？；）])\s+(?=\S)/g, '$1') : text, missing };
}
