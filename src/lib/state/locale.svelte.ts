import { defaultLang, htmlLang, messages, type Lang, type Messages } from '$lib/i18n/index.ts';
import type { SettingStore } from './setting.ts';

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
