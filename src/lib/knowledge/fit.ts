/**
 * Choosing which retrieved snippets go into the prompt when tokens are scarce, and how they are cited.
 */
import type { Snippet } from './types.ts';

/**
 * The text of a snippet as it should appear in the prompt: id, title, source and body. fitSnippets measures
 * this exact string, so callers that put snippets in the prompt in this form stay within their budget.
 */
export function snippetPromptText(s: Snippet): string {
  return `[${s.id}] ${s.title}\n${s.text}\n(${s.source})`;
}

/** Appended to a snippet that had to be cut, so the model (and a reader of the prompt) knows it is partial. */
export function truncationNote(text: string): string {
  return /[\u4e00-\u9fff]/.test(text) ? '（节选，全文未列出）' : ' (excerpt, truncated)';
}

/**
 * A sentence and its end mark (Chinese or English). A full stop ends a sentence only before a space or the
 * end, so "1.5" and "e.g.x" stay whole.
 */
const SENTENCE = /(?:[^。\uff01\uff1f\uff1b!?;.\n]|\.(?!\s|$))*(?:[。\uff01\uff1f\uff1b!?;\n]|\.|$)/g;

function sentences(text: string): string[] {
  return (text.match(SENTENCE) ?? []).filter((s) => s.trim() !== '');
}

/**
 * Cuts one snippet to fit the budget: whole sentences while they fit, then the truncation note. If not even the
 * first sentence fits, cuts inside it by characters (the note still says so). Returns undefined when not even
 * the header and the note fit.
 */
function truncate(s: Snippet, budget: number, count: (s: string) => number): Snippet | undefined {
  const note = truncationNote(s.text);
  const withText = (text: string): Snippet => ({ ...s, text: text.trimEnd() + note });
  const fits = (text: string) => count(snippetPromptText(withText(text))) <= budget;
  if (!fits('')) return undefined;
  let kept = '';
  for (const sentence of sentences(s.text)) {
    if (!fits(kept + sentence)) break;
    kept += sentence;
  }
  if (kept === '') {
    // Binary search on the character count of the first sentence.
    const chars = Array.from(s.text);
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(chars.slice(0, mid).join(''))) lo = mid;
      else hi = mid - 1;
    }
    kept = chars.slice(0, lo).join('');
    if (kept === '') return undefined;
  }
  return withText(kept);
}

/**
 * The snippets to put in the prompt: in rank order, each whole, skipping any that would overflow
 * `budgetTokens` (a lower-ranked shorter one may still fit). Only when not even one whole snippet fits is the
 * best one cut, at a sentence end where possible, and its text then ends with a note saying it was truncated.
 * Returns [] for a budget too small for anything. Token counts are measured on snippetPromptText().
 */
export function fitSnippets(
  snippets: Snippet[],
  budgetTokens: number,
  countTokens: (s: string) => number,
): Snippet[] {
  const out: Snippet[] = [];
  let left = budgetTokens;
  for (const s of snippets) {
    const cost = countTokens(snippetPromptText(s));
    if (cost <= left) {
      out.push(s);
      left -= cost;
    }
  }
  if (out.length > 0 || snippets.length === 0) return out;
  const cut = truncate(snippets[0]!, budgetTokens, countTokens);
  return cut ? [cut] : [];
}

/**
 * The "sources" line shown under an answer: one item per cited entry, numbered in citation order, e.g.
 * "[1] 高血压的家庭血压测量 — 中国高血压防治指南". Duplicate ids are listed once.
 */
export function formatCitations(snippets: Pick<Snippet, 'id' | 'title' | 'source'>[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of snippets) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push(`[${out.length + 1}] ${s.title} — ${s.source}`);
  }
  return out;
}
