/**
 * One consultation turn, as pure orchestration with every dependency passed in:
 *
 *   patient text -> redact -> triage (emergency guidance at once) -> store the question
 *   -> retrieve -> build the prompt -> engine.generate (streamed, saved every few seconds)
 *   -> postprocess -> store the answer (raw text for the model, displayed text for the patient)
 *
 * The caller (state/chat.svelte.ts) turns the events into what the screen shows. Nothing here touches the
 * DOM, Svelte, IndexedDB or web-llm, so the whole flow is tested in Node with doubles.
 */
import type { ChatEngine, GenerateResult } from '../engine/types.ts';
import type { GenerationDefaults } from '../engine/registry.ts';
import type { Snippet } from '../knowledge/types.ts';
import {
  buildMessages,
  DEFAULT_ANSWER_RESERVE,
  promptBudget,
  type HistoryMessage,
  type PromptProfile,
  type TokenCounter,
} from '../prompt/index.ts';
import type {
  EmergencyCategory,
  EmergencyGuidance,
  Lang,
  PostprocessResult,
  RedactionResult,
  Region,
  TriageLevel,
  TriageResult,
  TurnContext,
} from '../safety/types.ts';
import type { ConversationStore, StoredMessage } from '../storage/types.ts';
import { textLang } from '../lang.ts';
import { checkMessage } from './limits.ts';
import { modelTriageReader, raiseTriage } from './model-triage.ts';

/** The deterministic safety layer, as exported by safety/index.ts. */
export interface SafetyPipeline {
  /** `lang`: the placeholders' language (the text's own when it has words, else the interface's). */
  redact(text: string, lang?: Lang): RedactionResult;
  triage(text: string): TriageResult;
  emergencyGuidance(
    categories: EmergencyCategory[],
    region: Region,
    lang: Lang,
    forSomeoneElse?: boolean,
  ): EmergencyGuidance;
  /** Whether the text is about someone other than the writer ("my father…"): the card's steps say "them". */
  aboutSomeoneElse(text: string): boolean;
  postprocess(answer: string, turn: TurnContext): PostprocessResult;
}

export interface TurnDeps {
  safety: SafetyPipeline;
  /** Knowledge snippets for a (redacted) question, best first. */
  retrieve(query: string, lang: Lang): Snippet[] | Promise<Snippet[]>;
  engine: Pick<ChatEngine, 'generate'>;
  countTokens: TokenCounter;
  store: Pick<ConversationStore, 'putMessage'>;
  /** The loaded model's context window, in tokens. */
  contextWindow: number;
  modelId: string;
  region: Region;
  now(): number;
  newId(): string;
  /** How often a streaming answer is saved, so a crash leaves it findable. Default 2,000 ms. */
  saveIntervalMs?: number;
  /** Tokens kept for the answer; also the generation's max_tokens. Default 1,024. */
  answerReserve?: number;
  /** Sampling settings passed through to the engine. */
  generation?: GenerationDefaults;
}

/** What the screen is told, in order. Every callback is optional in spirit: a no-op is fine. */
export interface TurnEvents {
  /**
   * The prompt was built: which snippets were sent, how many old turns were left out and the id of the first
   * message the model sees (the question itself when no earlier turn fits).
   */
  context(info: { snippets: Snippet[]; droppedTurns: number; contextStartId: string | null }): void;
  /** The answer's text so far, after each new piece, without the model's triage line. */
  token(rawSoFar: string): void;
  /**
   * The model's triage line raised the question's level above the rules' (it can never lower it): the
   * question with its new triage, and the emergency card to show under it now when the level is 'emergency'.
   */
  triageRaised(question: StoredMessage, emergency: EmergencyGuidance | null): void;
  /** The answer (or what there is of it), post-processed and final for this turn. */
  answer(message: StoredMessage): void;
  /** A write failed (StorageError 'quota' on a full disk); the turn goes on and the screen keeps the text. */
  saveFailed(error: unknown): void;
}

export interface QuestionInput {
  conversationId: string;
  text: string;
  /** The conversation's (interface) language, used when the text itself does not tell. */
  lang: Lang;
}

export type PreparedQuestion =
  | { kind: 'rejected'; reason: 'empty' | 'tooLong' }
  | { kind: 'ready'; message: StoredMessage; emergency: EmergencyGuidance | null; lang: Lang };

export interface AnswerInput {
  question: StoredMessage;
  /** Earlier messages, oldest first, without the question. */
  history: readonly HistoryMessage[];
  profile: Partial<PromptProfile> | null;
  lang: Lang;
  signal: AbortSignal;
  /** Reuse this id for the answer (retry replaces the earlier answer in place). */
  answerId?: string;
  /**
   * Writes the answer as shown and stored in the script the patient asked in: Traditional Chinese for a
   * question in Traditional, so the disclaimer, the notes and any simplified characters the model let slip
   * come out in Traditional too. Absent: as written.
   */
  inScript?: (text: string) => string;
}

export type AnswerOutcome =
  | { kind: 'answered'; message: StoredMessage }
  /** The question alone does not fit the context window: nothing was sent. */
  | { kind: 'overflow'; requiredTokens: number; budget: number }
  | { kind: 'failed'; message: StoredMessage; error: unknown };

/**
 * Redacts and triages the patient's text into the question message to store and show.
 * Never throws; a message that is blank or over the limit is rejected before anything else happens.
 */
export function prepareQuestion(
  input: QuestionInput,
  deps: Pick<TurnDeps, 'safety' | 'region' | 'now' | 'newId'>,
): PreparedQuestion {
  const check = checkMessage(input.text);
  if (check !== 'ok') return { kind: 'rejected', reason: check };
  const redacted = deps.safety.redact(input.text, textLang(input.text, input.lang));
  // Triage reads the original words: redaction only removes identifiers, never symptoms, and the original is
  // what the patient wrote. Only the level and categories are kept.
  const triage = deps.safety.triage(input.text);
  const lang = textLang(input.text, input.lang);
  const message: StoredMessage = {
    id: deps.newId(),
    conversationId: input.conversationId,
    role: 'user',
    createdAt: deps.now(),
    text: redacted.text,
    status: 'complete',
    redactions: countRedactions(redacted),
    triage: {
      level: triage.level,
      categories: triage.categories,
      ...(triage.level !== 'none' ? { source: 'rules' as const } : {}),
    },
  };
  const emergency =
    triage.level === 'emergency'
      ? deps.safety.emergencyGuidance(
          triage.categories,
          deps.region,
          lang,
          deps.safety.aboutSomeoneElse(input.text),
        )
      : null;
  return { kind: 'ready', message, emergency, lang };
}

function countRedactions(result: RedactionResult): StoredMessage['redactions'] {
  const counts = new Map<RedactionResult['redactions'][number]['type'], number>();
  for (const r of result.redactions) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count }));
}

/**
 * Saves a message, reporting (not throwing) a failure: a full disk must not stop the answer on screen.
 * @returns whether the write succeeded.
 */
export async function saveMessage(
  deps: Pick<TurnDeps, 'store'>,
  events: Pick<TurnEvents, 'saveFailed'>,
  message: StoredMessage,
): Promise<boolean> {
  try {
    await deps.store.putMessage(message);
    return true;
  } catch (error) {
    events.saveFailed(error);
    return false;
  }
}

/** Stores the question; see TurnEvents.saveFailed for failures. */
export async function storeQuestion(
  message: StoredMessage,
  deps: TurnDeps,
  events: TurnEvents,
): Promise<boolean> {
  return saveMessage(deps, events, message);
}

/** The ids of sent snippets the answer cites; if it cites none by id, all that were sent (they shaped it). */
export function citedIds(raw: string, sent: readonly Snippet[]): string[] {
  const cited = sent.filter((s) => raw.includes(`[${s.id}]`)).map((s) => s.id);
  return cited.length ? cited : sent.map((s) => s.id);
}

/**
 * Retrieves, builds the prompt, streams the answer and stores it. The partial answer is saved with status
 * 'streaming' at most every saveIntervalMs, and the final one replaces it: 'complete', 'interrupted' (stopped
 * by the patient or cut at the length limit) or 'error'.
 * @returns the outcome; never rejects (engine and storage failures are part of the outcome and events).
 */
export async function answerQuestion(
  input: AnswerInput,
  deps: TurnDeps,
  events: TurnEvents,
): Promise<AnswerOutcome> {
  const inScript = input.inScript ?? ((text: string) => text);
  const { question, lang } = input;
  const triage: TriageResult = {
    level: question.triage?.level ?? 'none',
    categories: question.triage?.categories ?? [],
    matched: [],
  };
  const snippets = await deps.retrieve(question.text, lang);
  const reserve = deps.answerReserve ?? DEFAULT_ANSWER_RESERVE;
  const built = await buildMessages({
    lang,
    profile: input.profile,
    snippets,
    history: input.history,
    question: question.text,
    budget: promptBudget(deps.contextWindow, reserve),
    countTokens: deps.countTokens,
  });
  if (built.kind === 'overflow') return built;
  events.context({
    snippets: built.snippets,
    droppedTurns: built.droppedTurns,
    // With no earlier turn kept, what the model sees starts at the question itself.
    contextStartId: built.contextStartId ?? question.id,
  });

  const draft: StoredMessage = {
    id: input.answerId ?? deps.newId(),
    conversationId: question.conversationId,
    role: 'assistant',
    createdAt: deps.now(),
    text: '',
    rawText: '',
    status: 'streaming',
    triage: question.triage,
    modelId: deps.modelId,
  };
  const turn: TurnContext = { lang, triage, region: deps.region };
  const interval = deps.saveIntervalMs ?? 2000;
  let raw = '';
  let lastSave = deps.now();
  // Writes are chained so a slow periodic save never lands after (and overwrites) the final one.
  let pending: Promise<unknown> = Promise.resolve();
  let saveFailedOnce = false;
  const quietEvents: TurnEvents = {
    ...events,
    saveFailed: (error) => {
      if (!saveFailedOnce) events.saveFailed(error);
      saveFailedOnce = true;
    },
  };

  // The model's own triage line, read once: it may raise the question's level in this same turn.
  const readModelTriage = modelTriageReader();
  let modelLevelRead = false;
  let questionNow = question;
  const noteModelLevel = (level: TriageLevel | null) => {
    if (modelLevelRead) return;
    modelLevelRead = true;
    const raised = raiseTriage(question.triage, level);
    if (!raised) return;
    questionNow = { ...question, triage: raised };
    draft.triage = raised;
    turn.triage = { level: raised.level, categories: raised.categories, matched: [] };
    const emergency =
      raised.level === 'emergency'
        ? deps.safety.emergencyGuidance(
            raised.categories,
            deps.region,
            lang,
            deps.safety.aboutSomeoneElse(question.text),
          )
        : null;
    events.triageRaised(questionNow, emergency);
    pending = pending.then(() => saveMessage(deps, quietEvents, questionNow));
  };

  let result: GenerateResult | null = null;
  let failure: unknown = null;
  try {
    result = await deps.engine.generate(built.messages, {
      ...deps.generation,
      signal: input.signal,
      maxTokens: reserve,
      onToken: (delta) => {
        raw += delta;
        const split = readModelTriage(raw);
        if (!split.pending) noteModelLevel(split.level);
        events.token(split.body);
        if (deps.now() - lastSave >= interval) {
          lastSave = deps.now();
          // Post-processed like the final answer, so one cut off by a crash still carries the disclaimer.
          const shownSoFar = inScript(deps.safety.postprocess(split.body, turn).text);
          const partial = { ...draft, text: shownSoFar, rawText: raw };
          pending = pending.then(() => saveMessage(deps, quietEvents, partial));
        }
      },
    });
    raw = result.text;
  } catch (error) {
    failure = error;
  }

  const final = readModelTriage(raw, true);
  noteModelLevel(final.level);
  const shown = deps.safety.postprocess(final.body, turn);
  const message: StoredMessage = {
    ...draft,
    text: inScript(shown.text),
    rawText: raw,
    status: failure ? 'error' : result?.finishReason === 'stop' ? 'complete' : 'interrupted',
    citations: citedIds(raw, built.snippets),
    ...(result?.usage ? { usage: result.usage } : {}),
  };
  events.answer(message);
  await pending;
  await saveMessage(deps, quietEvents, message);
  return failure ? { kind: 'failed', message, error: failure } : { kind: 'answered', message };
}
