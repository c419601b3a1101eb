import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { skipOnboarding } from '../support/onboarding.ts';

/**
 * History, clinic mode and export, against the e2e build (the engine is the scripted test double, which
 * replays chosen text; it is not a model). The first group writes conversations into IndexedDB directly,
 * in the v2 record shape db.ts defines, to test the history screen on known data; the second makes history
 * the way a patient does, by chatting, and checks it survives reloads, offline reloads and the PIN.
 */

interface SeedConversation {
  id: string;
  title: string;
  messages: { role: 'user' | 'assistant'; text: string }[];
}

const SEED: SeedConversation[] = [
  {
    id: 'c-knee',
    title: 'Sore knee after running',
    messages: [
      { role: 'user', text: 'My knee hurts after running' },
      { role: 'assistant', text: 'Rest and ice may help. See a doctor if it swells.' },
    ],
  },
  {
    id: 'c-cough',
    title: '咳嗽一周',
    messages: [
      { role: 'user', text: '咳嗽一周了,晚上更严重' },
      { role: 'assistant', text: '多喝温水,注意休息。\n\n1. **固定作息**\n2. 如果发烧或气喘,请尽快就医。' },
    ],
  },
  {
    id: 'c-rash',
    title: 'Itchy rash',
    messages: [{ role: 'user', text: 'A rash appeared on my arm with blisters' }],
  },
];

/** Waits until the app has created its database, then writes conversations as the store would. */
async function seedHistory(page: Page, conversations: SeedConversation[]): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (await indexedDB.databases()).some((d) => d.name === 'yizhen-history' && d.version === 2),
      ),
    )
    .toBe(true);
  await page.evaluate(async (seed) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('yizhen-history', 2);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction(['conversations', 'messages'], 'readwrite');
    let time = Date.UTC(2026, 0, 5, 9, 0);
    const profile = {
      chiefComplaint: '',
      medicalHistory: '',
      age: '',
      sex: '',
      pregnancy: '',
      allergies: 'penicillin',
      medications: '',
      testResults: '',
    };
    for (const c of seed) {
      const createdAt = (time += 60_000);
      c.messages.forEach((m, i) => {
        tx.objectStore('messages').put({
          id: `${c.id}-m${i}`,
          conversationId: c.id,
          role: m.role,
          createdAt: (time += 1_000),
          text: m.text,
          status: 'complete',
          ...(i === 0 ? { redactions: [{ type: 'mobile', count: 1 }] } : {}),
        });
      });
      const last = c.messages.at(-1)?.text ?? '';
      tx.objectStore('conversations').put({
        id: c.id,
        title: c.title,
        lang: 'en',
        createdAt,
        updatedAt: time,
        profile,
        messageCount: c.messages.length,
        preview: last,
      });
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, conversations);
}

/** Every string in the raw database, binary fields decoded as UTF-8, for plaintext checks. */
async function rawDatabaseText(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('yizhen-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const out: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') out.push(value);
      else if (value instanceof ArrayBuffer) out.push(new TextDecoder().decode(value));
      else if (ArrayBuffer.isView(value)) out.push(new TextDecoder().decode(value.buffer));
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    for (const name of ['conversations', 'messages', 'meta']) {
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      walk(all);
    }
    db.close();
    return out.join('\n');
  });
}

/** Sets the PIN 2468 in Settings (the page must be on the settings screen) and waits until it is on. */
async function setPin(page: Page): Promise<void> {
  await page.getByLabel('New PIN (at least 4 characters)').fill('2468');
  await page.getByLabel('New PIN again').fill('2468');
  await page.getByRole('button', { name: 'Set PIN' }).click();
  await expect(page.getByText('PIN set. History is encrypted.')).toBeVisible();
}

/** How many message records the database holds, and how many of them are sealed (PIN-encrypted). */
async function storedMessageShapes(page: Page): Promise<{ total: number; sealed: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('yizhen-history');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = db.transaction('messages').objectStore('messages').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { total: all.length, sealed: all.filter((r) => 'sealed' in r && !('text' in r)).length };
  });
}

const items = (page: Page) => page.getByRole('list', { name: 'History' }).getByRole('listitem');

test.describe('history screen, with conversations written straight into the database', () => {
  test.beforeEach(async ({ page }) => {
    await skipOnboarding(page, 'en');
    await page.goto('/#/history');
    await seedHistory(page, SEED);
    await page.reload();
  });

  test('lists conversations newest first and searches titles and message text', async ({ page }) => {
    await expect(items(page)).toHaveCount(3);
    await expect(items(page).first()).toContainText('Itchy rash');
    await expect(items(page).first()).toContainText('1 message');
    await expect(page.getByRole('status').first()).toContainText('3 conversations');

    const search = page.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('knee');
    await expect(items(page)).toHaveCount(1);
    await expect(items(page)).toContainText('Sore knee after running');

    await search.fill('气喘'); // only in an answer's text
    await expect(items(page)).toHaveCount(1);
    await expect(items(page)).toContainText('咳嗽一周');

    await search.fill('nothing like this');
    await expect(items(page)).toHaveCount(0);
    await expect(page.getByText('No conversation matches.')).toBeVisible();
  });

  test('opens a conversation in the chat screen by its id', async ({ page }) => {
    await page.getByRole('link', { name: 'Sore knee after running' }).click();
    await expect(page).toHaveURL(/#\/chat\/c-knee$/);
  });

  test('deletes one conversation, then all after confirming', async ({ page }) => {
    await page.getByRole('button', { name: 'Delete conversation “Itchy rash”' }).click();
    await page
      .getByRole('group', { name: /Delete this conversation/ })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(items(page)).toHaveCount(2);
    await expect(page.getByRole('link', { name: 'Itchy rash' })).toHaveCount(0);

    await page.reload();
    await expect(items(page)).toHaveCount(2);

    await page.getByRole('button', { name: 'Delete all' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(items(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Delete all' }).click();
    await page
      .getByRole('group', { name: /Delete all conversations/ })
      .getByRole('button', { name: 'Delete all' })
      .click();
    await expect(page.getByText('No saved conversations yet.')).toBeVisible();
    await page.reload();
    await expect(page.getByText('No saved conversations yet.')).toBeVisible();
  });

  test('print view shows profile, redaction notes and the disclaimer, and exports Markdown', async ({
    page,
  }) => {
    await page.getByRole('link', { name: 'Print view' }).nth(1).click();
    await expect(page).toHaveURL(/#\/history\/c-cough$/);
    await expect(page.getByRole('heading', { level: 1, name: '咳嗽一周' })).toBeVisible();
    await expect(page.getByText('Allergies')).toBeVisible();
    await expect(page.getByText('Personal details removed: mobile number ×1')).toBeVisible();
    await expect(page.getByText(/not a diagnosis or a prescription/)).toBeVisible();
    // The answer reads as the patient saw it: a numbered list with bold, not raw Markdown.
    const answer = page.locator('.messages li.assistant');
    await expect(answer.locator('ol > li strong')).toHaveText('固定作息');
    await expect(answer).not.toContainText('**');

    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print', exact: true })).toBeHidden();
    await expect(page.locator('.app-header')).toBeHidden();
    await page.emulateMedia({ media: 'screen' });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    const text = await (await file.createReadStream()).toArray();
    const markdown = Buffer.concat(text).toString('utf8');
    expect(markdown).toContain('# 咳嗽一周');
    expect(markdown).toContain('> 咳嗽一周了,晚上更严重');
    expect(markdown).toContain('mobile number ×1');
  });

  test('New patient goes to an empty chat in one tap', async ({ page }) => {
    await page.goto('/#/chat/c-knee');
    await page.getByRole('button', { name: 'New patient' }).click();
    await expect(page).toHaveURL(/#\/chat$/);
  });

  test('with a PIN: no plaintext at rest, locks, wrong PIN is refused, the right one opens', async ({
    page,
  }) => {
    const before = await rawDatabaseText(page);
    expect(before).toContain('咳嗽一周了'); // the check below can fail

    await page.goto('/#/settings');
    await setPin(page);

    const after = await rawDatabaseText(page);
    // Ids stay clear (indexes need them); everything a person wrote must not.
    for (const secret of [
      '咳嗽一周',
      'My knee',
      'Itchy rash',
      'penicillin',
      'blisters',
      'Rest and ice',
      '2468',
    ]) {
      expect(after).not.toContain(secret);
    }

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Itchy rash' })).toHaveCount(0);
    await page.getByLabel('PIN').fill('1111');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText('That PIN is not right. Please try again.');
    await page.getByLabel('PIN').fill('2468');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.goto('/#/history');
    await expect(items(page)).toHaveCount(3);
    await expect(items(page).first()).toContainText('Itchy rash');

    await page.goto('/#/settings');
    await page.getByRole('button', { name: 'Lock now' }).click();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  });

  test('on the lock screen an emergency needs no PIN: the numbers, and what is typed is triaged, never stored', async ({
    page,
  }) => {
    await page.goto('/#/settings');
    await setPin(page);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();

    const lock = page.locator('.lock');
    await expect(lock.getByRole('link', { name: /^Call \d+ \(/ }).first()).toHaveAttribute('href', /^tel:/);
    const typed = 'my son swallowed a whole bottle of grandma pills';
    await page.getByLabel('Describe what is happening (not saved)').fill(typed);
    const card = lock.getByRole('alert', { name: 'Emergency' });
    await expect(card).toBeVisible();
    await expect(card.getByRole('link', { name: /^Call / }).first()).toHaveAttribute('href', /^tel:/);
    await expect(card).toContainText('Numbers for');
    expect(await rawDatabaseText(page)).not.toContain('grandma pills');
  });

  test('locks after the chosen time without use', async ({ page }) => {
    await page.clock.install();
    await page.goto('/#/settings');
    await page.reload(); // the app's timers now run on the test's clock
    await setPin(page);
    await page.getByLabel('Lock after this long without use').selectOption('1');
    await page.clock.fastForward('00:50');
    await expect(page.getByRole('heading', { name: 'Locked' })).toHaveCount(0);
    await page.clock.fastForward('00:30');
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
  });

  test('a forgotten PIN: deleting all history is the way out', async ({ page }) => {
    await page.goto('/#/settings');
    await setPin(page);
    await page.reload();
    await page.getByText('Forgot the PIN?').click();
    await expect(page.getByText(/nobody can recover it/)).toBeVisible();
    await page.getByRole('button', { name: 'Delete all history and remove the PIN' }).click();
    await page.getByRole('button', { name: 'Delete all history and remove the PIN' }).click();
    await expect(page.getByRole('heading', { name: 'Locked' })).toHaveCount(0);
    await page.goto('/#/history');
    await expect(page.getByText('No saved conversations yet.')).toBeVisible();
  });

  for (const size of [
    { name: 'phone', width: 360, height: 740 },
    { name: 'laptop', width: 1280, height: 800 },
  ]) {
    test(`axe: no serious or critical violation on history, print view and lock screen (${size.name})`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      const scans = [];
      await expect(items(page)).toHaveCount(3);
      scans.push(await new AxeBuilder({ page }).analyze());
      await page.getByRole('button', { name: 'Delete conversation “Itchy rash”' }).click();
      scans.push(await new AxeBuilder({ page }).analyze());
      await page.goto('/#/history/c-cough');
      await expect(page.getByRole('heading', { level: 1, name: '咳嗽一周' })).toBeVisible();
      scans.push(await new AxeBuilder({ page }).analyze());
      await page.goto('/#/settings');
      await setPin(page);
      scans.push(await new AxeBuilder({ page }).analyze());
      await page.getByRole('button', { name: 'Lock now' }).click();
      await page.getByLabel('PIN').fill('0000');
      await page.getByRole('button', { name: 'Unlock' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await page.getByText('Forgot the PIN?').click();
      scans.push(await new AxeBuilder({ page }).analyze());
      const bad = scans.flatMap((r) =>
        r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${r.url}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      );
      expect(bad).toEqual([]);
    });
  }
});

test.describe('history made by chatting', () => {
  const QUESTION = 'My throat has been sore for three days';
  const REPLY = 'A sore throat often gets better on its own. Drink warm fluids and rest.';

  async function chat(page: Page, question: string): Promise<void> {
    await page.locator('#chat-input').fill(question);
    await page.locator('#chat-input').press('Enter');
    await expect(page.locator('.message.assistant:not(.streaming)').last()).toContainText(REPLY);
  }

  test.beforeEach(async ({ page }) => {
    await skipOnboarding(page, 'en');
    await page.addInitScript((reply) => {
      window.__E2E_SCRIPT__ = { defaultReply: reply, tokenDelayMs: 5, chunk: 'word' };
    }, REPLY);
    await page.goto('/');
    await expect(page.locator('#chat-input')).toBeVisible();
  });

  test('survives a reload and an offline reload', async ({ page, context }) => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await chat(page, QUESTION);
    await expect(page).toHaveURL(/#\/chat\/[\w-]+$/);
    const conversationUrl = page.url();

    await page.reload();
    await expect(page.locator('.message.user')).toContainText(QUESTION);
    await expect(page.locator('.message.assistant')).toContainText(REPLY);
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await context.setOffline(true);
    await page.goto('/#/history');
    await page.reload();
    await expect(items(page)).toHaveCount(1);
    await expect(items(page)).toContainText(QUESTION); // the title comes from the first question
    await expect(items(page)).toContainText('2 messages');
    await items(page).getByRole('link', { name: QUESTION }).click();
    await expect(page).toHaveURL(conversationUrl);
    await expect(page.locator('.message.assistant')).toContainText(REPLY);
    await page.reload();
    await expect(page.locator('.message.user')).toContainText(QUESTION);
    await context.setOffline(false);
  });

  test('New patient clears the screen and keeps the conversation in history', async ({ page }) => {
    await chat(page, QUESTION);
    await page.getByRole('button', { name: 'New patient' }).click();
    await expect(page).toHaveURL(/#\/chat$/);
    await expect(page.locator('.message')).toHaveCount(0);
    await expect(page.locator('#chat-input')).toHaveValue('');
    await page.goto('/#/history');
    await expect(items(page)).toHaveCount(1);
  });

  test('feedback on an answer exports as JSON for the clinic', async ({ page }) => {
    await page.goto('/#/settings');
    await page.getByRole('button', { name: 'Export feedback (JSON)' }).click();
    await expect(page.getByText('There is no feedback to export yet.')).toBeVisible();

    await page.goto('/#/chat');
    await chat(page, QUESTION);
    const answer = page.locator('.message.assistant:not(.streaming)').last();
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    await answer.getByLabel('Comment (optional)').fill('Too short');
    await answer.getByRole('button', { name: 'Save' }).click();
    await expect(answer.getByText(/Noted, thank you/)).toBeVisible();

    await page.goto('/#/settings');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export feedback (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/feedback\.json$/);
    const data = JSON.parse(Buffer.concat(await (await file.createReadStream()).toArray()).toString('utf8'));
    expect(data).toMatchObject({ format: 'yizhen-feedback', counts: { up: 0, down: 1 } });
    expect(data.items).toHaveLength(1);
    expect(data.items[0]).toMatchObject({
      rating: 'down',
      comment: 'Too short',
      question: QUESTION,
      lang: 'en',
    });
    expect(data.items[0].answer).toContain(REPLY);
  });

  test('with a PIN set, what is said in chat is stored only as ciphertext', async ({ page }) => {
    await page.goto('/#/settings');
    await setPin(page);
    await page.goto('/#/chat');
    await chat(page, QUESTION);
    // Both messages written, each sealed, before the bytes are read.
    await expect.poll(() => storedMessageShapes(page)).toEqual({ total: 2, sealed: 2 });
    const raw = await rawDatabaseText(page);
    expect(raw.length).toBeGreaterThan(0);
    for (const secret of ['sore', 'throat', 'warm fluids']) expect(raw).not.toContain(secret);

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Locked' })).toBeVisible();
    await page.getByLabel('PIN').fill('2468');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.goto('/#/history');
    await expect(items(page)).toContainText(QUESTION);
  });
});
