import type { LockState } from '$lib/storage/conversations.ts';

/** The PIN operations of the history store (IdbConversationStore implements them). */
export interface PinVault {
  lockState(): Promise<LockState>;
  /** @returns false when the PIN is wrong. */
  unlock(pin: string): Promise<boolean>;
  lock(): void;
  setPin(pin: string): Promise<void>;
  removePin(): Promise<void>;
  eraseEverything(): Promise<void>;
  /** Another tab changed the PIN. @returns a function that stops listening. */
  onLockChange?(listener: () => void): () => void;
}

export interface ClinicDeps {
  vault: PinVault;
  /** Read on every check, so a changed setting applies at once. */
  lockAfterMinutes: () => number;
  /** Where a new patient starts. */
  goToChat: () => void;
  /** Where the patient's activity is heard (the window). */
  activity: EventTarget;
  /** True while an answer is being written: inactivity never locks mid-answer, so it is saved whole. */
  busy?: () => boolean;
  now?: () => number;
}

/** Events that count as someone using the app. */
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** How often inactivity is checked; locking up to this much late is fine, and cheaper than a timer per key. */
export const LOCK_CHECK_INTERVAL_MS = 10_000;

/**
 * Clinic mode for shared devices: one-tap "New patient" and the optional PIN lock.
 *
 * For the chat screen: watch `session`. Every call to {@link ClinicState.newPatient} (and erasing all history)
 * increments it; when it changes, drop the conversation on screen, abort any answer in progress and start a
 * fresh, empty conversation. The chat screen may call `newPatient()` itself too.
 *
 * While `locked` is true the app shows only the lock screen, and the store refuses reads and writes with
 * StorageError('locked').
 */
export class ClinicState {
  /** Increments on each new patient; see the class comment. */
  session = $state(0);
  /** 'unknown' until the database has been read at start-up. */
  lockState = $state<LockState | 'unknown'>('unknown');

  #deps: ClinicDeps;
  #now: () => number;
  #lastActivity: number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #stopListening: (() => void) | null = null;
  #onActivity = () => {
    this.#lastActivity = this.#now();
  };
  #onVisibility = () => this.checkInactivity();

  constructor(deps: ClinicDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#lastActivity = this.#now();
  }

  get locked(): boolean {
    return this.lockState === 'locked';
  }

  get hasPin(): boolean {
    return this.lockState === 'locked' || this.lockState === 'unlocked';
  }

  /**
   * Reads whether a PIN is set (then the app starts locked) and starts listening for activity.
   * Never throws: without a usable database there is no stored history to lock, so the state becomes 'none'
   * (the store itself reports the failure on use).
   */
  async start(): Promise<void> {
    for (const type of ACTIVITY_EVENTS) {
      this.#deps.activity.addEventListener(type, this.#onActivity, { passive: true });
    }
    this.#deps.activity.addEventListener('visibilitychange', this.#onVisibility);
    this.#timer = setInterval(() => this.checkInactivity(), LOCK_CHECK_INTERVAL_MS);
    this.#stopListening =
      this.#deps.vault.onLockChange?.(() => {
        void this.#deps.vault.lockState().then((state) => (this.lockState = state));
      }) ?? null;
    try {
      this.lockState = await this.#deps.vault.lockState();
    } catch {
      this.lockState = 'none';
    }
  }

  stop(): void {
    for (const type of ACTIVITY_EVENTS) {
      this.#deps.activity.removeEventListener(type, this.#onActivity);
    }
    this.#deps.activity.removeEventListener('visibilitychange', this.#onVisibility);
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#stopListening?.();
    this.#stopListening = null;
  }

  /** Clears the current session in one tap: the chat screen starts an empty conversation. */
  newPatient(): void {
    this.clearSession();
    this.#deps.goToChat();
  }

  /** Ends the session on screen without moving, e.g. after history was deleted from Settings. */
  clearSession(): void {
    this.session += 1;
  }

  /** Locks when a PIN is set and nobody has used the app for the configured time. */
  checkInactivity(): void {
    if (this.lockState !== 'unlocked') return;
    if (this.#deps.busy?.()) {
      this.#lastActivity = this.#now(); // the wait starts again once the answer is done
      return;
    }
    const idleMs = this.#now() - this.#lastActivity;
    if (idleMs >= this.#deps.lockAfterMinutes() * 60_000) this.lock();
  }

  lock(): void {
    if (!this.hasPin) return;
    this.#deps.vault.lock();
    this.lockState = 'locked';
  }

  /** @returns false when the PIN is wrong. */
  async unlock(pin: string): Promise<boolean> {
    const ok = await this.#deps.vault.unlock(pin);
    if (ok) {
      this.#lastActivity = this.#now();
      this.lockState = await this.#deps.vault.lockState();
    }
    return ok;
  }

  /**
   * Sets a PIN, or changes it when `currentPin` is right. Existing history is re-encrypted.
   * @returns false when a PIN is already set and `currentPin` is wrong.
   */
  async setPin(pin: string, currentPin = ''): Promise<boolean> {
    if (this.hasPin && !(await this.#deps.vault.unlock(currentPin))) return false;
    await this.#deps.vault.setPin(pin);
    this.lockState = 'unlocked';
    return true;
  }

  /** @returns false when `currentPin` is wrong; otherwise history is stored without encryption again. */
  async removePin(currentPin: string): Promise<boolean> {
    if (!(await this.#deps.vault.unlock(currentPin))) return false;
    await this.#deps.vault.removePin();
    this.lockState = 'none';
    return true;
  }

  /** Deletes all history and the PIN: the only way out when the PIN is forgotten. */
  async eraseEverything(): Promise<void> {
    await this.#deps.vault.eraseEverything();
    this.lockState = 'none';
    this.newPatient();
  }
}
