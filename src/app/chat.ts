/**
 * Wires the chat session to the app's real pieces: the safety pipeline, the knowledge base (built-in and
 * clinic entries), the engine state, the patient's region and the history store. The one place that knows which implementations the app uses.
 */
import { createSubscriber } from 'svelte/reactivity';
import { whenIdle } from './idle.ts';
import {
  aboutSomeoneElse,
  emergencyGuidance,
  postprocess,
  prepareTriage,
  redact,
  triage,
} from '$lib/safety/index.ts';
import type { KnowledgeIndex } from '$lib/knowledge/index.ts';
import { IdbClinicKnowledgeStore } from '$lib/storage/knowledge-store.ts';
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
  /** Whether the interface is in Traditional Chinese. */
  prefersTraditional: () => boolean;
}): ChatSession {
  let index: KnowledgeIndex | null = null;
  let loading: Promise<KnowledgeIndex | null> | null = null;
  const clinicStore = new IdbClinicKnowledgeStore();
  // A clinic's imported entries join the built-in ones, and follow imports and removals made in Settings
  // (or another tab) while the chat is open.
  const syncClinic = async () => {
    index?.replaceClinicEntries(await clinicStore.list());
    knowledgeChanged();
  };
  // Citation lists under stored answers read titles from the index, which may arrive (or change) after they
  // are drawn: they subscribe here and are redrawn when it does.
  let knowledgeChanged = () => {};
  const subscribeToKnowledge = createSubscriber((update) => {
    knowledgeChanged = update;
    return () => (knowledgeChanged = () => {});
  });
  const load = (): Promise<KnowledgeIndex | null> =>
    // The search library comes with the index, in its own chunk: neither is part of the first load.
    (loading ??= import('$lib/knowledge/index.ts')
      .then(async ({ KnowledgeIndex, loadBuiltinEntries }) =>
        KnowledgeIndex.build(await loadBuiltinEntries()),
      )
      .then((built) => (index = built))
      .then(async (built) => {
        knowledgeChanged();
        await syncClinic().catch(() => undefined);
        clinicStore.onChange(() => void syncClinic().catch(() => undefined));
        return built;
      })
      .catch(() => null));
  // The knowledge base (about 80 kB with its search library) is not needed to paint the first screen: it
  // loads once the browser is idle after start-up, keeping the first load small. Not on the first tap: when
  // that tap is "update now", the chunk requests in flight held up the new service worker, and the page never
  // reloaded onto the new version (e2e/prod/update.spec.ts).
  if (typeof window !== 'undefined') {
    // The emergency rules first, one language per task: the first thing typed is triaged without waiting.
    // Then the identifier patterns: a regular expression is compiled on its first use, which made the first
    // send a long task (about 17 ms of its 50); one throwaway pass at idle compiles them all.
    const warmRedaction = () => void redact('电话 13800138000, DOB 1990-01-01, MRN 12345, 住址 北京市', 'zh');
    const prepare = () => void (prepareTriage() ? whenIdle(warmRedaction, 1000) : whenIdle(prepare, 1000));
    whenIdle(prepare, 1000);
    whenIdle(() => void load(), 3000);
  }
  // A question asked before the knowledge base arrives waits for it briefly; if it cannot be loaded, questions
  // are answered without snippets rather than not at all.
  const ready = (): Promise<KnowledgeIndex | null> =>
    index
      ? Promise.resolve(index)
      : Promise.race([load(), new Promise<null>((r) => setTimeout(() => r(null), KNOWLEDGE_WAIT_MS))]);
  return new ChatSession({
    store: deps.store,
    // Its own chunk (OpenCC's tables), cached for offline use like every other.
    traditional: () => import('$lib/hant/index.ts'),
    prefersTraditional: deps.prefersTraditional,
    safety: { redact, triage, emergencyGuidance, postprocess, aboutSomeoneElse },
    retrieve: async (query, lang) => {
      const found = await ready();
      if (!found) return [];
      // The guide is written in Simplified: a question in Traditional is looked up in Simplified.
      const hant = lang === 'zh' ? await import('$lib/hant/index.ts').catch(() => null) : null;
      const lookup = hant ? hant.guideLookupText(query) : query;
      return found.search(lookup, { lang, limit: SNIPPETS_PER_QUESTION });
    },
    // A reopened conversation cites entries before the patient has interacted: its citations load the index.
    describeSource: (id) => {
      subscribeToKnowledge();
      if (!index) void load();
      return index?.get(id);
    },
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
    onEngineLost: (error) => deps.engineState.fail(error),
    // Streaming text is shown at most about 15 times a second, each time in a frame: reading does not need 60
    // updates a second, and each costs style, layout and paint of the growing answer (scripts/bench/chat.bench.ts).
    scheduleFrame: (update) => setTimeout(() => requestAnimationFrame(() => update()), STREAM_UPDATE_MS),
  });
}
