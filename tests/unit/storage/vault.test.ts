import { describe, expect, it } from 'vitest';
import { HistoryVault } from '$lib/storage/vault.ts';
import { createPinLock } from '$lib/storage/crypto.ts';
import { StorageError, emptyProfile } from '$lib/storage/types.ts';

const conversation = {
  id: 'c1',
  title: '胸口痛',
  lang: 'zh' as const,
  createdAt: 1,
  updatedAt: 2,
  profile: emptyProfile(),
  messageCount: 0,
  preview: '',
};

describe('HistoryVault', () => {
  it('without a PIN, records pass through as they are', async () => {
    const vault = new HistoryVault();
    vault.adopt(null);
    expect(vault.state).toBe('none');
    expect(await vault.sealConversation(conversation)).toEqual(conversation);
  });

  it('with a PIN, what a person wrote is sealed, and opens again only while unlocked', async () => {
    const { lock, key } = await createPinLock('2468', 1000);
    const vault = new HistoryVault();
    vault.adopt(lock);
    expect(vault.state).toBe('locked');
    await expect(vault.sealConversation(conversation)).rejects.toBeInstanceOf(StorageError);
    expect(await vault.unlock('0000')).toBe(false);
    expect(await vault.unlock('2468')).toBe(true);
    const sealed = await vault.sealConversation(conversation);
    expect(JSON.stringify(sealed)).not.toContain('胸口痛');
    expect(await vault.openConversation(sealed)).toEqual(conversation);
    vault.lock();
    await expect(vault.openConversation(sealed)).rejects.toMatchObject({ kind: 'locked' });
    vault.replace(lock, key);
    expect(vault.state).toBe('unlocked');
  });

  it('a PIN changed by another tab is noticed, and drops the key', async () => {
    const first = await createPinLock('1111', 1000);
    const second = await createPinLock('2222', 1000);
    const vault = new HistoryVault();
    expect(vault.adopt(first.lock)).toBe(false); // the first read is no change
    await vault.unlock('1111');
    expect(vault.adopt(first.lock)).toBe(false);
    expect(vault.adopt(second.lock)).toBe(true);
    expect(vault.state).toBe('locked');
  });
});
