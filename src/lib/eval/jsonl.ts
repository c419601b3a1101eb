/** Line-by-line JSONL reading shared by the own format and MedQA. */
import type { McqItem, ParseResult } from './types.ts';

/**
 * Parses each non-blank line as JSON and hands it to `readRow`.
 * @param readRow returns an item, or a message saying why the row cannot be used
 * @returns usable items and one error per bad line (1-based line numbers, as an editor shows them)
 */
export function parseJsonl(
  text: string,
  readRow: (row: unknown, line: number) => McqItem | string,
): ParseResult {
  const result: ParseResult = { items: [], errors: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      result.errors.push({ row: line, message: 'not valid JSON' });
      return;
    }
    const read = readRow(row, line);
    if (typeof read === 'string') result.errors.push({ row: line, message: read });
    else result.items.push(read);
  });
  return result;
}
