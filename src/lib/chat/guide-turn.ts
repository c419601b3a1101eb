/**
 * A turn answered by the built-in health guide instead of a model: when none is chosen yet, it is still
 * downloading, the device can run none, or the engine failed. The question has already gone through redact
 * and triage (prepareQuestion), so an emergency card is on screen whatever happens here; this retrieves,
 * composes the answer from the best-matching entries, post-processes it like any answer (disclaimer,
 * medicine note, dose check) and stores it. Pure orchestration, tested in Node.
 */
import { composeGuideAnswer } from '../knowledge/guide/answer.ts';
import type { TurnContext, TriageResult } from '../safety/types.ts';
import type { StoredMessage } from '../storage/types.ts';
import { saveMessage, type AnswerInput, type TurnDeps, type TurnEvents } from './turn.ts';

export type GuideTurnDeps = Pick<TurnDeps, 'safety' | 'retrieve' | 'store' | 'region' | 'now' | 'newId'>;

/**
 * Answers from the guide and stores the answer (saveFailed reports a write that failed; the answer still
 * reaches the screen through events.answer).
 * @returns the stored answer; never rejects.
 */
export async function answerFromGuide(
  input: Pick<AnswerInput, 'question' | 'lang' | 'answerId' | 'inScript'>,
  deps: GuideTurnDeps,
  events: Pick<TurnEvents, 'context' | 'answer' | 'saveFailed'>,
): Promise<StoredMessage> {
  const { question, lang } = input;
  let snippets: Awaited<ReturnType<TurnDeps['retrieve']>> = [];
  try {
    snippets = await deps.retrieve(question.text, lang);
  } catch {
    // No knowledge base (it failed to load): the guide says it has nothing close enough, which is true.
  }
  const guide = composeGuideAnswer(snippets, lang);
  const quoted = guide.kind === 'matched' ? snippets.filter((s) => guide.entryIds.includes(s.id)) : [];
  events.context({ snippets: quoted, droppedTurns: 0, contextStartId: null });
  const triage: TriageResult = {
    level: question.triage?.level ?? 'none',
    categories: question.triage?.categories ?? [],
    matched: [],
  };
  const turn: TurnContext = { lang, triage, region: deps.region };
  const message: StoredMessage = {
    id: input.answerId ?? deps.newId(),
    conversationId: question.conversationId,
    role: 'assistant',
    createdAt: deps.now(),
    text: (input.inScript ?? ((text: string) => text))(deps.safety.postprocess(guide.text, turn).text),
    // What a model sees of this turn later: the quoted guidance, or nothing when the guide had none.
    rawText: guide.kind === 'matched' ? guide.body : '',
    status: 'complete',
    triage: question.triage,
    answeredBy: 'guide',
    ...(guide.kind === 'matched' ? { citations: guide.entryIds } : {}),
  };
  events.answer(message);
  await saveMessage(deps, events, message);
  return message;
}
