/**
 * Traditional Chinese wording for Hong Kong, Taiwan and Macau: the Simplified source converted by OpenCC
 * (lib/hant), key by key, so a new key is never missing in Traditional. A template's output is converted
 * after it is filled in. Loaded on demand: only a patient who uses Traditional Chinese downloads the tables.
 */
import { toTraditional } from '../hant/convert.ts';
import { zh, type Messages } from './zh/index.ts';

function convertTree(node: unknown): unknown {
  if (typeof node === 'string') return toTraditional(node);
  if (typeof node === 'function') {
    const template = node as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      const out = template(...args);
      return typeof out === 'string' ? toTraditional(out) : out;
    };
  }
  if (Array.isArray(node)) return node.map(convertTree);
  if (node && typeof node === 'object')
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, convertTree(value)]));
  return node;
}

export const zhHant = convertTree(zh) as Messages;
export { toTraditional };
export { chineseScript } from '../hant/detect.ts';
