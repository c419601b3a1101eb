/**
 * The safety pipeline: deterministic code between the patient, the model and the screen.
 *
 *   redact(text)            identifiers out before the text is stored or reaches the model
 *   triage(text)            emergency | urgent | none, before any token is generated
 *   emergencyGuidance(...)  the card to show for an emergency; crisisLines(...) the numbers alone
 *   postprocess(answer, t)  disclaimer, medicine and dose notes, softened diagnoses, emergency note
 *
 * Pure TypeScript (no DOM, Svelte, idb or web-llm); wording and rules are JSON under rules/.
 */
export { redact, placeholderLabel } from './redact.ts';
export { prepareTriage, triage } from './triage.ts';
export { postprocess } from './postprocess.ts';
export { ambulanceNumber, crisisLines, emergencyGuidance } from './crisis.ts';
export { aboutSomeoneElse } from './speaker.ts';
export type * from './types.ts';
