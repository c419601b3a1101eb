/**
 * The messages sent for one multiple-choice question. The instruction asks for a single letter so the
 * reply is short (fast runs) and easy to read back; extract.ts still copes when a model says more.
 */
import type { ChatMessage } from '$lib/engine/types.ts';
import { OPTION_LETTERS, type EvalLang, type McqItem } from './types.ts';

const INSTRUCTION: Record<EvalLang, string> = {
  zh: '下面是一道单项选择题。请只回答一个选项字母(例如:B),不要解释。',
  en: 'Below is a multiple-choice question with one correct option. Reply with the letter of that option only (for example: B), with no explanation.',
};

const ANSWER_CUE: Record<EvalLang, string> = { zh: '答案:', en: 'Answer:' };

/**
 * Builds the chat messages for one question, in the question's own language.
 * @returns a system message with the instruction and a user message with the question and lettered options
 */
export function buildMcqMessages(item: McqItem): ChatMessage[] {
  const options = OPTION_LETTERS.filter((l) => item.options[l] !== undefined)
    .map((l) => `${l}. ${item.options[l]}`)
    .join('\n');
  return [
    { role: 'system', content: INSTRUCTION[item.lang] },
    { role: 'user', content: `${item.question}\n\n${options}\n\n${ANSWER_CUE[item.lang]}` },
  ];
}
