import { describe, expect, it } from 'vitest';
import { StreamBuffer } from '$lib/state/stream-buffer.svelte.ts';

describe('StreamBuffer', () => {
  it('shows only the latest text, once per frame, and nothing for a screen that moved on', () => {
    const frames: (() => void)[] = [];
    const buffer = new StreamBuffer((update) => void frames.push(update));
    buffer.push('a', () => true);
    buffer.push('ab', () => true);
    buffer.push('abc', () => true);
    expect(frames).toHaveLength(1);
    expect(buffer.text).toBe('');
    frames.shift()!();
    expect(buffer.text).toBe('abc');
    buffer.push('abcd', () => false);
    frames.shift()!();
    expect(buffer.text).toBe('abc');
    buffer.clear();
    expect(buffer.text).toBe('');
  });
});
