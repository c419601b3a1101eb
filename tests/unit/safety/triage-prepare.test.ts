import { describe, expect, it, vi } from 'vitest';

describe('prepareTriage', () => {
  it('compiles the built-in rules one language per call, and triage gives the same answers either way', async () => {
    vi.resetModules();
    const cold = await import('../../../src/lib/safety/triage.ts');
    const message = '我爸胸口像压了块大石头，一直出冷汗';
    const before = cold.triage(message); // compiled on demand

    vi.resetModules();
    const warm = await import('../../../src/lib/safety/triage.ts');
    const steps = [warm.prepareTriage(), warm.prepareTriage(), warm.prepareTriage()];
    expect(steps).toEqual([false, true, true]); // zh, then en; nothing left after that
    expect(warm.triage(message)).toEqual(before);
    expect(before.level).toBe('emergency');
    expect(warm.triage('my dad has crushing chest pain and is sweating').level).toBe('emergency');
  });
});
