import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { expectAccessible, launchBrowser, loginThroughForm } from '../support/browser.ts';

/*
 * Shared steps of the administration journeys (admin-*.e2e.test.ts): sign in, open a module,
 * call the API as the signed-in administrator, read a mail on the « Courriels » screen.
 */

export const UAI = '0869999X';
export const DEMO_PASSWORD = 'cerise-demo';

export type Session = { browser: Browser; context: BrowserContext; page: Page };

export async function newSession(browser: Browser, width = 1280): Promise<Session> {
  const context = await browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  return { browser, context, page };
}

export { launchBrowser };

/** Signs in and waits for the home page (or the forced password change). */
export async function signIn(page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> {
  await loginThroughForm(page, baseUrl, UAI, login, password);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: /Bonjour|Choisir un nouveau mot de passe/ }).waitFor();
}

/** Opens a module from its home-page tile. */
export async function openModule(page: Page, title: string): Promise<void> {
  await page.getByRole('list', { name: 'Modules' }).getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Replaces an initial or reset password on the forced change screen, then reaches the home page. */
export async function completeForcedChange(page: Page, current: string, next: string): Promise<void> {
  const newPassword = page.getByLabel('Nouveau mot de passe');
  await newPassword.waitFor();
  const currentField = page.getByLabel('Mot de passe actuel');
  if (await currentField.isVisible()) await currentField.fill(current);
  await newPassword.fill(next);
  await page.getByLabel('Confirmer le mot de passe').fill(next);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.getByRole('list', { name: 'Modules' }).waitFor();
}

export async function signOut(page: Page, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Déconnexion' }).click();
  await page.waitForURL(`${baseUrl}/${UAI}`);
}

/** A JSON call with the session of the page (state changes carry the Origin a browser sends). */
export async function callApi<T = unknown>(page: Page, baseUrl: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown): Promise<T> {
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { origin: baseUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export type ApiUser = { id: string; login: string; version: number; email: string | null };

export async function findUser(page: Page, baseUrl: string, login: string, hidden = false): Promise<ApiUser> {
  const list = await callApi<{ items: ApiUser[] }>(page, baseUrl, 'GET', `/api/v1/users?search=${encodeURIComponent(login)}&hidden=${hidden}`);
  const user = list.items.find((u) => u.login === login);
  expect(user, `user ${login}`).toBeDefined();
  return user!;
}

/**
 * Opens « Courriels » (from Paramètres) and returns the text of the most recent mail to `to`
 * whose subject matches, read from the screen.
 */
export async function readMail(page: Page, baseUrl: string, to: string, subject: RegExp): Promise<string> {
  await page.goto(`${baseUrl}/${UAI}/parametres`);
  await page.getByRole('link', { name: 'Courriels' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
  const card = page
    .getByRole('list', { name: /Courriels, les plus récents/ })
    .getByRole('listitem')
    .filter({ hasText: to })
    .filter({ has: page.getByRole('heading', { name: subject }) })
    .first();
  await card.waitFor();
  await card.getByRole('button', { name: 'Afficher le message' }).click();
  const text = await card.locator('pre').innerText();
  expect(text.length).toBeGreaterThan(0);
  // The screen never shows a secret (docs/security.md): a note stands in its place. The test stands in
  // for the SMTP server the demo lacks, and takes the secret from the outbox row.
  const masked = /\[masqué[^\]]*\]/.exec(text);
  if (!masked) return text;
  const db = new Database(path.join(inject('dataDir'), 'cerise.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('select subject, secret from mail_outbox where to_address = ? order by created_at desc').all(to) as { subject: string; secret: string | null }[];
    const secret = rows.find((r) => subject.test(r.subject))?.secret;
    expect(secret, text).toBeTruthy();
    return text.replace(masked[0], secret!);
  } finally {
    db.close();
  }
}

/** The password a credentials or reset mail carries. */
export function passwordIn(text: string): string {
  const m = /mot de passe provisoire Cerise Pro : (\S+)/.exec(text);
  expect(m, text).not.toBeNull();
  return m![1]!;
}

/** Dialogs fade in and out: axe runs once the transition is over (no half-transparent text). */
export async function expectDialogAccessible(page: Page, label: string): Promise<void> {
  await page.getByRole('dialog').last().waitFor();
  await expectAccessible(page, label); // waits for the fade-in to end
}

/**
 * Waits until the users list shows the answer to the filters in the address: the list says which
 * filters it was rendered for (`data-for`) and is no longer busy. Call it once the address shows
 * the new filters (see `filtersInAddress`).
 */
export async function usersListSettled(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const wanted = new URL(page.url()).searchParams.toString();
        const list = page.locator('[data-users-list]');
        return (await list.getAttribute('data-for')) === wanted && (await list.getAttribute('aria-busy')) !== 'true';
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Waits until the address carries (or no longer carries) a filter the user just chose. */
export async function filtersInAddress(page: Page, check: (params: URLSearchParams) => boolean): Promise<void> {
  await expect.poll(() => check(new URL(page.url()).searchParams), { timeout: 15_000 }).toBe(true);
}
