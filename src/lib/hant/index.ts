/**
 * Traditional Chinese, loaded on demand (it carries OpenCC's tables): the converter for the app's own
 * wording, the script check for what the patient writes, and the way back to Simplified for looking a
 * Traditional question up in the health guide.
 */
import { toSimplified } from './convert.ts';
import { chineseScript } from './detect.ts';

export { toSimplified, toTraditional } from './convert.ts';
export { chineseScript };

/** A question as the health guide is written (Simplified), so a Traditional question finds its entries. */
export function guideLookupText(text: string): string {
  return chineseScript(text) === 'hant' ? toSimplified(text) : text;
}
