import type { Messages } from '../zh/index.ts';
import common from './common.ts';

export const en: Messages = { common };
