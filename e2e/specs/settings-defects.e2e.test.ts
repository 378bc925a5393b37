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
    // Every tile of the teacher's modules is a link to its French address (no module is still in preparation).
    await page.getByRole('list', { name: 'Modules' }).getByRole('link').first().waitFor();
    const hrefs = await page.getByRole('list', { name: 'Modules' }).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([`/${UAI}/scenarios`, `/${UAI}/evaluations`, `/${UAI}/passeport`, `/${UAI}/tableau-de-bord`]);
    expect(await page.getByText('Bientôt disponible').count()).toBe(0);
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

describe('Paramètres', () => {
  const openSettings = async () => {
    await signIn(page, baseUrl, 'demo.admin');
    await page.goto(`${baseUrl}/${UAI}/parametres`);
    await page.getByLabel('Seuil « acquis » (%)').waitFor();
  };

  it('refuses inverted thresholds as the save does, and the example then shows no state', async () => {
    await openSettings();
    const example = page.getByRole('region', { name: 'Exemple' });
    await example.getByText('63 % — Acquis').waitFor();
    const inProgress = page.getByLabel("Seuil « en cours d'acquisition » (%)");
    const acquired = page.getByLabel('Seuil « acquis » (%)');
    await inProgress.fill('90');
    await acquired.fill('80');
    const message = "Le seuil « acquis » doit être supérieur au seuil « en cours d'acquisition ».";
    await page.getByText(message).first().waitFor();
    expect(await acquired.getAttribute('aria-invalid')).toBe('true');
    expect(await inProgress.getAttribute('aria-invalid')).toBe('true');
    // No contradictory state: the percentages only, and why.
    await example.getByText('Seuils à corriger').waitFor();
    await expect.poll(() => example.innerText()).toContain('63 %');
    expect(await example.innerText()).not.toMatch(/— (Acquis|Non acquis|En cours d'acquisition)/);
    await expectAccessible(page, 'settings-thresholds-inverted');

    // Nothing is sent; the field with the message takes focus.
    let sent = false;
    page.on('request', (r) => {
      if (r.method() === 'PUT' && r.url().includes('/api/v1/settings/')) sent = true;
    });
    await page.getByRole('button', { name: 'Enregistrer les paramètres de calcul' }).click();
    await expect.poll(() => acquired.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(sent).toBe(false);

    await acquired.fill('95');
    await example.getByText('63 % — Non acquis').waitFor();
    expect(await example.getByText('Seuils à corriger').count()).toBe(0);
  });

  it('saves the retention of data from its own card, leaving the calculation being typed alone', async () => {
    await openSettings();
    const calculation = page.getByRole('region', { name: 'Tableau de bord et aide à la décision CCF' });
    const retention = page.getByRole('region', { name: 'Conservation des données' });
    expect(await calculation.getByRole('radio', { name: 'Supprimer leurs données après un délai' }).count()).toBe(0);
    await retention.getByRole('button', { name: 'Enregistrer la conservation des données' }).waitFor();

    // A calculation change being typed, not saved…
    await page.getByLabel('Nombre minimal de preuves', { exact: true }).fill('5');
    // …and the retention saved on its own.
    await retention.getByRole('radio', { name: 'Supprimer leurs données après un délai' }).check();
    await retention.getByLabel('Délai avant suppression (en jours)').fill('400');
    await retention.getByRole('button', { name: 'Enregistrer la conservation des données' }).click();
    await page.getByText('La conservation des données est enregistrée.').waitFor();
    // The calculation being typed is still there, unsaved.
    expect(await page.getByLabel('Nombre minimal de preuves', { exact: true }).inputValue()).toBe('5');
    await expectAccessible(page, 'settings-retention-card');

    await page.reload();
    await page.getByLabel('Délai avant suppression (en jours)').waitFor();
    expect(await page.getByLabel('Délai avant suppression (en jours)').inputValue()).toBe('400');
    expect(await page.getByLabel('Nombre minimal de preuves', { exact: true }).inputValue()).toBe('2');

    // Back as it was, for the other journeys.
    await retention.getByRole('radio', { name: 'Conserver leurs données (par défaut)' }).check();
    await retention.getByRole('button', { name: 'Enregistrer la conservation des données' }).click();
    await page.getByText('La conservation des données est enregistrée.').first().waitFor();
  });

  it('writes singulars for one piece of evidence', async () => {
    await openSettings();
    await page.getByLabel('Nombre de preuves retenues').fill('1');
    await page.getByText('Seule la dernière preuve compte.').waitFor();
    await page.getByLabel('Nombre minimal de preuves dans le pôle').fill('1');
    await page.getByText(/et au moins 1 preuve dans le pôle\./).waitFor();
    await page.getByLabel('Nombre minimal de preuves dans le pôle').fill('6');
    await page.getByText(/et au moins 6 preuves dans le pôle\./).waitFor();
    expect(await page.getByText(/d’origine|d'origine/).count()).toBe(0);
  });
});
