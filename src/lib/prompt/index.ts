/** The prompt module's public entry: system prompt templates, token counting and context fitting. */
export { buildMessages, promptBudget, DEFAULT_ANSWER_RESERVE } from './build.ts';
export type { BuiltPrompt, PromptInput } from './build.ts';
export { fitHistory, toModelTurns } from './history.ts';
export type { HistoryMessage, HistoryTurn } from './history.ts';
export { systemPrompt, systemRules, profileSection, knowledgeSection } from './system.ts';
export type { PromptProfile } from './system.ts';
export { estimateTokens, estimateCounter, modelCounter, MESSAGE_OVERHEAD_TOKENS } from './tokens.ts';
export type { TokenCounter } from './tokens.ts';
