/** Plain-language text for a clinic import problem, in the patient's (or clinic's) language. */
import type { ImportError } from '$lib/knowledge/import.ts';
import type { Messages } from '$lib/i18n/index.ts';

/**
 * Where the problem is (file, entry number, id) and what is wrong, e.g.
 * "clinic.json 第 2 条（flu）" and "lang 只能是 zh 或 en。".
 */
export function describeImportError(
  e: ImportError,
  t: Messages['knowledge'],
): { where: string; what: string } {
  const field = e.field ?? '';
  const detail = e.detail ?? '';
  const m = t.errors;
  let what: string;
  switch (e.code) {
    case 'parse':
      what = m.parse(detail);
      break;
    case 'noFrontMatter':
      what = m.noFrontMatter;
      break;
    case 'notEntries':
      what = m.notEntries;
      break;
    case 'notObject':
      what = m.notObject;
      break;
    case 'missing':
      what = m.missing(field);
      break;
    case 'wrongType':
      what = m.wrongType(field, detail);
      break;
    case 'empty':
      what = m.empty(field);
      break;
    case 'tooLong':
      what = m.tooLong(field, detail);
      break;
    case 'badId':
      what = m.badId;
      break;
    case 'badLang':
      what = m.badLang;
      break;
    case 'unknownField':
      what = m.unknownField(detail || field);
      break;
    case 'duplicateId':
      what = m.duplicateId(detail);
      break;
    case 'builtinId':
      what = m.builtinId;
      break;
    default: {
      const unhandled: never = e.code;
      what = String(unhandled);
    }
  }
  return { where: t.where(e.file, e.entry, e.id), what };
}
