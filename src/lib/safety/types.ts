/**
 * The safety pipeline's public types: the contract the chat, the CLI and the tests share.
 * Implementation: redact.ts, triage.ts, postprocess.ts, crisis.ts; rules and wording as data in rules/.
 */

import type { Lang } from '../lang.ts';
export type { Lang };

/** Where the patient is, for emergency numbers. */
export type Region = 'CN' | 'HK' | 'TW' | 'US' | 'UK' | 'EU';

export type PiiType =
  | 'mobile'
  | 'landline'
  | 'idCard'
  | 'bankCard'
  | 'email'
  | 'intlPhone'
  | 'hkId'
  | 'twId'
  | 'passport'
  | 'licensePlate'
  | 'name'
  | 'address'
  /** QQ, WeChat, LINE or WhatsApp account, only right after a word that names it. */
  | 'messagingId'
  /** Hospital record, outpatient, insurance card or NHS number, only right after its cue. */
  | 'medicalRecord'
  /** Health-insurance member, policy or Medicare number, only right after its cue. */
  | 'insuranceNumber'
  /** US Social Security number: 123-45-6789, or nine digits after "SSN". */
  | 'ssn'
  /** A date of birth, only right after its cue (DOB, 出生日期). */
  | 'birthDate';

export interface Redaction {
  type: PiiType;
  /** Offsets into the ORIGINAL text, end exclusive. The original value itself is never kept. */
  start: number;
  end: number;
  /** What replaced it in the redacted text, e.g. 〔手机号〕 or [phone]. */
  placeholder: string;
}

export interface RedactionResult {
  /** The text with every identifier replaced by its placeholder: the only form the model or storage sees. */
  text: string;
  redactions: Redaction[];
}

export type TriageLevel = 'emergency' | 'urgent' | 'none';

/** Stable ids, in the order the card lists them; wording for each lives in rules/ data. */
export const EMERGENCY_CATEGORIES = [
  'cardiac',
  'stroke',
  'breathing',
  'choking',
  'anaphylaxis',
  'bleeding',
  'unresponsive',
  'seizure',
  'suicide',
  'poisoning',
  'infantFever',
  'pregnancy',
  'burns',
  'headInjury',
  'headache',
  'abdominal',
  'giBleeding',
  'hemoptysis',
  'sepsis',
  'meningitis',
  'diabetic',
  'heatStroke',
  'drowning',
  'trauma',
  'testicular',
] as const;

export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number];

export interface TriageResult {
  level: TriageLevel;
  categories: EmergencyCategory[];
  /** The phrases in the text that matched, for the patient and for a clinic testing its rules. */
  matched: string[];
}

export interface CrisisLine {
  number: string;
  /** e.g. "急救" / "Ambulance". */
  label: string;
  kind: 'ambulance' | 'police' | 'fire' | 'mentalHealth' | 'poison' | 'advice' | 'general';
}

export interface EmergencyGuidance {
  title: string;
  /** Whose numbers these are, so the card can say so and offer to change it. */
  region: Region;
  /** Plain first steps while help comes, one per line. */
  steps: string[];
  lines: CrisisLine[];
}

export interface TurnContext {
  lang: Lang;
  triage: TriageResult;
  region: Region;
}

export type PostNoteKind =
  'disclaimer' | 'medicineAdvice' | 'doseWarning' | 'diagnosisSoftened' | 'emergencyNote';

export interface PostprocessResult {
  /** The text to show: the model's answer plus whatever the code adds. */
  text: string;
  notes: { kind: PostNoteKind; detail?: string }[];
}
