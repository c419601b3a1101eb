import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS, createPinLock, deriveKey, seal, unlockPin, unseal } from '$lib/storage/crypto.ts';

/** Low iteration count for speed where the count is not what is under test. */
const FAST = 1_000;

describe('PIN crypto', () => {
  it('uses at least the OWASP PBKDF2-SHA-256 iteration count by default', async () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { lock } = await createPinLock('2468');
    expect(lock.iterations).toBe(PBKDF2_ITERATIONS);
  });

  it('round-trips a value and hides its text', async () => {
    const key = await deriveKey('1234', crypto.getRandomValues(new Uint8Array(16)), FAST);
    const value = { text: '头痛三天 headache', n: 3 };
    const box = await seal(key, value);
    const bytes = new TextDecoder().decode(box.data);
    expect(bytes).not.toContain('headache');
    expect(await unseal(key, box)).toEqual(value);
  });

  it('uses a fresh IV for every record', async () => {
    const key = await deriveKey('1234', crypto.getRandomValues(new Uint8Array(16)), FAST);
    const a = await seal(key, 'same');
    const b = await seal(key, 'same');
    expect(a.iv).toHaveLength(12);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it('gives a different salt to each new lock', async () => {
    const [a, b] = await Promise.all([createPinLock('1234', FAST), createPinLock('1234', FAST)]);
    expect(Buffer.from(a.lock.salt).equals(Buffer.from(b.lock.salt))).toBe(false);
  });

  it.each([
    ['right PIN', '2468', true],
    ['wrong PIN', '2469', false],
    ['empty PIN', '', false],
  ])('unlockPin with the %s', async (_label, attempt, opens) => {
    const { lock, key } = await createPinLock('2468', FAST);
    const box = await seal(key, 'secret');
    const unlocked = await unlockPin(lock, attempt);
    expect(unlocked !== null).toBe(opens);
    if (unlocked) expect(await unseal(unlocked, box)).toBe('secret');
  });

  it('refuses altered ciphertext', async () => {
    const { key } = await createPinLock('2468', FAST);
    const box = await seal(key, 'secret');
    const data = new Uint8Array(box.data.slice(0));
    data[0] = (data[0] ?? 0) ^ 1;
    await expect(unseal(key, { iv: box.iv, data: data.buffer })).rejects.toThrow();
  });
});
