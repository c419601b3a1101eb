import { expect, type Page } from '@playwright/test';

/**
 * Waits until a model (or the scripted double) can answer. Send works before that too (the built-in guide
 * answers), so readiness is read from the note that says the guide is answering: it goes once a model is ready.
 */
export async function modelReady(page: Page, timeout?: number): Promise<void> {
  await expect(page.locator('#chat-input')).toBeVisible();
  await expect(page.locator('.guide-mode')).toHaveCount(0, timeout ? { timeout } : {});
}
