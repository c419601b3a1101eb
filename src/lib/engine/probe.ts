/**
 * A quick check of where a model can be downloaded from, before the download starts: one small ranged
 * request per file host (the first bytes of the model's config, library or GGUF file), a few seconds each,
 * all sources at once. The first source in the patient's order that answers with the right kind of file is
 * used. What the others answered tells apart the failures a patient or clinic can act on: the device is
 * offline, a host cannot be reached (named), or an address answers with something that is not a model file
 * (a web page from a wrong mirror address, a 404).
 *
 * Pure over an injected fetch, so Node tests drive every case.
 */
import { EngineError } from './errors.ts';
import { resolveModelUrl, weightFolderUrl, type ModelEntry, type Registry } from './registry.ts';

/** What one file address must start with to be the model's file. */
export interface ProbeTarget {
  url: string;
  /** 'json': a JSON object (mlc-chat-config.json); bytes: a file's magic (wasm's "\0asm", "GGUF"). */
  expect: 'json' | Uint8Array;
}

export type ProbeOutcome =
  | { kind: 'ok' }
  /** Nothing answered in time, or the connection failed: the host is blocked, down or too slow. */
  | { kind: 'unreachable'; url: string }
  /** The host answered, but not with the model file (an HTML page, a 404): the address is wrong. */
  | { kind: 'notModelFile'; url: string; status: number };

export interface ProbeDeps {
  fetch: (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;
  /** How long one request may take; a host slower than this is not usable for gigabytes anyway. */
  timeoutMs: number;
}

/** The first bytes are enough to tell a model file from a web page. */
const PROBE_BYTES = 64;
const WASM_MAGIC = new Uint8Array([0x00, 0x61, 0x73, 0x6d]);
const GGUF_MAGIC = new TextEncoder().encode('GGUF');

/**
 * The files to probe for a model from one source: web-llm's config (weights host) and library (which a
 * source may serve from another host); llama.cpp's first GGUF file.
 * @param mirror '' for the registry's URLs, a source id, or a clinic mirror base
 */
export function probeTargets(
  entry: ModelEntry,
  mirror: string,
  origin: string,
  reg?: Registry,
): ProbeTarget[] {
  if (entry.engine === 'web-llm') {
    return [
      { url: new URL('mlc-chat-config.json', weightFolderUrl(entry, mirror, origin)).href, expect: 'json' },
      { url: resolveModelUrl(entry.libraryUrl, mirror, origin, reg), expect: WASM_MAGIC },
    ];
  }
  return [{ url: resolveModelUrl(entry.files[0]!.url, mirror, origin, reg), expect: GGUF_MAGIC }];
}

async function probeOne(target: ProbeTarget, deps: ProbeDeps): Promise<ProbeOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  try {
    const response = await deps.fetch(target.url, {
      headers: { Range: `bytes=0-${PROBE_BYTES - 1}` },
      signal: controller.signal,
    });
    if (!response.ok) {
      void response.body?.cancel().catch(() => undefined);
      return { kind: 'notModelFile', url: target.url, status: response.status };
    }
    const head = await firstBytes(response, PROBE_BYTES);
    const isPage = /text\/html/i.test(response.headers.get('content-type') ?? '') || startsLikeMarkup(head);
    const fits =
      !isPage &&
      (target.expect === 'json' ? firstNonSpace(head) === '{' : target.expect.every((b, i) => head[i] === b));
    return fits ? { kind: 'ok' } : { kind: 'notModelFile', url: target.url, status: response.status };
  } catch {
    return { kind: 'unreachable', url: target.url };
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function firstBytes(response: Response, n: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer()).slice(0, n);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let have = 0;
  while (have < n) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    have += value.byteLength;
  }
  void reader.cancel().catch(() => undefined);
  const out = new Uint8Array(Math.min(have, n));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, out.length - at);
    out.set(part, at);
    at += part.length;
    if (at >= out.length) break;
  }
  return out;
}

function firstNonSpace(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  return text.trimStart().charAt(0);
}

function startsLikeMarkup(bytes: Uint8Array): boolean {
  return firstNonSpace(bytes) === '<';
}

/**
 * Probes one source: every target at once; the first failure (in target order) is the source's outcome.
 */
export async function probeSource(targets: readonly ProbeTarget[], deps: ProbeDeps): Promise<ProbeOutcome> {
  const outcomes = await Promise.all(targets.map((t) => probeOne(t, deps)));
  return outcomes.find((o) => o.kind !== 'ok') ?? { kind: 'ok' };
}

export interface SourceChoice {
  /** The mirror setting to download with. */
  mirror: string;
  /** Every candidate's outcome, in the order tried. */
  outcomes: { mirror: string; outcome: ProbeOutcome }[];
}

/**
 * Probes the candidates (all at once) and picks the first, in the given order, that answers with the model's
 * files.
 * @param candidates mirror settings in the patient's order ('' is the registry's own URLs)
 * @throws EngineError 'offline' when the device reports no network; 'notModelFile' when a host answered with
 *   something else (naming the address); 'hostUnreachable' when none answered (naming the hosts)
 */
export async function chooseSource(
  entry: ModelEntry,
  candidates: readonly string[],
  deps: ProbeDeps & { origin: string; online: () => boolean; registry?: Registry },
): Promise<SourceChoice> {
  if (!deps.online()) throw new EngineError('offline', 'the device reports no network connection');
  const outcomes = await Promise.all(
    candidates.map(async (mirror) => ({
      mirror,
      outcome: await probeSource(probeTargets(entry, mirror, deps.origin, deps.registry), deps),
    })),
  );
  const ok = outcomes.find((o) => o.outcome.kind === 'ok');
  if (ok) return { mirror: ok.mirror, outcomes };
  // The network went while probing: that, not the hosts, is what the patient can fix.
  if (!deps.online()) throw new EngineError('offline', 'the device lost its network connection');
  const wrong = outcomes.find((o) => o.outcome.kind === 'notModelFile');
  if (wrong && wrong.outcome.kind === 'notModelFile') {
    const { url, status } = wrong.outcome;
    throw new EngineError('notModelFile', `HTTP ${status} for ${url}: not a model file`, new URL(url).host);
  }
  const hosts = [
    ...new Set(
      outcomes.flatMap((o) => (o.outcome.kind === 'unreachable' ? [new URL(o.outcome.url).host] : [])),
    ),
  ];
  throw new EngineError(
    'hostUnreachable',
    `no answer within ${deps.timeoutMs} ms from ${hosts.join(', ')}`,
    hosts.join(', '),
  );
}
