import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { expectAccessible, usePages } from '../support/browser.ts';
import { signIn, UAI } from './admin-support.ts';

/*
 * Administration as a new user meets it: French addresses (old ones redirected), back links that
 * return where the user came from, date fields that keep what was typed, the live mastery
 * example, the retention card, the home tiles.
 */

const baseUrl = inject('baseUrl');
const pages = usePages();
let page: Page;
beforeEach(() => {
  page = pages.page;
});

describe('French addresses', () => {
  it('redirects every old English address to its French one, keeping the path and the query', async () => {
    await signIn(page, baseUrl, 'demo.admin');
    const cases: [string, string, string][] = [
      ['users?profil=teacher', 'utilisateurs?profil=teacher', 'Gestion des utilisateurs'],
      ['settings/courriels', 'parametres/courriels', 'Courriels'],
      ['settings/journal?action=settings.calculation_updated', 'parametres/journal?action=settings.calculation_updated', 'Journal des actions'],
      ['imports', 'importer', 'Importer des fichiers'],
      ['access', 'acces', 'Accès parents, accès apprenants'],
    ];
    for (const [from, to, title] of cases) {
      await page.goto(`${baseUrl}/${UAI}/${from}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(page.url()).toBe(`${baseUrl}/${UAI}/${to}`);
    }
    // The home tiles lead to the French addresses.
    await page.goto(`${baseUrl}/${UAI}/accueil`);
    await page.getByRole('list', { name: 'Modules' }).getByRole('link').first().waitFor();
    const hrefs = await page.getByRole('list', { name: 'Modules' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`/${UAI}/importer`, `/${UAI}/utilisateurs`, `/${UAI}/acces`, `/${UAI}/parametres`]);
  });

  it('redirects the teaching modules too', async () => {
    await signIn(page, baseUrl, 'demo.enseignant');
    await page.goto(`${baseUrl}/${UAI}/passport`);
    await page.getByRole('heading', { level: 1, name: 'Passeport professionnel' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/${UAI}/passeport`);
    await page.goto(`${baseUrl}/${UAI}/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/${UAI}/tableau-de-bord`);
  });
});

describe('Back links', () => {
  it('brings Courriels and the Journal opened from Gestion des utilisateurs back there, filters kept', async () => {
    await signIn(page, baseUrl, 'demo.admin');
    await page.goto(`${baseUrl}/${UAI}/utilisateurs?profil=teacher`);
    await page.getByRole('heading', { level: 1, name: 'Gestion des utilisateurs' }).waitFor();
    await page.getByRole('link', { name: 'Courriels' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
    await expectAccessible(page, 'mails-from-users');
    await page.getByRole('link', { name: 'Revenir à « Gestion des utilisateurs »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gestion des utilisateurs' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/${UAI}/utilisateurs?profil=teacher`);

    await page.getByRole('link', { name: 'Journal des actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor();
    // Filtering the journal keeps the way back.
    await page.getByLabel('Action').selectOption({ label: 'Modification des paramètres de calcul' });
    await expect.poll(() => page.url()).toContain('action=');
    await page.getByRole('link', { name: 'Revenir à « Gestion des utilisateurs »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gestion des utilisateurs' }).waitFor();
    expect(page.url()).toBe(`${baseUrl}/${UAI}/utilisateurs?profil=teacher`);

    // From Paramètres, the same pages lead back to Paramètres.
    await page.goto(`${baseUrl}/${UAI}/parametres`);
    await page.getByRole('link', { name: 'Courriels' }).first().click();
    await page.getByRole('link', { name: 'Revenir aux Paramètres' }).click();
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  });
});

describe('Birth date fields', () => {
  it('keeps a date that does not exist or has a two-digit year, says why, and sends nothing', async () => {
    await signIn(page, baseUrl, 'demo.admin');
    await page.goto(`${baseUrl}/${UAI}/utilisateurs`);
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await dialog.getByLabel('Nom', { exact: true }).fill('Datefausse');
    await dialog.getByLabel('Prénom').fill('Inès');
    await dialog.getByRole('radio', { name: 'Apprenant' }).check();
    const field = dialog.getByRole('textbox', { name: 'Date de naissance' });

    const expectProblem = async (typed: string, message: string) => {
      await field.fill(typed);
      await field.press('Tab');
      await dialog.getByText(message).waitFor();
      expect(await field.inputValue()).toBe(typed);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      // The message is the field's description for assistive technologies.
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const descriptions = await Promise.all(describedBy.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).innerText()));
      expect(descriptions).toContain(message);
    };
    await expectProblem('31/02/1975', "La date 31/02/1975 n'existe pas : vérifiez le jour et le mois (jj/mm/aaaa).");
    await expectAccessible(page, 'birth-date-invalid');
    await expectProblem('12/5/75', "L'année doit avoir 4 chiffres : saisissez la date sous la forme jj/mm/aaaa, par exemple 12/05/1975.");
    await expectProblem('1975-05-12', 'Date non reconnue : saisissez-la sous la forme jj/mm/aaaa, par exemple 05/03/2008.');

    // Enter in another field: nothing is sent, the date takes focus and keeps its text.
    let created = false;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/users')) created = true;
    });
    await dialog.getByRole('button', { name: 'Créer le compte' }).click();
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe('1975-05-12');
    expect(created).toBe(false);

    // Corrected, the message goes and the date is read.
    await field.fill('12/05/1975');
    await field.press('Tab');
    await expect.poll(() => field.getAttribute('aria-invalid')).not.toBe('true');
    expect(await dialog.getByText('Date non reconnue').count()).toBe(0);
    expect(await field.inputValue()).toBe('12/05/1975');
  });
});
