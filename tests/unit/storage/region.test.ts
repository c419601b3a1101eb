import { describe, expect, it } from 'vitest';
import { defaultRegion } from '$lib/state/preferences.svelte.ts';

describe('defaultRegion', () => {
  it.each([
    [['zh-CN'], 'UTC', 'CN'],
    [['zh-HK', 'en'], 'UTC', 'HK'],
    [['zh-TW'], 'UTC', 'TW'],
    [['zh-Hant-TW'], 'UTC', 'TW'],
    [['en-US'], 'Europe/Paris', 'US'],
    [['en-GB'], 'UTC', 'UK'],
    // No region in the language tag: the time zone decides.
    [['en'], 'Asia/Hong_Kong', 'HK'],
    [['en'], 'Asia/Taipei', 'TW'],
    [['en'], 'Europe/London', 'UK'],
    [['en'], 'America/Chicago', 'US'],
    [['zh'], 'UTC', 'CN'],
    // Where the device is beats what language it speaks.
    [['en-US'], 'Asia/Shanghai', 'CN'],
    [['zh-TW'], 'Asia/Hong_Kong', 'HK'],
    // Nothing to go on: 112, the EU number.
    [['fr-FR'], 'Europe/Paris', 'EU'],
    [['de'], undefined, 'EU'],
    [[], undefined, 'EU'],
  ] as const)('%j in %s -> %s', (languages, timeZone, region) => {
    expect(defaultRegion(languages, timeZone)).toBe(region);
  });
});
