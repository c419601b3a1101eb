/**
 * The texts of a wording tree (the UI messages, a data file) leaf by leaf, as [dotted key, text]. A template
 * function is called with sample values, so what it writes around them is checked and converted too. Used
 * by the language check (tests/unit/i18n) and by the Traditional Chinese phrase list (scripts/hant-phrases.ts).
 */
export function wordingLeaves(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (typeof node === 'function') {
    const fn = node as (...args: unknown[]) => unknown;
    for (const sample of ['X', 3]) {
      try {
        const out = fn(...Array.from({ length: Math.max(fn.length, 1) }, () => sample));
        if (typeof out === 'string') return [[path, out]];
      } catch {
        // a template that needs numbers: try the next sample
      }
    }
    throw new Error(`${path}: give the wording walk a sample for this template`);
  }
  if (Array.isArray(node)) return node.flatMap((v, i) => wordingLeaves(v, `${path}[${i}]`));
  if (node && typeof node === 'object')
    return Object.entries(node).flatMap(([k, v]) => wordingLeaves(v, path ? `${path}.${k}` : k));
  return [];
}
