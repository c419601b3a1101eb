import {
  contentLang,
  defaultLang,
  htmlLang,
  isUiLang,
  messages,
  type Lang,
  type Messages,
  type UiLang,
} from '$lib/i18n/index.ts';
import type { SettingStore } from './setting.ts';

/** What Traditional Chinese needs, loaded on demand (lib/i18n/zh-Hant.ts). */
export interface HantKit {
  zhHant: Messages;
  toTraditional(text: string): string;
}

/** The interface language a visit starts in: the one chosen before, else the browser's. */
export function initialLang(store: SettingStore, navigatorLanguages: readonly string[]): UiLang {
  const saved = store.get();
  return isUiLang(saved) ? saved : defaultLang(navigatorLanguages);
}

/**
 * The patient's interface language: chosen once, remembered, reflected on <html lang>. Traditional
 * Chinese is the Simplified wording converted, so choosing it first loads the converter; until it is
 * there (a few milliseconds from the app's cache) the Simplified wording stands in.
 */
export class Locale {
  #store: SettingStore;
  #loadHant: () => Promise<HantKit>;
  #choice = $state<UiLang>('zh');
  #hant = $state.raw<HantKit | null>(null);

  constructor(
    store: SettingStore,
    navigatorLanguages: readonly string[],
    loadHant: () => Promise<HantKit>,
    preloaded: HantKit | null = null,
  ) {
    this.#store = store;
    this.#loadHant = loadHant;
    this.#hant = preloaded;
    this.#choice = initialLang(store, navigatorLanguages);
    if (this.#choice === 'zh-Hant') void this.#ensureHant();
  }

  /** The interface language as chosen: zh (Simplified), zh-Hant or en. */
  get choice(): UiLang {
    return this.#choice;
  }

  /** The content language: what knowledge, triage, redaction and the model work in. */
  get lang(): Lang {
    return contentLang(this.#choice);
  }

  /** The wording for the current language. */
  get t(): Messages {
    if (this.#choice === 'zh-Hant' && this.#hant) return this.#hant.zhHant;
    return messages[this.lang];
  }

  get htmlLang(): string {
    return htmlLang(this.#choice);
  }

  /**
   * Text from data rather than the wording files (a crisis line's name, a model's name, a guide entry's
   * title, emergency steps), in the interface's script.
   */
  show(text: string): string {
    return this.#choice === 'zh-Hant' && this.#hant ? this.#hant.toTraditional(text) : text;
  }

  async set(lang: UiLang): Promise<void> {
    this.#choice = lang;
    this.#store.set(lang);
    if (lang === 'zh-Hant') await this.#ensureHant();
  }

  async #ensureHant(): Promise<void> {
    if (this.#hant) return;
    try {
      this.#hant = await this.#loadHant();
    } catch {
      // The converter could not load (an old cache offline): the Simplified wording stays, nothing breaks.
    }
  }
}
