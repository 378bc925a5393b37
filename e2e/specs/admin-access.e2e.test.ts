import fs from 'node:fs';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, usePages } from '../support/browser.ts';
import { callApi, completeForcedChange, DEMO_PASSWORD, expectDialogAccessible, findUser, openModule, signIn, signOut } from './admin-support.ts';

const baseUrl = inject('baseUrl');

const pages = usePages();
let page: Page;
beforeEach(() => {
  page = pages.page;
});

async function openDivision(code: string): Promise<void> {
  await signIn(page, baseUrl, 'demo.admin');
  await openModule(page, 'Accès parents, accès apprenants');
  const select = page.getByLabel('Classe', { exact: true });
  // The class list arrives with its query: wait for it rather than reading it at once.
  const labelOf = async () => (await select.locator('option').allInnerTexts()).find((o) => o.startsWith(`${code} `));
  await expect.poll(labelOf, { message: `division ${code}`, timeout: 10_000 }).toBeDefined();
  const label = await labelOf();
  await select.selectOption({ label: label! });
}

const rowOf = (table: ReturnType<Page['getByRole']>, login: string) =>
  table.getByRole('row').filter({ has: page.getByRole('cell', { name: login, exact: true }) });

describe('Accès apprenants', () => {
  it('lists a class, gives its CSV, and resets ticked learners to jjmmaaaa', async () => {
    // Noah chooses his own password first: the reset must bring back 30122009.
    await signIn(page, baseUrl, 'noah.lefevre', '30122009');
    await completeForcedChange(page, '30122009', 'noah-secret-2026');
    await signOut(page, baseUrl);

    await openDivision('2GA1');
    const table = page.getByRole('table', { name: /^Apprenants de 2GA1/ });
    await rowOf(table, 'noah.lefevre').waitFor();
    const noah = await rowOf(table, 'noah.lefevre').innerText();
    expect(noah).toContain('30/12/2009');
    expect(noah).toContain('Choisi par la personne');
    await expectAccessible(page, 'admin-access-learners');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV de la division' }).click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('noah.lefevre');
    expect(csv).toContain(';');

    // Nothing ticked: the button says what to do first.
    await page.getByRole('button', { name: /Réinitialiser tous les comptes marqués/ }).click();
    await page.getByText("Cochez d'abord au moins un apprenant.").waitFor();

    await page.getByRole('checkbox', { name: 'Cocher Noah LEFÈVRE' }).check();
    await page.getByRole('button', { name: 'Réinitialiser tous les comptes marqués (1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Réinitialiser 1 compte ?' });
    await dialog.getByText(/redevient leur date de naissance/).waitFor();
    await expectDialogAccessible(page, 'admin-access-reset-confirm');
    await dialog.getByRole('button', { name: 'Réinitialiser' }).click();
    await page.getByText('1 compte réinitialisé :').waitFor();
    await page.getByText('Réinitialisation terminée').waitFor();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowOf(table, 'noah.lefevre').innerText()).toContain('Date de naissance (jjmmaaaa), à changer');
    await expectAccessible(page, 'admin-access-reset-result');
    await signOut(page, baseUrl);

    await signIn(page, baseUrl, 'noah.lefevre', '30122009');
    await completeForcedChange(page, '30122009', 'noah-secret-2027');
  });

  it('lists the parents of a class, prints letters, and resets a parent without e-mail with a letter', async () => {
    await openDivision('1GA1');
    await page.getByRole('tab', { name: 'Accès parents' }).click();
    const table = page.getByRole('table', { name: /^Parents des apprenants de 1GA1/ });
    await rowOf(table, 'demo.parent').waitFor();
    expect(await rowOf(table, 'demo.parent').innerText()).toContain('Camille Apprenante (1GA1), responsable 1');
    await expectAccessible(page, 'admin-access-parents');

    // Letters replace the passwords: a confirmation first, then the PDF.
    await page.getByRole('checkbox', { name: 'Cocher Pascal Apprenante' }).check();
    await page.getByRole('button', { name: 'Lettres PDF pour le parent coché (1)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Imprimer la lettre de 1 parent ?' });
    await confirm.getByText(/son mot de passe actuel ne fonctionnera plus/).waitFor();
    await expectDialogAccessible(page, 'admin-access-letters-confirm');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      confirm.getByRole('button', { name: 'Remplacer les mots de passe et télécharger les lettres' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByText(/est téléchargé \(1 lettre\)/).waitFor();

    // Without an e-mail, a reset shows the temporary password once, with a letter to print.
    const parent = await findUser(page, baseUrl, 'demo.parent');
    await callApi(page, baseUrl, 'PATCH', `/api/v1/users/${parent.id}`, { version: parent.version, email: '' });
    let temporary = '';
    try {
      await page.reload();
      await rowOf(table, 'demo.parent').getByText('non renseignée').waitFor();
      await page.getByRole('button', { name: 'Réinitialiser le mot de passe de Pascal Apprenante' }).click();
      const dialog = page.getByRole('dialog', { name: 'Réinitialiser le mot de passe de Pascal Apprenante' });
      await dialog.getByText(/s'affichera une seule fois/).waitFor();
      await expectDialogAccessible(page, 'admin-access-parent-reset-confirm');
      await dialog.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
      await dialog.getByText('Le mot de passe de Pascal Apprenante est réinitialisé. Remettez-lui ces identifiants').waitFor();
      temporary = await dialog.locator('.admin-secret').nth(1).innerText();
      expect(temporary.length).toBeGreaterThanOrEqual(8);
      await dialog.getByRole('button', { name: 'Imprimer la lettre' }).waitFor();
      // The letter, printed alone, carries the same identifiers.
      expect(await page.locator('.print-letter').innerText()).toContain(temporary);
      await expectDialogAccessible(page, 'admin-access-parent-letter');
      await dialog.getByRole('button', { name: 'Fermer', exact: true }).last().click();
    } finally {
      const now = await findUser(page, baseUrl, 'demo.parent');
      await callApi(page, baseUrl, 'PATCH', `/api/v1/users/${now.id}`, { version: now.version, email: 'demo.parent@demo.cerise.invalid' });
    }
    await signOut(page, baseUrl);

    // The parent signs in with the letter's password and chooses the demo password again.
    await signIn(page, baseUrl, 'demo.parent', temporary);
    await completeForcedChange(page, temporary, DEMO_PASSWORD);
    expect(await page.getByRole('list', { name: 'Modules' }).getByRole('link').allInnerTexts()).toEqual(['Gestion des évaluations', 'Passeport professionnel', 'Tableau de bord']);
    // Two sign-ins, a PDF and a forced change: longer than the default on a shared machine.
  }, 150_000);

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 375, height: 900 });
    await openDivision('2GA1');
    // A phone: cards, not a table (every field kept, birth date and password state included).
    const cards = page.getByRole('list', { name: /^Apprenants de 2GA1/ });
    await cards.getByRole('listitem').first().waitFor();
    expect(await cards.getByRole('listitem').first().innerText()).toMatch(/Date de naissance[\s\S]*Mot de passe/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'admin-access-phone');
  });
});
