/**
 * Chinese wording, the source of truth for every key. Each feature owns one namespace file; English
 * must satisfy the same type, so a key missing in English fails the type check.
 */
import common from './common.ts';

export const zh = { common };

export type Messages = typeof zh;
