/** Line-by-line JSONL reading shared by the own format and MedQA. */
import type { McqItem, ParseResult, RowProblem } from './types.ts';

/**
 * Parses each non-blank line as JSON and hands it to `readRow`.
 * @param readRow returns an item, or the problem that makes the row unusable
 * @returns usable items and one error per bad line (1-based line numbers, as an editor shows them)
 */
export function parseJsonl(
  text: string,
  readRow: (row: unknown, line: number) => McqItem | RowProblem,
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
      result.errors.push({ row: line, problem: { code: 'invalidJson' } });
      return;
    }
    const read = readRow(row, line);
    if ('code' in read) result.errors.push({ row: line, problem: read });
    else result.items.push(read);
  });
  return result;
}
