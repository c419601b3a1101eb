import { describe, expect, it } from 'vitest';
import { chooseSource, probeTargets } from '../../../src/lib/engine/probe.ts';
import { sourceHost, sourceOrder } from '../../../src/lib/engine/registry.ts';
import { EngineError } from '../../../src/lib/engine/errors.ts';
import { findModel, registry } from '../../../src/lib/engine/registry.ts';
import { MemoryHost } from './memory-doubles.ts';

const ORIGIN = 'https://app.example';
const webLlm = findModel(registry.defaultModelId);
const gguf = findModel('Qwen3-0.6B-Q8_0-GGUF');
const enc = new TextEncoder();

/** A host serving the probed files of a model from one source, as the real files begin. */
function serve(host: MemoryHost, mirror: string, entry = webLlm): void {
  for (const t of probeTargets(entry, mirror, ORIGIN)) {
    host.files.set(
      t.url,
      t.expect === 'json' ? enc.encode('{"model_type":"qwen3"}') : new Uint8Array([...t.expect, 1, 2, 3]),
    );
  }
}

function deps(host: MemoryHost, over: Partial<Parameters<typeof chooseSource>[2]> = {}) {
  return {
    fetch: (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => {
      if (/unreachable|hf-mirror\.com|jsdelivr/.test(url) && !host.files.has(url))
        return Promise.reject(new TypeError('Failed to fetch'));
      return host.fetch(url, init);
    },
    timeoutMs: 200,
    origin: ORIGIN,
    online: () => true,
    ...over,
  };
}

describe('chooseSource', () => {
  it('picks the first source in order that answers with the model files, with one small ranged request each', async () => {
    const host = new MemoryHost();
    serve(host, '');
    serve(host, 'hf-mirror');
    const choice = await chooseSource(webLlm, ['hf-mirror', ''], deps(host));
    expect(choice.mirror).toBe('hf-mirror');
    expect(host.log.every((r) => r.range === 'bytes=0-63')).toBe(true);
    // Config and library for each of the two sources, all at once.
    expect(host.log).toHaveLength(4);
  });

  it('skips a source that cannot be reached and uses the next', async () => {
    const host = new MemoryHost();
    serve(host, '');
    const choice = await chooseSource(webLlm, ['hf-mirror', ''], deps(host));
    expect(choice.mirror).toBe('');
    expect(choice.outcomes[0]!.outcome.kind).toBe('unreachable');
  });

  it('names the hosts when none answers', async () => {
    const host = new MemoryHost();
    const error = await chooseSource(webLlm, ['hf-mirror'], deps(host)).catch((e) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe('hostUnreachable');
    expect((error as EngineError).host).toContain('hf-mirror.com');
  });

  it('gives up on a host that does not answer within the time allowed', async () => {
    // A host that accepts the connection and then says nothing, until the check gives up on it.
    const slow = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<Response>((_, reject) => {
        init.signal.addEventListener('abort', () => reject(new DOMException('timeout', 'AbortError')));
      });
    const started = Date.now();
    const error = await chooseSource(gguf, [''], {
      ...deps(new MemoryHost()),
      fetch: slow,
      timeoutMs: 50,
    }).catch((e) => e);
    expect((error as EngineError).kind).toBe('hostUnreachable');
    expect((error as EngineError).host).toBe('huggingface.co');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('tells a wrong mirror address (a web page, or a 404) from an unreachable host', async () => {
    const host = new MemoryHost();
    const mirror = 'https://mirror.clinic/models/';
    for (const t of probeTargets(gguf, mirror, ORIGIN)) {
      host.files.set(t.url, enc.encode('<!DOCTYPE html><html>clinic portal</html>'));
      host.types.set(t.url, 'text/html; charset=utf-8');
    }
    const page = await chooseSource(gguf, [mirror], deps(host)).catch((e) => e);
    expect((page as EngineError).kind).toBe('notModelFile');
    expect((page as EngineError).host).toBe('mirror.clinic');

    const missing = await chooseSource(gguf, ['https://empty.clinic/'], deps(new MemoryHost())).catch(
      (e) => e,
    );
    expect((missing as EngineError).kind).toBe('notModelFile');
    expect((missing as EngineError).detail).toMatch(/HTTP 404/);
  });

  it('a GGUF address must answer with a GGUF file, a library with wasm', async () => {
    const host = new MemoryHost();
    for (const t of probeTargets(gguf, '', ORIGIN)) host.files.set(t.url, enc.encode('PK\u0003\u0004zip'));
    expect(((await chooseSource(gguf, [''], deps(host)).catch((e) => e)) as EngineError).kind).toBe(
      'notModelFile',
    );
  });

  it('says the device is offline before asking any host', async () => {
    const host = new MemoryHost();
    const error = await chooseSource(webLlm, ['', 'hf-mirror'], deps(host, { online: () => false })).catch(
      (e) => e,
    );
    expect((error as EngineError).kind).toBe('offline');
    expect(host.log).toEqual([]);
  });
});

describe('sourceOrder', () => {
  it('puts the mainland-China sources first for a patient there, Hugging Face first elsewhere', () => {
    expect(sourceOrder(gguf, true)).toEqual(['hf-mirror', 'modelscope', '']);
    expect(sourceOrder(gguf, false)).toEqual(['', 'hf-mirror', 'modelscope']);
    // ModelScope carries Qwen's GGUF files, not MLC builds.
    expect(sourceOrder(webLlm, true)).toEqual(['hf-mirror', '']);
  });

  it('names the host a source downloads the weights from', () => {
    expect(sourceHost(webLlm, 'hf-mirror', ORIGIN)).toBe('hf-mirror.com');
    expect(sourceHost(gguf, 'modelscope', ORIGIN)).toBe('modelscope.cn');
    expect(sourceHost(gguf, '/models/', ORIGIN)).toBe('app.example');
  });
});
