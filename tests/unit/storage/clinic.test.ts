import { describe, expect, it, vi } from 'vitest';
import { ClinicState, type PinVault } from '$lib/state/clinic.svelte.ts';
import type { LockState } from '$lib/storage/conversations.ts';

/** An in-memory vault with PIN "2468" semantics, enough to drive the state machine. */
function fakeVault(initial: LockState): PinVault & { pin: string | null; unlocked: boolean } {
  return {
    pin: initial === 'none' ? null : '2468',
    unlocked: initial === 'unlocked',
    async lockState() {
      if (this.pin === null) return 'none';
      return this.unlocked ? 'unlocked' : 'locked';
    },
    async unlock(pin) {
      if (this.pin === null) return true;
      if (pin !== this.pin) return false;
      this.unlocked = true;
      return true;
    },
    lock() {
      this.unlocked = false;
    },
    async setPin(pin) {
      this.pin = pin;
      this.unlocked = true;
    },
    async removePin() {
      this.pin = null;
    },
    async eraseEverything() {
      this.pin = null;
      this.unlocked = false;
    },
  };
}

function setup(initial: LockState) {
  let now = 0;
  const vault = fakeVault(initial);
  const activity = new EventTarget();
  const goToChat = vi.fn();
  const clinic = new ClinicState({
    vault,
    lockAfterMinutes: () => 5,
    goToChat,
    activity,
    now: () => now,
  });
  return { clinic, vault, activity, goToChat, advance: (ms: number) => (now += ms) };
}

describe('ClinicState', () => {
  it('newPatient bumps the session the chat screen watches and goes to the chat', () => {
    const { clinic, goToChat } = setup('none');
    clinic.newPatient();
    clinic.newPatient();
    expect(clinic.session).toBe(2);
    expect(goToChat).toHaveBeenCalledTimes(2);
  });

  it('starts locked when a PIN is set', async () => {
    const { clinic } = setup('locked');
    expect(clinic.lockState).toBe('unknown');
    await clinic.start();
    expect(clinic.locked).toBe(true);
    expect(await clinic.unlock('0000')).toBe(false);
    expect(clinic.locked).toBe(true);
    expect(await clinic.unlock('2468')).toBe(true);
    expect(clinic.locked).toBe(false);
    clinic.stop();
  });

  it('locks after the configured inactivity, and activity postpones it', async () => {
    const { clinic, activity, advance } = setup('unlocked');
    await clinic.start();
    advance(4 * 60_000);
    activity.dispatchEvent(new Event('keydown'));
    advance(4 * 60_000);
    clinic.checkInactivity();
    expect(clinic.locked).toBe(false);
    advance(60_000);
    clinic.checkInactivity();
    expect(clinic.locked).toBe(true);
    clinic.stop();
  });

  it('does not lock while an answer is being written, and counts from its end', async () => {
    let now = 0;
    let busy = true;
    const clinic = new ClinicState({
      vault: fakeVault('unlocked'),
      lockAfterMinutes: () => 5,
      goToChat: () => {},
      activity: new EventTarget(),
      busy: () => busy,
      now: () => now,
    });
    await clinic.start();
    now += 10 * 60_000;
    clinic.checkInactivity();
    expect(clinic.locked).toBe(false);
    busy = false;
    now += 4 * 60_000;
    clinic.checkInactivity();
    expect(clinic.locked).toBe(false);
    now += 60_000;
    clinic.checkInactivity();
    expect(clinic.locked).toBe(true);
    clinic.stop();
  });

  it('shows the lock screen when another tab sets a PIN', async () => {
    const vault = fakeVault('none');
    let notify = () => {};
    vault.onLockChange = (listener) => {
      notify = listener;
      return () => (notify = () => {});
    };
    const clinic = new ClinicState({
      vault,
      lockAfterMinutes: () => 5,
      goToChat: () => {},
      activity: new EventTarget(),
    });
    await clinic.start();
    expect(clinic.lockState).toBe('none');
    vault.pin = '2468'; // what the other tab did
    notify();
    await vi.waitFor(() => expect(clinic.locked).toBe(true));
    clinic.stop();
  });

  it('never locks without a PIN', async () => {
    const { clinic, advance } = setup('none');
    await clinic.start();
    advance(60 * 60_000);
    clinic.checkInactivity();
    expect(clinic.lockState).toBe('none');
    clinic.stop();
  });

  it('changing or removing the PIN needs the current one', async () => {
    const { clinic, vault } = setup('unlocked');
    await clinic.start();
    expect(await clinic.setPin('1357', 'wrong')).toBe(false);
    expect(vault.pin).toBe('2468');
    expect(await clinic.setPin('1357', '2468')).toBe(true);
    expect(await clinic.removePin('2468')).toBe(false);
    expect(await clinic.removePin('1357')).toBe(true);
    expect(clinic.hasPin).toBe(false);
    clinic.stop();
  });

  it('erasing everything removes the PIN and starts a new session', async () => {
    const { clinic, goToChat } = setup('locked');
    await clinic.start();
    await clinic.eraseEverything();
    expect(clinic.lockState).toBe('none');
    expect(clinic.session).toBe(1);
    expect(goToChat).toHaveBeenCalled();
    clinic.stop();
  });
});
