/**
 * Tokenization for a mixed Chinese/English knowledge base, shared by indexing and querying so both sides
 * produce the same terms.
 *
 * Chinese has no spaces, so each run of Han characters becomes its overlapping character bigrams plus its
 * single characters: "头痛发热" -> 头痛 痛发 发热 头 痛 发 热. Bigrams carry most of the meaning ("血压" is
 * not "血" + "压"); unigrams keep recall for one-character words and near-synonyms (头痛 / 头疼 share 头).
 * A dictionary segmenter (Intl.Segmenter) is not the default: its word boundaries depend on the ICU build, so
 * the index would rank differently in Node, Chrome and Safari, and on the labelled questions it measured below
 * bigrams (the bench prints both: a segmenter splits 音像 out of 声音像, and misses 头疼 vs 头痛).
 *
 * English words are lower-cased and stripped of a few stop words; each word is kept as written and, when the
 * Porter stemmer changes it, its stem is added as a second, marked term ("fevers" -> fevers, fever~). Search
 * weighs stems at half, so the exact word ranks first while "vomited" still finds "vomiting". Measured against
 * stem-only and no stemming in the bench: stem-only conflates "burning" (heartburn) with "burns".
 */
import { stemmer } from 'stemmer';

/** Han ideographs (CJK Unified, Extension A, Compatibility). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** A Han run, a Latin word (letters/digits, inner apostrophes/hyphens dropped later), or anything else. */
const RUNS = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([a-z0-9]+(?:['’][a-z]+)?)/gi;

/**
 * Words too common to help ranking. Kept short on purpose: BM25 already discounts frequent terms, and a long
 * list starts dropping words that matter in medicine ("over", "off", "down").
 */
const EN_STOP = new Set(
  (
    'a an and are as at be been but by can could do does did for from had has have how i if in into is it its ' +
    'me my of on or our should so than that the their them then there these they this to was we were what ' +
    'when where which who why will with would you your am im ive'
  ).split(' '),
);

/** Chinese function characters that, alone, say nothing about the topic. Bigrams containing them are kept. */
const ZH_STOP = new Set('的了吗呢吧啊呀么是我你他她它在和与或有就都也还要会能该怎什么么个这那办'.split(''));

/**
 * Character pairs that make a question, not its topic. Without this list "发烧了怎么办" ranked an entry titled
 * "…怎么办" on another subject first, on the strength of 怎么 and 么办 alone.
 */
const ZH_STOP_BIGRAMS = new Set(
  '怎么 么办 了怎 什么 为什 么样 怎样 如何 是不 不是 要不 可以 需要 应该 请问 一下 有点 一点 吗？ 我的 我们 你们 他们 这个 那个 这样 那样 时候'.split(
    ' ',
  ),
);

/**
 * Words of time and frequency that frame a question without naming its topic ("我最近总是失眠": 最近, 总是).
 * Only queryCoverage skips them: a question is not less covered because the patient said "lately".
 */
const ZH_FRAME_BIGRAMS = new Set(
  '最近 总是 老是 经常 常常 一直 时常 有时 这几 几天 这两 两天 感觉 觉得 好像 有点 有些 特别 非常 现在 今天 昨天 每天 请问'.split(
    ' ',
  ),
);

/** True when the term is a single Han character (a unigram), which callers weigh less than a bigram. */
export function isHanUnigram(term: string): boolean {
  return term.length === 1 && HAN.test(term);
}

/** True when the term is two Han characters (a bigram). */
export function isHanBigram(term: string): boolean {
  return term.length === 2 && HAN.test(term[0]!) && HAN.test(term[1]!);
}

/** True when the term is an English word (for fuzzy matching, which only makes sense on Latin text). */
export function isLatinTerm(term: string): boolean {
  return /^[a-z]/.test(term);
}

/** True when the term is a marked Porter stem (see STEM_MARK). */
export function isStemTerm(term: string): boolean {
  return term.endsWith(STEM_MARK);
}

export type EnglishStemming = 'both' | 'porter' | 'none';

/** Marks a Porter stem emitted beside the word itself, so stems are their own, weaker, terms. */
export const STEM_MARK = '~';

/** Which parts of the tokenizer are on; everything is, except when the bench measures an alternative. */
export interface TokenizerOptions {
  /** Single Han characters besides bigrams. */
  unigrams: boolean;
  /** Chinese as character bigrams (default), or as dictionary words from Intl.Segmenter (measured in the bench). */
  han?: 'bigrams' | 'words';
  /**
   * How English words become terms: 'both' (the word as written plus its Porter stem, marked, which search
   * weighs at half: "burning" -> burning, burn~), 'porter' (the stem only) or 'none' (the word only).
   */
  stem: EnglishStemming;
}

/** What the app uses; see the bench for how the alternatives measured. */
export const DEFAULT_SPLIT: TokenizerOptions = { unigrams: true, stem: 'both' };

let segmenter: Intl.Segmenter | undefined;

/** Dictionary words of a Han run, where the runtime has Intl.Segmenter (for the bench's comparison). */
function hanWords(run: string, out: string[]): void {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  for (const s of segmenter.segment(run)) if (s.isWordLike && !ZH_STOP.has(s.segment)) out.push(s.segment);
}

function hanTerms(run: string, out: string[], unigrams: boolean): void {
  const chars = Array.from(run);
  for (let i = 0; i + 1 < chars.length; i++) {
    const bigram = chars[i]! + chars[i + 1]!;
    if (!ZH_STOP_BIGRAMS.has(bigram)) out.push(bigram);
  }
  // A lone character of a one-character run is the only term it has, so it is kept even without unigrams.
  if (unigrams || chars.length === 1) for (const c of chars) if (!ZH_STOP.has(c)) out.push(c);
}

function latinTerm(word: string, out: string[], stem: EnglishStemming): void {
  const w = word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
  if (EN_STOP.has(w)) return;
  // Numbers stay as they are ("500", "38"); single letters carry nothing.
  if (/^\d+$/.test(w)) {
    out.push(w);
    return;
  }
  if (w.length < 2) return;
  if (stem === 'porter') {
    out.push(stemmer(w));
    return;
  }
  out.push(w);
  if (stem === 'none') return;
  const root = stemmer(w);
  if (root !== w) out.push(root + STEM_MARK);
}

/**
 * Splits text into search terms: Han bigrams and unigrams, stemmed English words, numbers.
 * Returns terms in text order (bigrams of a run first, then its unigrams); duplicates are kept, since
 * MiniSearch counts term frequency from them.
 */
export function tokenize(text: string): string[] {
  return tokenizeWith(text, DEFAULT_SPLIT);
}

/**
 * Terms for a question. Like tokenize(), except that a Han character becomes a unigram term only when neither
 * bigram it belongs to is known to the index: "头疼" finds 头 and 疼 when no entry says 头疼, while a question
 * whose words all appear in the knowledge base is searched by its bigrams alone. Single characters match a
 * large share of the entries, so leaving out the ones already covered makes Chinese search several times
 * cheaper and ranks by the words that matter (measured in scripts/bench/knowledge.bench.ts).
 */
export function tokenizeQuery(
  text: string,
  isKnownBigram: (bigram: string) => boolean,
  stem: EnglishStemming = DEFAULT_SPLIT.stem,
): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(RUNS)) {
    if (m[2]) {
      latinTerm(m[2], out, stem);
      continue;
    }
    const chars = Array.from(m[1]!);
    const known = chars.slice(1).map((c, i) => isKnownBigram(chars[i]! + c));
    for (let i = 0; i + 1 < chars.length; i++) {
      const bigram = chars[i]! + chars[i + 1]!;
      if (!ZH_STOP_BIGRAMS.has(bigram)) out.push(bigram);
    }
    chars.forEach((c, i) => {
      const covered = (i > 0 && known[i - 1]) || (i < known.length && known[i]);
      if (!covered && !ZH_STOP.has(c)) out.push(c);
    });
  }
  return out;
}

/** tokenize() with parts switched off, for measuring what each part is worth (scripts/bench/knowledge.bench.ts). */
export function tokenizeWith(text: string, options: TokenizerOptions): string[] {
  const out: string[] = [];
  for (const m of text.normalize('NFKC').matchAll(RUNS)) {
    if (m[1] && options.han === 'words') hanWords(m[1], out);
    else if (m[1]) hanTerms(m[1], out, options.unigrams);
    else if (m[2]) latinTerm(m[2], out, options.stem);
  }
  return out;
}

/**
 * How much of a question an entry's matched terms account for, 0..1. Each content unit of the question (a Han
 * character that is not a function word or part of a framing word like 最近, an English word that is not a stop word, a number) counts once: fully
 * when a matched bigram or the word itself covers it, half when only its single character matched. BM25 scores
 * grow with the length of the question, so a score alone cannot say whether the top entry is about the
 * question at all; "牙齿矫正要戴多久" finds the teething entry through 牙齿 alone, which covers a fifth of it.
 * @param matched the question's terms that the entry matched (MiniSearch's queryTerms)
 */
export function queryCoverage(text: string, matched: ReadonlySet<string>): number {
  let units = 0;
  let covered = 0;
  for (const m of text.normalize('NFKC').matchAll(RUNS)) {
    if (m[1]) {
      const chars = Array.from(m[1]);
      const frame = chars.map(
        (c, i) =>
          (i > 0 && ZH_FRAME_BIGRAMS.has(chars[i - 1]! + c)) ||
          (i + 1 < chars.length && ZH_FRAME_BIGRAMS.has(c + chars[i + 1]!)),
      );
      chars.forEach((c, i) => {
        if (ZH_STOP.has(c) || frame[i]) return;
        units++;
        const inBigram =
          (i > 0 && matched.has(chars[i - 1]! + c)) ||
          (i + 1 < chars.length && matched.has(c + chars[i + 1]!));
        covered += inBigram ? 1 : matched.has(c) ? 0.5 : 0;
      });
      continue;
    }
    const terms: string[] = [];
    latinTerm(m[2]!, terms, DEFAULT_SPLIT.stem);
    if (terms.length === 0) continue;
    units++;
    if (terms.some((t) => matched.has(t))) covered++;
  }
  return units === 0 ? 0 : covered / units;
}
