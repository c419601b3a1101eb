import type { Messages } from '../zh/index.ts';
import common from './common.ts';
import engine from './engine.ts';
import onboarding from './onboarding.ts';
import history from './history.ts';
import clinic from './clinic.ts';
import chat from './chat.ts';
import evalMessages from './eval.ts';
import knowledge from './knowledge.ts';

export const en: Messages = {
  common,
  engine,
  onboarding,
  history,
  clinic,
  chat,
  eval: evalMessages,
  knowledge,
};
