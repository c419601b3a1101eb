/**
 * What the history database holds. Only redacted text is ever stored: the user's words after redact(),
 * the model's raw text (what goes back as history) and the displayed, post-processed text beside it.
 */
import type { GenerationUsage } from '$lib/engine/types.ts';
import type { EmergencyCategory, PiiType, TriageLevel } from '$lib/safety/types.ts';

import type { Lang } from '../lang.ts';
export type { Lang };

/** The source design's template variables, each redacted before it is stored or sent. */
export interface PatientProfile {
  chiefComplaint: string;
  medicalHistory: string;
  age: string;
  sex: '' | 'female' | 'male' | 'other';
  pregnancy: '' | 'no' | 'yes' | 'unsure';
  allergies: string;
  medications: string;
  testResults: string;
}

/** A profile with every field left blank: the start of each conversation. */
export function emptyProfile(): PatientProfile {
  return {
    chiefComplaint: '',
    medicalHistory: '',
    age: '',
    sex: '',
    pregnancy: '',
    allergies: '',
    medications: '',
    testResults: '',
  };
}

export interface Conversation {
  id: string;
  title: string;
  lang: Lang;
  createdAt: number;
  updatedAt: number;
  profile: PatientProfile;
}

export type MessageStatus = 'complete' | 'streaming' | 'interrupted' | 'error';

export interface StoredMessage {
  id: string;
  conversationId: string;
  role: 'user' | 'assistant';
  createdAt: number;
  /** User: the redacted text. Assistant: the displayed, post-processed text. */
  text: string;
  /** Assistant only: the model's raw output, exactly as generated. */
  rawText?: string;
  status: MessageStatus;
  /** User only: what was removed (types and counts, never the values). */
  redactions?: { type: PiiType; count: number }[];
  /** The question's triage; `source` says which layer set the level (the rules, or the model raising it). */
  triage?: { level: TriageLevel; categories: EmergencyCategory[]; source?: 'rules' | 'model' };
  usage?: GenerationUsage;
  /** Knowledge entry ids the answer drew on. */
  citations?: string[];
  modelId?: string;
  /** Assistant only: 'guide' when the built-in health guide answered because no model could; absent: the model. */
  answeredBy?: 'guide';
  feedback?: { rating: 'up' | 'down'; comment?: string; at: number };
}

export interface ConversationSummary {
  id: string;
  title: string;
  updatedAt: number;
  messageCount: number;
  /** First words of the last message, redacted. */
  preview: string;
  /** A question in it was triaged as an emergency. */
  emergency: boolean;
}

/** Storage failures the UI explains in plain words. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'quota' | 'blocked' | 'locked' | 'unavailable' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export interface ConversationStore {
  create(init: { lang: Lang; title?: string; profile?: Partial<PatientProfile> }): Promise<Conversation>;
  get(id: string): Promise<Conversation | undefined>;
  /** Newest first; `query` matches titles and message text. */
  list(options?: { query?: string; limit?: number }): Promise<ConversationSummary[]>;
  update(id: string, patch: Partial<Pick<Conversation, 'title' | 'profile' | 'lang'>>): Promise<void>;
  delete(id: string): Promise<void>;
  deleteAll(): Promise<void>;
  messages(conversationId: string): Promise<StoredMessage[]>;
  /** Insert or replace one message. @throws StorageError('quota') when the disk is full; nothing saved is lost. */
  putMessage(message: StoredMessage): Promise<void>;
}
