/**
 * TEST DOUBLE: a scripted engine backend for end-to-end tests. It does no inference and loads no model: it
 * replays text that the test chose beforehand, piece by piece, so specs can watch streaming, stop,
 * emergencies and rendering exactly. It plugs in behind the same EngineBackend interface as web-llm and
 * llama.cpp, inside a real worker (scripted-worker.ts), so the scripted specs also run the app's worker
 * client, host and protocol. Only the e2e build (`vite build --mode e2e`, dist-e2e/) contains it: its
 * vite.config swaps src/app/engine-services.ts for scripted-services.ts.
 *
 * A spec sets the script before the app loads (or any time before a question is sent; it is read per answer):
 *
 *   await page.addInitScript(() => {
 *     window.__E2E_SCRIPT__ = {
 *       rules: [{ match: '胸口痛', reply: '请立即拨打急救电话。' }], // regex source, tested on the last user message
 *       defaultReply: 'Scripted reply.',                              // when no rule matches
 *       tokenDelayMs: 30,                                             // pause before each piece (default 20)
 *       chunk: 'word',                                                // 'char' (default) or 'word'
 *     };
 *   });
 *
 * A rule may also make the answer fail the way the real engine does, to test recovery:
 *
 *   { match: '头痛', reply: '先休息,多喝水。', fail: { kind: 'deviceLost', afterPieces: 3 } }
 *
 * streams the first 3 pieces of the reply, then fails with an `EngineError` of that kind, as if the GPU device
 * were lost mid-answer. A stop before that point ends the answer normally, like the real engine.
 *
 * `maxTokens` is not enforced: the script decides how long a reply is (the bench streams 2,000 pieces).
 * Every call's messages are appended to `window.__E2E_LOG__` (by scripted-services.ts, on the page) so a spec
 * can check what reached the "model" (for example, that a redacted phone number never did). Token counts use
 * the prompt module's estimate.
 */
import type { EngineBackend, StreamPiece } from '../../src/lib/engine/worker/backend.ts';
import type { ChatMessage } from '../../src/lib/engine/types.ts';
import { EngineError, type EngineErrorKind } from '../../src/lib/engine/errors.ts';
import { estimateTokens } from '../../src/lib/prompt/tokens.ts';

/** Makes a scripted answer fail after some pieces, as the real engine does when the GPU is lost. */
export interface ScriptedFailure {
  kind: EngineErrorKind;
  /** Pieces of the reply streamed before the failure (default 0: it fails before the first). */
  afterPieces?: number;
}

export interface ScriptedRule {
  /** Regex source (Unicode mode), tested on the last user message. */
  match: string;
  reply: string;
  fail?: ScriptedFailure;
}

export interface E2EScript {
  rules?: ScriptedRule[];
  defaultReply?: string;
  tokenDelayMs?: number;
  chunk?: 'char' | 'word';
}

/** The id the double reports once "loaded"; it is in no registry. */
export const SCRIPTED_MODEL_ID = 'scripted-test-double';

const FALLBACK_REPLY = '这是脚本化测试替身的默认回答。This is the scripted test double’s default reply.';

/** The first rule whose pattern matches the last user message, if any. */
function matchingRule(script: E2EScript, messages: ChatMessage[]): ScriptedRule | undefined {
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  return script.rules?.find((r) => new RegExp(r.match, 'u').test(lastUser));
}

/** The reply the script picks for these messages: the first rule whose pattern matches the last user message. */
export function scriptedReply(script: E2EScript, messages: ChatMessage[]): string {
  return matchingRule(script, messages)?.reply ?? script.defaultReply ?? FALLBACK_REPLY;
}

/**
 * Splits a reply into the pieces it is streamed in. 'char': one code point each. 'word': each Han character
 * alone, other runs of non-space characters with the spaces after them.
 */
export function scriptedPieces(reply: string, chunk: E2EScript['chunk'] = 'char'): string[] {
  if (chunk === 'word') return reply.match(/[\u3400-\u9fff]|[^\s\u3400-\u9fff]+\s*|\s+/gu) ?? [];
  return Array.from(reply);
}

/** Waits `ms`, or less if the signal aborts first. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * The scripted backend. Nothing is downloaded; `load` reports progress and succeeds at once.
 * @param script the script in force, read at each answer
 */
export function scriptedBackend(script: () => E2EScript): EngineBackend {
  return {
    async load(_modelId, _settings, onProgress) {
      onProgress(1, 'scripted test double: nothing to load');
    },

    async *stream(messages, _options, signal): AsyncIterable<StreamPiece> {
      const current = script();
      const pieces = scriptedPieces(scriptedReply(current, messages), current.chunk);
      const fail = matchingRule(current, messages)?.fail;
      const delay = current.tokenDelayMs ?? 20;
      let emitted = 0;
      for (const piece of pieces) {
        if (fail && emitted >= (fail.afterPieces ?? 0)) break;
        await pause(delay, signal);
        if (signal.aborted) return;
        emitted++;
        yield { delta: piece };
      }
      if (fail)
        throw new EngineError(fail.kind, `scripted test double: ${fail.kind} after ${emitted} pieces`);
      yield {
        delta: '',
        finish: 'stop',
        usage: {
          promptTokens: messages.reduce((sum, m) => sum + estimateTokens(m.content), 0),
          completionTokens: emitted,
        },
      };
    },

    async unload() {},
    async isCached() {
      return true;
    },
    async deleteModel() {},
    async loadTokenizer() {
      return { encode: (text: string) => ({ length: estimateTokens(text) }) };
    },
  };
}
