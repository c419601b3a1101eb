/**
 * A conversation as Markdown, for the patient to keep or hand to a clinician. Pure: the wording comes in
 * as `labels` (the `history.report` i18n namespace), so this runs in Node and is tested there.
 */
import type { Messages } from '$lib/i18n/index.ts';
import type { Conversation, PatientProfile, StoredMessage } from '$lib/storage/types.ts';

export type ReportLabels = Messages['history']['report'];

export interface ExportOptions {
  /** BCP 47 tag for dates, e.g. 'zh-CN'. */
  locale: string;
  /** When the export was made (ms since epoch). */
  exportedAt: number;
  /** Fixed time zone for reproducible output in tests; the device's zone by default. */
  timeZone?: string;
  /** Shown when the conversation has no title yet. */
  untitled: string;
}

const PROFILE_ORDER: (keyof PatientProfile)[] = [
  'chiefComplaint',
  'age',
  'sex',
  'pregnancy',
  'medicalHistory',
  'allergies',
  'medications',
  'testResults',
];

/** The profile as label/value pairs, skipping empty fields, with enum values in words. */
export function profileLines(
  profile: PatientProfile,
  labels: ReportLabels,
): { label: string; value: string }[] {
  return PROFILE_ORDER.flatMap((field) => {
    const raw = profile[field];
    if (!raw) return [];
    let value: string = raw;
    if (field === 'sex') value = labels.sexValues[profile.sex as Exclude<PatientProfile['sex'], ''>];
    if (field === 'pregnancy') {
      value = labels.pregnancyValues[profile.pregnancy as Exclude<PatientProfile['pregnancy'], ''>];
    }
    return [{ label: labels.profileFields[field], value }];
  });
}

/** "phone number ×2, name ×1", or `null` when nothing was removed. */
export function redactionNote(message: StoredMessage, labels: ReportLabels): string | null {
  if (!message.redactions?.length) return null;
  return message.redactions.map((r) => `${labels.piiTypes[r.type]} ×${r.count}`).join(', ');
}

/** A note for answers that did not finish, or `null`. */
export function statusNote(message: StoredMessage, labels: ReportLabels): string | null {
  if (message.status === 'interrupted' || message.status === 'streaming') return labels.interrupted;
  if (message.status === 'error') return labels.failed;
  return null;
}

/** "Patient feedback: not helpful, too short". Words, not emoji: print fonts often lack them. */
export function feedbackNote(feedback: NonNullable<StoredMessage['feedback']>, labels: ReportLabels): string {
  const comment = feedback.comment?.trim();
  return `${labels.feedback}: ${labels.rating[feedback.rating]}${comment ? `, ${comment}` : ''}`;
}

export function formatTime(ms: number, options: Pick<ExportOptions, 'locale' | 'timeZone'>): string {
  return new Intl.DateTimeFormat(options.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(ms);
}

/** Keeps a patient's line from turning into a Markdown heading, list or quote by accident. */
function quoteLines(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/**
 * Renders one conversation as Markdown: title, times, profile, every message with its redaction note,
 * triage level, completion state and feedback, and the disclaimer last.
 * @returns the Markdown text, ending in a newline.
 */
export function conversationToMarkdown(
  conversation: Conversation,
  messages: readonly StoredMessage[],
  labels: ReportLabels,
  options: ExportOptions,
): string {
  const time = (ms: number) => formatTime(ms, options);
  const out: string[] = [`# ${conversation.title || options.untitled}`, ''];
  out.push(`- ${labels.started}: ${time(conversation.createdAt)}`);
  out.push(`- ${labels.updated}: ${time(conversation.updatedAt)}`);
  out.push(`- ${labels.generated}: ${time(options.exportedAt)}`, '');

  const profile = profileLines(conversation.profile, labels);
  if (profile.length) {
    out.push(`## ${labels.profile}`, '');
    for (const { label, value } of profile) out.push(`- **${label}**: ${value}`);
    out.push('');
  }

  out.push(`## ${labels.conversation}`, '');
  for (const message of messages) {
    const who = message.role === 'user' ? labels.patient : labels.assistant;
    out.push(`### ${who} · ${time(message.createdAt)}`, '');
    // The patient's words are quoted verbatim; the assistant's answer is already Markdown.
    out.push(message.role === 'user' ? quoteLines(message.text) : message.text, '');
    const notes: string[] = [];
    const redacted = redactionNote(message, labels);
    if (redacted) notes.push(`${labels.redacted}: ${redacted}`);
    if (message.triage && message.triage.level !== 'none') {
      notes.push(`${labels.triageLabel}: ${labels.triage[message.triage.level]}`);
    }
    const status = statusNote(message, labels);
    if (status) notes.push(status);
    if (message.feedback) {
      notes.push(feedbackNote(message.feedback, labels));
    }
    for (const note of notes) out.push(`*${note}*`, '');
  }

  out.push('---', '', `*${labels.disclaimer}*`, '');
  return out.join('\n');
}
