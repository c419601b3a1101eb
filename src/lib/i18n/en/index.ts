import type { Messages } from '../zh/index.ts';
import common from './common.ts';
import onboarding from './onboarding.ts';

export const en: Messages = {
  common,
  onboarding,
};
