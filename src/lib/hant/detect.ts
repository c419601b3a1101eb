/**
 * Which script a Chinese text is written in, from OpenCC's character table: characters that exist only in
 * simplified form (头, 发) against characters that exist only in traditional form (頭, 發). Characters both
 * scripts share (胃, 痛) say nothing.
 */
import characters from 'opencc-js/dict/STCharacters';

let tables: { simplified: Set<string>; traditional: Set<string> } | null = null;

function load(): { simplified: Set<string>; traditional: Set<string> } {
  const simplified = new Set<string>();
  const traditional = new Set<string>();
  for (const pair of characters.split('|')) {
    const [from, to] = pair.split(' ');
    if (!from || !to || from === to) continue;
    simplified.add(from);
    traditional.add(to);
  }
  // A character that is both a simplified key and some other's traditional form (e.g. 干, 著) is ambiguous.
  for (const c of simplified) if (traditional.delete(c)) simplified.delete(c);
  return { simplified, traditional };
}

/** 'hant' or 'hans' when the text leans one way, null when it gives no sign (no Chinese, or a tie). */
export function chineseScript(text: string): 'hans' | 'hant' | null {
  tables ??= load();
  let hans = 0;
  let hant = 0;
  for (const c of text) {
    if (tables.simplified.has(c)) hans++;
    else if (tables.traditional.has(c)) hant++;
  }
  if (hans === hant) return null;
  return hant > hans ? 'hant' : 'hans';
}
