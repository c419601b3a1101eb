/**
 * Wires the chat session to the app's real pieces: the safety pipeline, the built-in knowledge base, the
 * engine state (web-llm, or the scripted test double in the e2e build), the patient's region and the history
 * store. The one place that knows which implementations the app uses.
 */
import { emergencyGuidance, postprocess, redact, triage } from '$lib/safety/index.ts';
import { KnowledgeIndex, loadBuiltinEntries } from '$lib/knowledge/index.ts';
import { ChatSession } from '$lib/state/chat.svelte.ts';
import type { EngineState } from '$lib/state/engine.svelte.ts';
import type { Preferences } from '$lib/state/preferences.svelte.ts';
import type { ConversationStore } from '$lib/storage/types.ts';

/** Snippets retrieved per question before fitting; more rarely fit a 4k window anyway. */
const SNIPPETS_PER_QUESTION = 3;
/** How long a question waits for the knowledge base still loading at start-up. */
const KNOWLEDGE_WAIT_MS = 3000;
/** Least time between two updates of a streaming answer on screen, plus up to one frame. */
const STREAM_UPDATE_MS = 50;

export function createBrowserChatSession(deps: {
  store: ConversationStore;
  engineState: EngineState;
  preferences: Preferences;
}): ChatSession {
  let index: KnowledgeIndex | null = null;
  // Loaded in the background from the start. A question asked before it arrives waits for it briefly; if it
  // cannot be fetched, questions are answered without snippets rather than not at all.
  const loading = loadBuiltinEntries()
    .then((entries) => (index = KnowledgeIndex.fromEntries(entries)))
    .catch(() => null);
  const ready = (): Promise<KnowledgeIndex | null> =>
    index
      ? Promise.resolve(index)
      : Promise.race([loading, new Promise<null>((r) => setTimeout(() => r(null), KNOWLEDGE_WAIT_MS))]);
  return new ChatSession({
    store: deps.store,
    safety: { redact, triage, emergencyGuidance, postprocess },
    retrieve: async (query, lang) =>
      (await ready())?.search(query, { lang, limit: SNIPPETS_PER_QUESTION }) ?? [],
    describeSource: (id) => index?.get(id),
    engine: () => {
      const state = deps.engineState;
      if (!state.ready || !state.modelId) return null;
      return {
        engine: state.engine,
        modelId: state.modelId,
        contextWindow: state.contextWindow,
        generation: state.generation,
      };
    },
    region: () => deps.preferences.region,
    // Streaming text is shown at most about 15 times a second, each time in a frame: reading does not need 60
    // updates a second, and each costs style, layout and paint of the growing answer (scripts/bench/chat.bench.ts).
    scheduleFrame: (update) => setTimeout(() => requestAnimationFrame(() => update()), STREAM_UPDATE_MS),
  });
}
