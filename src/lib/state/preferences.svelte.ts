import type { Region } from '$lib/safety/types.ts';
import type { SettingStore } from './setting.ts';

export const REGIONS: readonly Region[] = ['CN', 'HK', 'TW', 'US', 'UK', 'EU'];

/** Minutes of inactivity before a PIN-protected app locks. */
export const LOCK_AFTER_CHOICES = [1, 2, 5, 10, 15, 30] as const;
export const DEFAULT_LOCK_AFTER_MINUTES = 5;

const BY_LANGUAGE: Record<string, Region> = {
  'zh-cn': 'CN',
  'zh-sg': 'CN',
  'zh-hans': 'CN',
  'zh-hk': 'HK',
  'zh-mo': 'HK',
  'zh-tw': 'TW',
  'zh-hant': 'TW',
  'en-us': 'US',
  'en-gb': 'UK',
};

const BY_TIME_ZONE: Record<string, Region> = {
  'Asia/Shanghai': 'CN',
  'Asia/Urumqi': 'CN',
  'Asia/Chongqing': 'CN',
  'Asia/Hong_Kong': 'HK',
  'Asia/Macau': 'HK',
  'Asia/Taipei': 'TW',
  'Europe/London': 'UK',
};

/**
 * The region whose emergency numbers the app shows before the patient picks one.
 *
 * Order: a time zone the app knows (Asia/Shanghai, Asia/Hong_Kong, Asia/Taipei, Europe/London) says where
 * the device is, which is what emergency numbers depend on; then a language tag with a region (zh-HK, en-GB);
 * then `America/*` means US and plain `zh` means CN. Onboarding shows the guess and asks. Everything else falls back to EU: 112 is the EU number and is also routed by GSM phones in
 * many other countries, so it is the least wrong guess. The patient can always change it in Settings.
 */
export function defaultRegion(languages: readonly string[], timeZone: string | undefined): Region {
  // Where the device is beats what language it speaks: an en-US laptop in Shanghai must not offer 911.
  if (timeZone && BY_TIME_ZONE[timeZone]) return BY_TIME_ZONE[timeZone];
  for (const language of languages) {
    const tag = language.toLowerCase();
    const exact = BY_LANGUAGE[tag] ?? BY_LANGUAGE[tag.split('-').slice(0, 2).join('-')];
    if (exact) return exact;
  }
  if (timeZone?.startsWith('America/')) return 'US';
  if (languages.some((l) => l.toLowerCase().startsWith('zh'))) return 'CN';
  return 'EU';
}

interface Saved {
  region?: unknown;
  lockAfterMinutes?: unknown;
}

/**
 * The patient's or clinic's settings that are not about language: region (emergency numbers) and how
 * soon a PIN-protected app locks. Persisted as one JSON value in localStorage, read synchronously so the
 * first screen already uses them.
 */
export class Preferences {
  #store: SettingStore;
  region = $state<Region>('EU');
  lockAfterMinutes = $state<number>(DEFAULT_LOCK_AFTER_MINUTES);

  /** `timeZone` is asked only when no region is saved: the first Intl call loads time-zone data (tens of ms). */
  constructor(
    store: SettingStore,
    env: { languages: readonly string[]; timeZone?: () => string | undefined },
  ) {
    this.#store = store;
    const saved = parse(store.get());
    this.region = isRegion(saved.region) ? saved.region : defaultRegion(env.languages, env.timeZone?.());
    if (typeof saved.lockAfterMinutes === 'number' && saved.lockAfterMinutes > 0) {
      this.lockAfterMinutes = saved.lockAfterMinutes;
    }
  }

  setRegion(region: Region): void {
    this.region = region;
    this.#save();
  }

  setLockAfterMinutes(minutes: number): void {
    if (!(minutes > 0)) return;
    this.lockAfterMinutes = minutes;
    this.#save();
  }

  #save(): void {
    this.#store.set(JSON.stringify({ region: this.region, lockAfterMinutes: this.lockAfterMinutes }));
  }
}

function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}

function parse(json: string | null): Saved {
  try {
    const value: unknown = json ? JSON.parse(json) : {};
    return typeof value === 'object' && value !== null ? (value as Saved) : {};
  } catch {
    return {}; // a damaged value: start from the defaults rather than fail to start
  }
}
