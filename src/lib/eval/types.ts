/**
 * The shapes the evaluation works with: questions, answers, runs and reports. Pure data, so a report can be
 * saved, exported, re-imported on another device and compared.
 */

import type { EngineKind } from '../engine/registry.ts';

/** Option letters the app supports. MedQA uses A-E (some variants A-D); CMExam uses A-E. */
export const OPTION_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type OptionLetter = (typeof OPTION_LETTERS)[number];

export type EvalLang = 'zh' | 'en';

/** One single-answer multiple-choice question, whatever file it came from. */
export interface McqItem {
  id: string;
  lang: EvalLang;
  /** Free text such as "triage" or "内科"; accuracy is reported per category. */
  category: string;
  question: string;
  /** Letter -> option text, in letter order, at least two. */
  options: Partial<Record<OptionLetter, string>>;
  answer: OptionLetter;
  explanation?: string;
}

/**
 * Why a row of an imported file could not be used. A code with its details rather than a sentence, so
 * the page words it in the reader's language (i18n `eval.rowProblem`).
 */
export type RowProblem =
  | { code: 'invalidJson' }
  | { code: 'notAnObject' }
  | { code: 'missingField'; field: string }
  | { code: 'badLang'; value: string }
  | { code: 'optionsNotAnObject' }
  | { code: 'badOptionKey'; key: string }
  | { code: 'emptyOption'; letter: string }
  | { code: 'tooFewOptions' }
  | { code: 'badOptionLine'; line: string }
  | { code: 'multipleAnswers'; answer: string }
  | { code: 'answerNotALetter'; answer: string }
  | { code: 'answerNotAnOption'; answer: string }
  | { code: 'answerTextMismatch'; answer: string; letter: string }
  | { code: 'duplicateId'; id: string }
  | { code: 'missingColumns'; columns: string[] }
  /** Papa Parse's own description of a broken CSV row (unclosed quote, wrong number of fields). */
  | { code: 'csvStructure'; detail: string };

/** A row of an imported file that could not be used, with its 1-based row (line) number and why. */
export interface RowError {
  row: number;
  problem: RowProblem;
}

/** What every question-set parser returns: the usable items and an error per unusable row. */
export interface ParseResult {
  items: McqItem[];
  errors: RowError[];
}

/** The model's answer to one question, as scored. */
export interface ItemResult {
  id: string;
  category: string;
  expected: OptionLetter;
  /** The letter read from the reply, or null when none could be read with confidence. */
  given: OptionLetter | null;
  correct: boolean;
  /** First characters of the raw reply, so a reader can see why it was (un)parseable. */
  reply: string;
  /** From the engine when it reports it. */
  timeToFirstTokenMs?: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
}

export interface AccuracyScore {
  total: number;
  correct: number;
  /** Replies with no single readable letter; they are also counted as wrong. */
  unparseable: number;
  /** correct / total, 0 when total is 0. */
  accuracy: number;
}

export interface CategoryScore extends AccuracyScore {
  category: string;
}

/** One measurement on one prompt of the fixed speed set. */
export interface SpeedSample {
  promptId: string;
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenMs?: number;
  prefillTokensPerSec?: number;
  decodeTokensPerSec?: number;
}

export interface Distribution {
  /** How many samples reported this figure. */
  n: number;
  median: number | null;
  p90: number | null;
}

export interface SpeedStats {
  timeToFirstTokenMs: Distribution;
  prefillTokensPerSec: Distribution;
  decodeTokensPerSec: Distribution;
}

/** What the page knows about the device; every field is optional because browsers share different things. */
export interface DeviceInfo {
  userAgent?: string;
  /** 'absent' (no navigator.gpu), 'noAdapter', or 'available'. */
  webgpu?: 'absent' | 'noAdapter' | 'available';
  /** The adapter as the browser names it, e.g. "google / swiftshader". */
  gpu?: string;
  shaderF16?: boolean;
  maxStorageBufferBindingSize?: number;
  hardwareConcurrency?: number;
  deviceMemoryGb?: number;
  /** Whether the page could share memory between threads (llama.cpp runs multi-threaded only then). */
  crossOriginIsolated?: boolean;
}

export interface EvalReport {
  /** Format version, so an older export can be told apart later. */
  version: 1;
  id: string;
  /** A name the clinic can change, e.g. "Qwen3-4B on the front-desk laptop". */
  label: string;
  createdAt: number;
  modelId: string;
  /** Which engine ran the model; absent in reports from before the CPU engine, and for the test double. */
  engine?: EngineKind;
  device: DeviceInfo;
  /** Where the questions came from, e.g. "built-in" or the imported file's name. */
  questionSet: string;
  /** True when the run was stopped before every question and prompt was done. */
  partial: boolean;
  /** How many questions were planned; results.length may be smaller when partial. */
  plannedQuestions: number;
  speedSamples: SpeedSample[];
  speed: SpeedStats;
  results: ItemResult[];
  overall: AccuracyScore;
  categories: CategoryScore[];
}
