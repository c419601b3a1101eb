/**
 * Emergency numbers and first steps, from rules/crisis-lines.json and rules/<lang>/guidance.json, for the
 * emergency card the chat screen shows before any model output.
 */
import crisisData from './rules/crisis-lines.json';
import zhGuidance from './rules/zh/guidance.json';
import enGuidance from './rules/en/guidance.json';
import relevance from './rules/line-relevance.json';
import type { CrisisLine, EmergencyCategory, EmergencyGuidance, Lang, Region } from './types.ts';

interface CrisisLineRule {
  number: string;
  kind: CrisisLine['kind'];
  label: Record<Lang, string>;
}

interface GuidanceRules {
  title: string;
  titleSuicide: string;
  general: string[];
  steps: Partial<Record<EmergencyCategory, string[]>>;
  /** The same for someone typing on behalf of the patient; a category not listed uses `steps`. */
  generalOther?: string[];
  stepsOther?: Partial<Record<EmergencyCategory, string[]>>;
}

const lines = crisisData as Record<Region, CrisisLineRule[]>;
const guidance: Record<Lang, GuidanceRules> = { zh: zhGuidance, en: enGuidance };

/**
 * The emergency and crisis numbers for `region`, labelled in `lang`, in the order of the rule file
 * (ambulance first). Returns an empty list only if the rule file has no entry for the region.
 */
export function crisisLines(region: Region, lang: Lang): CrisisLine[] {
  return (lines[region] ?? []).map((l) => ({ number: l.number, kind: l.kind, label: l.label[lang] }));
}

/** The number to call for an ambulance in `region` (falls back to the first line listed). */
export function ambulanceNumber(region: Region): string {
  const all = lines[region] ?? [];
  return (all.find((l) => l.kind === 'ambulance') ?? all[0])?.number ?? '112';
}

/**
 * What the emergency card says: a title, plain first steps for each category (in the order given, without
 * repeats) and the numbers to call. When `suicide` is among the categories, the mental-health line comes
 * first and the title speaks to the person; for suicide alone the generic "call an ambulance" steps are left
 * out, as its own steps already say when to call. Numbers are those relevant to the categories (the
 * ambulance always; the crisis line for self-harm, the poison line for poisoning...), all of them if the
 * region lists none of those kinds.
 */
export function emergencyGuidance(
  categories: EmergencyCategory[],
  region: Region,
  lang: Lang,
  forSomeoneElse = false,
): EmergencyGuidance {
  const g = guidance[lang];
  // A relative typing for the patient gets steps about "them" where the wording differs (rules/<lang>/guidance.json).
  const general = forSomeoneElse ? (g.generalOther ?? g.general) : g.general;
  const stepsOf = (c: EmergencyCategory): string[] =>
    (forSomeoneElse ? g.stepsOther?.[c] : undefined) ?? g.steps[c] ?? [];
  const suicide = categories.includes('suicide');
  const onlySuicide = suicide && categories.every((c) => c === 'suicide');
  const steps: string[] = [];
  for (const step of [...(onlySuicide ? [] : general), ...categories.flatMap(stepsOf)]) {
    if (!steps.includes(step)) steps.push(step);
  }
  // Only the numbers that help with this emergency: a frightened caller should not have to choose between
  // the fire brigade and a crisis line to report a heart attack (rules/line-relevance.json).
  const byCategory = relevance.byCategory as Partial<Record<EmergencyCategory, string[]>>;
  const kinds = new Set([...relevance.always, ...categories.flatMap((c) => byCategory[c] ?? [])]);
  const all = crisisLines(region, lang);
  let ordered = all.filter((l) => kinds.has(l.kind));
  if (ordered.length === 0) ordered = all;
  if (suicide) {
    ordered = [
      ...ordered.filter((l) => l.kind === 'mentalHealth'),
      ...ordered.filter((l) => l.kind !== 'mentalHealth'),
    ];
  }
  return { title: suicide ? g.titleSuicide : g.title, region, steps, lines: ordered };
}
