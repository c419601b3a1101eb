import type { Messages } from '../zh/index.ts';

export default {
  title: 'Knowledge base',
  intro:
    'Answers draw on health information stored on this device, and the entries used are listed under each answer. Built-in entries are written from public guidelines; a clinic can import its own entries, which stay on this device and can be searched offline.',
  builtinCount: (n: number) => `Built-in entries: ${n} (Chinese and English)`,
  builtinLoading: 'Reading the built-in entries…',
  builtinFailed: 'The built-in entries cannot be read right now. Please reload the page and try again.',
  importTitle: 'Import clinic entries',
  pickFiles: 'Choose files (JSON or Markdown, several at once is fine)',
  formatHelp:
    'JSON: an array of entries, each with id, lang (zh or en), title, body, tags and source. Markdown: a block between --- lines at the top with id, lang, title, tags and source, then the text.',
  formatExampleLabel: 'Markdown example',
  formatExample:
    '---\nid: clinic-flu-shot\nlang: en\ntitle: Flu shots at our clinic\ntags: [flu vaccine, appointments]\nsource: Our clinic; CDC flu vaccine guidance\n---\nWalk in on Tuesday and Thursday mornings. Please bring your vaccination record.',
  policy:
    'An entry with the same id as one already imported replaces it; ids of built-in entries cannot be used. Entries with problems are skipped and the rest are imported.',
  importing: 'Importing…',
  imported: (n: number) => `Imported ${n} ${n === 1 ? 'entry' : 'entries'}.`,
  nothingImported: 'Nothing was imported.',
  errorsTitle: (n: number) => `${n} ${n === 1 ? 'problem' : 'problems'} to fix:`,
  where: (file: string, entry: number | null, id: string | undefined) =>
    entry === null ? `${file}` : `${file}, entry ${entry}${id ? ` (${id})` : ''}`,
  /** Between where a problem is and what it is. */
  whereSep: ': ',
  errors: {
    parse: (line: string) =>
      line
        ? `The file could not be read: a format error near line ${line}.`
        : 'The file could not be read: a format error.',
    noFrontMatter:
      'The Markdown file does not start with a block between --- lines (id, lang, title, tags, source).',
    notEntries: 'The JSON should be one entry or an array of entries.',
    notObject: 'This entry is not an object (a set of fields such as id and title).',
    missing: (field: string) => `The required field "${field}" is missing.`,
    wrongType: (field: string, expected: string) =>
      `The field "${field}" should be ${expected === 'string[]' ? 'a list of text' : 'text'}.`,
    empty: (field: string) => `The field "${field}" is empty.`,
    tooLong: (field: string, limit: string) => `The field "${field}" is too long (limit ${limit}).`,
    badId:
      'An id may contain letters, digits, dots, dashes and underscores, must start with a letter or digit, and be at most 80 characters.',
    badLang: 'lang must be zh or en.',
    unknownField: (field: string) => `Unknown field "${field}" (perhaps a typo).`,
    duplicateId: (file: string) => `This id appears twice in this import (first in ${file}).`,
    builtinId: 'This id belongs to a built-in entry. Please choose another id.',
  },
  clinicTitle: 'Imported clinic entries',
  clinicNone: 'No clinic entries have been imported yet.',
  clinicCount: (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`,
  entryMeta: (lang: string, date: string) => `${lang === 'zh' ? 'Chinese' : 'English'} · imported ${date}`,
  source: (source: string) => `Source: ${source}`,
  remove: 'Remove',
  removeLabel: (title: string) => `Remove the entry "${title}"`,
  removeAll: 'Remove all clinic entries',
  removeAllConfirm: 'Remove all clinic entries? Built-in entries are not affected.',
  removed: 'Removed.',
  storageFull:
    'The device is out of storage space, so the entries were not saved. Free some space and try again.',
  failed: 'That did not work. Please try again.',
  readFailed: (file: string) => `The file ${file} could not be read.`,
} satisfies Messages['knowledge'];
