/**
 * Chinese wording, the source of truth for every key. Each feature owns one namespace file; English
 * must satisfy the same type, so a key missing in English fails the type check.
 */
import common from './common.ts';
import engine from './engine.ts';
import onboarding from './onboarding.ts';
import history from './history.ts';
import clinic from './clinic.ts';
import chat from './chat.ts';
import evalMessages from './eval.ts';
import knowledge from './knowledge.ts';

export const zh = {
  common,
  engine,
  onboarding,
  history,
  clinic,
  chat,
  eval: evalMessages,
  knowledge,
};

export type Messages = typeof zh;
