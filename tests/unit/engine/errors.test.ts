import { describe, expect, it } from 'vitest';
import { EngineError, toEngineError } from '../../../src/lib/engine/errors.ts';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('toEngineError', () => {
  it.each([
    [named('WebGPUNotAvailableError', 'WebGPU is not supported in your current environment'), 'noWebGPU'],
    [named('ShaderF16SupportError', 'This model requires WebGPU extension shader-f16'), 'noShaderF16'],
    [named('DeviceLostError', 'The WebGPU device was lost while loading the model.'), 'deviceLost'],
    [new Error('Failed to allocate buffer: out of memory'), 'outOfMemory'],
    [new DOMException('Quota exceeded.', 'QuotaExceededError'), 'quota'],
    [new TypeError('Failed to fetch'), 'network'],
    [
      named('CompileError', 'WebAssembly.instantiate(): expected magic word 00 61 73 6d'),
      'libraryIncompatible',
    ],
    [new EngineError('corrupt', 'x'), 'corrupt'],
    [new Error('size mismatch'), 'corrupt'],
    ['something odd', 'unknown'],
  ])('%s -> %s', (raw, kind) => {
    expect(toEngineError(raw).kind).toBe(kind);
  });

  it('survives the worker boundary as plain data', () => {
    const e = new EngineError('deviceLost', 'lost');
    expect(EngineError.fromData(structuredClone(e.toData()))).toMatchObject({
      kind: 'deviceLost',
      detail: 'lost',
    });
  });
});
