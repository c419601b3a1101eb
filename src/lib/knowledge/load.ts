/**
 * The built-in knowledge base: entries written for this project, stored as JSON by topic under data/, with
 * medicine doses filled in from the safety dose table at load time (see doses.ts).
 */
import { DOSE_PLACEHOLDER, renderDoses, type MedicineDose } from './doses.ts';
import type { KnowledgeEntry } from './types.ts';

/** An entry as stored in data/*.json: everything but `origin`, which is always 'builtin' here. */
export type BuiltinEntryData = Omit<KnowledgeEntry, 'origin'>;

/**
 * Turns raw data-file entries into knowledge entries: marks them built-in, replaces dose placeholders with
 * sentences generated from `doseTable`, and adds the table's names for that medicine (generic and brand, both
 * languages) to the tags, so "必理通" or "Panadol" finds the paracetamol entry. Pure, so tests and the bench
 * build exactly what the app loads.
 */
export function buildBuiltinEntries(
  files: readonly (readonly BuiltinEntryData[])[],
  doseTable: readonly MedicineDose[],
): KnowledgeEntry[] {
  return files.flat().map((e) => {
    const names = [...e.body.matchAll(DOSE_PLACEHOLDER)].flatMap((m) => {
      const med = doseTable.find((d) => d.id === m[1]);
      return med ? [...med.names.zh, ...med.names.en] : [];
    });
    const seen = new Set<string>();
    const tags = [...e.tags, ...names].filter(
      (t) => !seen.has(t.toLowerCase()) && !!seen.add(t.toLowerCase()),
    );
    return { ...e, tags, body: renderDoses(e.body, e.lang, doseTable).text, origin: 'builtin' as const };
  });
}

/** The data files, imported on demand so the knowledge base is not in the app's first-load bundle. */
export async function loadBuiltinData(): Promise<BuiltinEntryData[][]> {
  const files = await Promise.all([
    import('./data/symptoms.json'),
    import('./data/chronic.json'),
    import('./data/medicines.json'),
    import('./data/pregnancy.json'),
    import('./data/children.json'),
    import('./data/vaccines.json'),
    import('./data/first-aid.json'),
    import('./data/general.json'),
  ]);
  // JSON imports type `lang` as string; the data is checked against the entry rules in a unit test.
  return files.map((f) => f.default as BuiltinEntryData[]);
}

/** The safety pipeline's dose table (the one source of dose numbers), imported on demand. */
export async function loadDoseTable(): Promise<MedicineDose[]> {
  const m = await import('../safety/rules/medicines.json');
  return m.default as MedicineDose[];
}

/**
 * Every built-in entry, in both languages, with doses from the safety dose table.
 * @throws if a data chunk cannot be fetched (e.g. offline before the app was ever cached).
 */
export async function loadBuiltinEntries(): Promise<KnowledgeEntry[]> {
  const [files, doses] = await Promise.all([loadBuiltinData(), loadDoseTable()]);
  return buildBuiltinEntries(files, doses);
}
