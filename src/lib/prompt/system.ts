/// <reference types="vite/client" />
/**
 * The system prompt: the rules (template files a clinic may edit, one per language), then the patient's
 * profile, then the knowledge snippets chosen for this question. Pure text assembly.
 */
import systemZh from './templates/system.zh.md?raw';
import systemEn from './templates/system.en.md?raw';
import sections from './templates/sections.json';
import type { Snippet } from '../knowledge/types.ts';
import { snippetPromptText } from '../knowledge/fit.ts';
import type { PatientProfile } from '../storage/types.ts';

import type { Lang } from '../lang.ts';
export type { Lang };

/** The profile fields the prompt uses: the stored profile, already redacted. */
export type PromptProfile = PatientProfile;

const RULES: Record<Lang, string> = { zh: systemZh.trim(), en: systemEn.trim() };

/** The fixed rules for a language, without profile or knowledge. */
export function systemRules(lang: Lang): string {
  return RULES[lang];
}

/**
 * The profile as labelled lines, empty fields left out.
 * @returns '' when nothing is filled in, so the prompt carries no empty heading.
 */
export function profileSection(lang: Lang, profile: Partial<PromptProfile> | null | undefined): string {
  if (!profile) return '';
  const words = sections[lang];
  const lines: string[] = [];
  for (const field of Object.keys(words.fields) as (keyof PromptProfile)[]) {
    const raw = (profile[field] ?? '').trim();
    if (raw === '') continue;
    let value: string = raw;
    if (field === 'sex') value = words.sex[raw as keyof typeof words.sex] ?? raw;
    if (field === 'pregnancy') value = words.pregnancy[raw as keyof typeof words.pregnancy] ?? raw;
    lines.push(`- ${words.fields[field]}: ${value}`);
  }
  return lines.length ? `${words.profileHeading}\n${lines.join('\n')}` : '';
}

/** The knowledge snippets in the form fitSnippets measured, each headed by its id for citation. */
export function knowledgeSection(lang: Lang, snippets: readonly Snippet[]): string {
  if (snippets.length === 0) return '';
  return `${sections[lang].knowledgeHeading}\n\n${snippets.map(snippetPromptText).join('\n\n')}`;
}

/** The whole system message: rules, then whichever of profile and knowledge are present. */
export function systemPrompt(
  lang: Lang,
  profile: Partial<PromptProfile> | null | undefined,
  snippets: readonly Snippet[],
): string {
  return [systemRules(lang), profileSection(lang, profile), knowledgeSection(lang, snippets)]
    .filter((part) => part !== '')
    .join('\n\n');
}
