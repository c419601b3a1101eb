import type { Messages } from '../zh/index.ts';
import common from './common.ts';
import onboarding from './onboarding.ts';
import history from './history.ts';
import clinic from './clinic.ts';

export const en: Messages = {
  common,
  onboarding,
  history,
  clinic,
};
