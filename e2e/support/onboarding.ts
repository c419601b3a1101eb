import type { Page } from '@playwright/test';

/** localStorage key the app sets once the patient has read the first-visit notice. */
export const ONBOARDED_KEY = 'yizhen.onboarded';

/**
 * Marks the first-visit notice as read before the app loads, for specs about other screens.
 * The onboarding itself has its own spec.
 */
export async function skipOnboarding(page: Page, lang: 'zh' | 'en' = 'zh'): Promise<void> {
  await page.addInitScript(
    ([key, l]) => {
      localStorage.setItem(key, '1');
      if (!localStorage.getItem('lang')) localStorage.setItem('lang', l);
    },
    [ONBOARDED_KEY, lang] as const,
  );
}
