/**
 * Chinese wording, the source of truth for every key. Each feature owns one namespace file; English
 * must satisfy the same type, so a key missing in English fails the type check.
 */
import common from './common.ts';
import onboarding from './onboarding.ts';

export const zh = {
  common,
  onboarding,
};

export type Messages = typeof zh;
