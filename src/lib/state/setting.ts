/**
 * A small persisted setting, and its localStorage adapter. localStorage, not IndexedDB: settings are read
 * synchronously before the first paint (the language, the region, whether the first-visit notice was read).
 */
export interface SettingStore {
  get(): string | null;
  set(value: string): void;
}

/** The setting under `key` in localStorage; with storage disabled it reads as unset and writes are dropped. */
export function localSetting(key: string): SettingStore {
  return {
    get: () => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null; // storage disabled: the defaults apply, every visit
      }
    },
    set: (value) => {
      try {
        localStorage.setItem(key, value);
      } catch {
        /* the choice still applies for this visit */
      }
    },
  };
}
