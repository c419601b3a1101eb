import type { SettingStore } from './setting.ts';

/** Whether the patient has read the first-visit notice. Same storage as the language choice. */
export class OnboardingState {
  #store: SettingStore;
  done = $state(false);

  constructor(store: SettingStore) {
    this.#store = store;
    this.done = store.get() === '1';
  }

  finish(): void {
    this.done = true;
    this.#store.set('1');
  }
}
