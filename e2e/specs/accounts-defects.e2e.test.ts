import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, usePages } from '../support/browser.ts';
import { callApi, expectDialogAccessible, openModule, signIn } from './admin-support.ts';

/*
 * Accounts as a school secretary meets them: which password works (Accès and Gestion des
 * utilisateurs agree after every reset), learners « sans classe », a new password for an account
 * without e-mail, the mail refused before the click, and Accès on a phone.
 */

const baseUrl = inject('baseUrl');

const pages = usePages();
let page: Page;
beforeEach(() => {
  page = pages.page;
});

type Created = { user: { id: string; login: string }; initialPassword: string | null };

/** A learner made by hand, in no division: « sans classe ». */
async function handMadeLearner(lastName: string, firstName: string): Promise<Created['user']> {
  const created = await callApi<Created>(page, baseUrl, 'POST', '/api/v1/users', { lastName, firstName, birthDate: '2009-05-04', profiles: ['learner'], email: '', allowDuplicate: true });
  return created.user;
}

async function openNoDivision(): Promise<ReturnType<Page['getByRole']>> {
  await page.goto(`${baseUrl}/0869999X/accueil`);
  await openModule(page, 'Accès parents, accès apprenants');
  const select = page.getByLabel('Classe', { exact: true });
  const option = async () => (await select.locator('option').allInnerTexts()).find((o) => o.startsWith('Sans classe'));
  await expect.poll(option, { timeout: 10_000 }).toBeDefined();
  await select.selectOption({ label: (await option())! });
  return page.getByRole('table', { name: /^Apprenants sans classe/ });
}

const stateOf = async (table: ReturnType<Page['getByRole']>, login: string) =>
  table.getByRole('row').filter({ has: page.getByRole('cell', { name: login, exact: true }) }).innerText();

async function openUsersAndSearch(text: string): Promise<void> {
  await page.goto(`${baseUrl}/0869999X/accueil`);
  await openModule(page, 'Gestion des utilisateurs');
  await page.getByLabel('Rechercher', { exact: true }).fill(text);
}

describe('Accounts: password state, « sans classe », resets', () => {
  it('shows a learner « sans classe » in both modules, and the password that works after each reset', async () => {
    await signIn(page, baseUrl, 'demo.admin');
    const adam = await handMadeLearner('SOLITAIRE', 'Adam');

    // Gestion des utilisateurs: « sans classe », not a group code.
    await openUsersAndSearch('solitaire');
    const row = page.getByRole('row').filter({ hasText: adam.login });
    await row.getByText('sans classe').waitFor();

    // A new password on screen, although he has no e-mail: never a dead end.
    await page.getByRole('button', { name: "Réinitialiser le mot de passe d'Adam SOLITAIRE", exact: true }).click();
    const dialog = page.getByRole('dialog', { name: "Réinitialiser le mot de passe d'Adam SOLITAIRE" });
    expect(await dialog.getByRole('radio', { name: 'Par courriel' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await dialog.getByText("Le mot de passe d'Adam SOLITAIRE est réinitialisé. Remettez-lui ces identifiants").waitFor();
    const temporary = await dialog.locator('.admin-secret').nth(1).innerText();
    expect(await page.locator('.print-letter').innerText()).toContain(temporary);
    await expectDialogAccessible(page, 'accounts-reset-letter');
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).last().click();

    // Accès: the « Sans classe » entry, and the state says the letter's password works.
    const table = await openNoDivision();
    await expect.poll(() => stateOf(table, adam.login)).toContain('Provisoire, remis sur une lettre, à changer');
    expect(await stateOf(table, adam.login)).toContain('04/05/2009');
    await expectAccessible(page, 'accounts-access-no-division');

    // Back to the birth date from Accès: both modules say so.
    await page.getByRole('checkbox', { name: 'Cocher Adam SOLITAIRE' }).check();
    await page.getByRole('button', { name: 'Réinitialiser tous les comptes marqués (1)' }).click();
    await page.getByRole('dialog', { name: 'Réinitialiser 1 compte ?' }).getByRole('button', { name: 'Réinitialiser' }).click();
    await expect.poll(() => stateOf(table, adam.login)).toContain('Date de naissance (jjmmaaaa), à changer');
    const user = await callApi<{ passwordState: string }>(page, baseUrl, 'GET', `/api/v1/users/${adam.id}`);
    expect(user.passwordState).toBe('birth_date');
  });

  it('says before the click that the mail cannot go while the establishment has no e-mail, and offers the screen', async () => {
    await signIn(page, baseUrl, 'demo.admin');
    type Settings = { version: number; establishment: Record<string, string | null> };
    const before = await callApi<Settings>(page, baseUrl, 'GET', '/api/v1/settings');
    const { uai: _uai, ...details } = before.establishment;
    const withoutEmail = await callApi<Settings>(page, baseUrl, 'PUT', '/api/v1/settings/establishment', { ...details, version: before.version, email: '' });
    try {
      await openUsersAndSearch('demo.parent');
      await page.getByRole('button', { name: /^Réinitialiser le mot de passe de Pascal/ }).first().click();
      const dialog = page.getByRole('dialog', { name: /^Réinitialiser le mot de passe de Pascal/ });
      await dialog.getByText(/Impossible pour l'instant : le nom et l'adresse électronique de l'établissement/).waitFor();
      expect(await dialog.getByRole('radio', { name: /^Par courriel à / }).isDisabled()).toBe(true);
      expect(await dialog.getByRole('radio', { name: /À l’écran/ }).isChecked()).toBe(true);
      expect(await dialog.getByText('Deux courriels seront envoyés').count()).toBe(0);
      await expectDialogAccessible(page, 'accounts-reset-incomplete');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
    } finally {
      await callApi(page, baseUrl, 'PUT', '/api/v1/settings/establishment', { ...details, version: withoutEmail.version });
    }
  });

  it('shows Accès rows as cards on a phone, with the birth date and the password state', async () => {
    await page.setViewportSize({ width: 390, height: 900 });
    await signIn(page, baseUrl, 'demo.admin');
    await openModule(page, 'Accès parents, accès apprenants');
    const select = page.getByLabel('Classe', { exact: true });
    const option = async () => (await select.locator('option').allInnerTexts()).find((o) => o.startsWith('2GA1 '));
    await expect.poll(option, { timeout: 10_000 }).toBeDefined();
    await select.selectOption({ label: (await option())! });
    const cards = page.getByRole('list', { name: /^Apprenants de 2GA1/ });
    const noah = cards.getByRole('listitem').filter({ hasText: 'noah.lefevre' });
    await noah.waitFor();
    const text = await noah.innerText();
    expect(text).toContain('Date de naissance');
    expect(text).toContain('30/12/2009');
    expect(text).toMatch(/Mot de passe\s+(Date de naissance|Provisoire|Choisi)/);
    await noah.getByRole('checkbox', { name: 'Cocher Noah LEFÈVRE' }).check();
    await page.getByRole('button', { name: 'Réinitialiser tous les comptes marqués (1)' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'accounts-access-phone');
  });
});
