/**
 * The languages the app reads and writes: of the interface, a question, an answer, a knowledge entry, a
 * stored conversation. Defined once; the modules that speak of a language re-export it.
 */
export type Lang = 'zh' | 'en';
