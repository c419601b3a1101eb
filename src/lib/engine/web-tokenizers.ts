/**
 * The tokenizer library, behind a module of its own so its chunk has a stable name (web-tokenizers-*.js):
 * vite.config.ts keeps that 4.7 MB chunk out of the first visit's precache and caches it when a model is
 * first used instead. Only the worker imports it, and only once a model has loaded.
 */
import * as webTokenizers from '@mlc-ai/web-tokenizers';

export default webTokenizers;
