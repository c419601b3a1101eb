/**
 * Clinic import: parsing and validating a clinic's own knowledge entries from JSON (an array of entries, or one
 * entry) or Markdown with YAML front matter. Pure: the settings screen reads the files, this module decides
 * what is valid, storage keeps the result.
 *
 * Policy decisions, stated once here:
 * - Each entry is judged on its own: valid entries are imported even when others in the same file are not, and
 *   every problem is reported with the file, the entry's position (and id when known) and the field.
 * - An id already used by a built-in entry is an error (code 'builtinId'): a clinic adds to the built-in
 *   knowledge, it cannot silently replace vetted text. It can add its own entry under a new id.
 * - An id that repeats an already imported clinic entry replaces it (re-importing an edited file updates it).
 * - Unknown fields are errors, so a typo such as "tittle" is caught instead of silently dropping the title.
 */
import { parse as parseYaml } from 'yaml';
import type { KnowledgeEntry } from './types.ts';

export type ImportErrorCode =
  /** The file is not valid JSON / YAML front matter. `detail` has the parser's message. */
  | 'parse'
  /** A Markdown file without a `---` front matter block. */
  | 'noFrontMatter'
  /** JSON that is neither an entry object nor an array of them. */
  | 'notEntries'
  | 'notObject'
  | 'missing'
  | 'wrongType'
  | 'empty'
  | 'tooLong'
  | 'badId'
  | 'badLang'
  | 'unknownField'
  /** Two entries in this import share an id. */
  | 'duplicateId'
  /** The id belongs to a built-in entry. */
  | 'builtinId';

export interface ImportError {
  /** The file's name as the clinic chose it. */
  file: string;
  /** 1-based position of the entry in its file; null for a problem with the whole file. */
  entry: number | null;
  /** The entry's id when it has a usable one. */
  id?: string;
  field?: keyof KnowledgeEntry | string;
  code: ImportErrorCode;
  /** Extra facts for the message: a limit, a parser message, the unknown field's name. */
  detail?: string;
}

export interface ImportResult {
  /** Valid entries, marked origin 'clinic', in file order. */
  entries: KnowledgeEntry[];
  errors: ImportError[];
}

export interface ImportContext {
  /** Ids a clinic entry may not take: the built-in ones. */
  builtinIds: ReadonlySet<string>;
}

/** Letters, digits, dot, dash and underscore; starts with a letter or digit. Stable, URL- and log-safe. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
export const LIMITS = { title: 200, body: 20_000, source: 300, tags: 30, tag: 50 } as const;
const FIELDS = new Set(['id', 'lang', 'title', 'body', 'tags', 'source', 'origin']);

type FieldProblem = Omit<ImportError, 'file' | 'entry' | 'id'>;

function text(raw: Record<string, unknown>, field: 'title' | 'body' | 'source', problems: FieldProblem[]) {
  const v = raw[field];
  if (v === undefined || v === null) problems.push({ field, code: 'missing' });
  else if (typeof v !== 'string') problems.push({ field, code: 'wrongType', detail: 'string' });
  else if (v.trim() === '') problems.push({ field, code: 'empty' });
  else if (v.length > LIMITS[field]) problems.push({ field, code: 'tooLong', detail: String(LIMITS[field]) });
  else return v.trim();
  return '';
}

function tagList(v: unknown, problems: FieldProblem[]): string[] {
  if (v === undefined || v === null) return [];
  // A single tag written as a string is common in hand-written front matter; accept it.
  const list = typeof v === 'string' ? v.split(/[,，]/) : v;
  if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' && typeof t !== 'number')) {
    problems.push({ field: 'tags', code: 'wrongType', detail: 'string[]' });
    return [];
  }
  const tags = list.map((t) => String(t).trim()).filter((t) => t !== '');
  if (tags.length > LIMITS.tags)
    problems.push({ field: 'tags', code: 'tooLong', detail: String(LIMITS.tags) });
  const long = tags.find((t) => t.length > LIMITS.tag);
  if (long) problems.push({ field: 'tags', code: 'tooLong', detail: `${LIMITS.tag}: ${long.slice(0, 20)}…` });
  return tags;
}

/**
 * Checks one raw value against the entry rules. Returns the entry (with `origin` set) when valid, and every
 * problem found otherwise, one per field, so the clinic can fix them all in one pass.
 */
export function validateEntry(
  raw: unknown,
  origin: KnowledgeEntry['origin'] = 'clinic',
): { entry?: KnowledgeEntry; problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { problems: [{ code: 'notObject' }] };
  }
  const r = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(r)) {
    if (!FIELDS.has(key)) problems.push({ field: key, code: 'unknownField', detail: key });
  }
  let id = '';
  if (r['id'] === undefined || r['id'] === null) problems.push({ field: 'id', code: 'missing' });
  else if (typeof r['id'] !== 'string' || !ID_PATTERN.test(r['id']))
    problems.push({ field: 'id', code: 'badId' });
  else id = r['id'];
  const lang = r['lang'];
  if (lang === undefined || lang === null) problems.push({ field: 'lang', code: 'missing' });
  else if (lang !== 'zh' && lang !== 'en') problems.push({ field: 'lang', code: 'badLang' });
  const title = text(r, 'title', problems);
  const body = text(r, 'body', problems);
  const source = text(r, 'source', problems);
  const tags = tagList(r['tags'], problems);
  if (problems.length > 0) return { problems };
  return { entry: { id, lang: lang as 'zh' | 'en', title, body, tags, source, origin }, problems };
}

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n([\s\S]*))?$/;

/** Reads one Markdown entry: YAML front matter (id, lang, title, tags, source) then the body. */
function markdownEntries(name: string, source: string): { raws: unknown[]; errors: ImportError[] } {
  const m = FRONT_MATTER.exec(source);
  if (!m) return { raws: [], errors: [{ file: name, entry: null, code: 'noFrontMatter' }] };
  let meta: unknown;
  try {
    meta = parseYaml(m[1]!);
  } catch (e) {
    // The front matter starts on the file's second line, after the opening "---".
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    return {
      raws: [],
      errors: [{ file: name, entry: null, code: 'parse', detail: line ? String(line + 1) : '' }],
    };
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    return { raws: [], errors: [{ file: name, entry: 1, code: 'notObject' }] };
  }
  if ('body' in meta) {
    return {
      raws: [],
      errors: [{ file: name, entry: 1, field: 'body', code: 'unknownField', detail: 'body' }],
    };
  }
  return { raws: [{ ...meta, body: m[2] ?? '' }], errors: [] };
}

/**
 * The line a JSON syntax error is on, as text ('' when the engine does not say). The parser's own message
 * is in English and names tokens; the clinic is told the line, in its language.
 */
function jsonErrorLine(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  if (line) return line[1]!;
  // "Unexpected end of JSON input": the file stops short, so the problem is at its last line.
  if (/end of/i.test(message)) return String(source.split('\n').length);
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  return String(source.slice(0, Number(position[1])).split('\n').length);
}

function jsonEntries(name: string, source: string): { raws: unknown[]; errors: ImportError[] } {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      raws: [],
      errors: [{ file: name, entry: null, code: 'parse', detail: jsonErrorLine(e, source) }],
    };
  }
  if (Array.isArray(data)) return { raws: data, errors: [] };
  if (typeof data === 'object' && data !== null) return { raws: [data], errors: [] };
  return { raws: [], errors: [{ file: name, entry: null, code: 'notEntries' }] };
}

/** True for names the importer reads as Markdown; everything else is tried as JSON. */
export function isMarkdownFile(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/**
 * Parses and validates the clinic's files together (so an id repeated across two files is caught).
 * Returns the valid entries, marked origin 'clinic', and one error per problem. Never throws on bad input.
 */
export function parseClinicFiles(
  files: readonly { name: string; text: string }[],
  context: ImportContext,
): ImportResult {
  const entries: KnowledgeEntry[] = [];
  const errors: ImportError[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = isMarkdownFile(file.name)
      ? markdownEntries(file.name, file.text)
      : jsonEntries(file.name, file.text);
    errors.push(...parsed.errors);
    parsed.raws.forEach((raw, i) => {
      const position = i + 1;
      const { entry, problems } = validateEntry(raw);
      const rawId = (raw as { id?: unknown } | null)?.id;
      const id = typeof rawId === 'string' && rawId !== '' ? rawId : undefined;
      for (const p of problems) errors.push({ file: file.name, entry: position, id, ...p });
      // Reported even beside other problems, so fixing the fields does not reveal a second round of errors.
      const clashes = id !== undefined && context.builtinIds.has(id);
      if (clashes) errors.push({ file: file.name, entry: position, id, field: 'id', code: 'builtinId' });
      if (!entry || clashes) return;
      const earlier = seen.get(entry.id);
      if (earlier !== undefined) {
        errors.push({
          file: file.name,
          entry: position,
          id,
          field: 'id',
          code: 'duplicateId',
          detail: earlier,
        });
        return;
      }
      seen.set(entry.id, file.name);
      entries.push(entry);
    });
  }
  return { entries, errors };
}
