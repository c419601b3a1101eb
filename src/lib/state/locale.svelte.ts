import { defaultLang, htmlLang, messages, type Lang, type Messages } from '$lib/i18n/index.ts';

/** A small persisted setting. localStorage, not IndexedDB: it is read synchronously before first paint. */
export interface SettingStore {
  get(): string | null;
  set(value: string): void;
}

/** The patient's language: chosen once, remembered, reflected on <html lang>. */
export class Locale {
  #store: SettingStore;
  lang = $state<Lang>('zh');

  constructor(store: SettingStore, navigatorLanguages: readonly string[]) {
    this.#store = store;
    const saved = store.get();
    this.lang = saved === 'zh' || saved === 'en' ? saved : defaultLang(navigatorLanguages);
  }

  /** The wording for the current language. */
  get t(): Messages {
    return messages[this.lang];
  }

  get htmlLang(): string {
    return htmlLang(this.lang);
  }

  set(lang: Lang): void {
    this.lang = lang;
    this.#store.set(lang);
  }
}

export function localSetting(key = 'lang'): SettingStore {
  return {
    get: () => {
      try {
        return localStorage.getItem(key);
      } catch {
        return null; // storage disabled: fall back to the browser's language, every visit
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
