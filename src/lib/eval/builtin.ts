/**
 * The question set written for this project (./data/questions.jsonl), bundled with the app so an
 * evaluation works offline with no file to pick. Vite inlines the file as text.
 */
import raw from './data/questions.jsonl?raw';
import { parseQuestionSet } from './questions.ts';
import type { McqItem } from './types.ts';

/** The built-in questions; a malformed line would be a bug caught by tests/unit/eval/import.test.ts. */
export const BUILTIN_QUESTIONS: readonly McqItem[] = parseQuestionSet(raw).items;
