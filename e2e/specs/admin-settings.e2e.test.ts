import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, usePages } from '../support/browser.ts';
import { callApi, expectDialogAccessible, openModule, signIn, UAI } from './admin-support.ts';

const baseUrl = inject('baseUrl');
const DEMO_EMAIL = 'ce.0869999x@ac-demo.fr';

const pages = usePages();
let page: Page;
beforeEach(async () => {
  page = pages.page;
  await signIn(page, baseUrl, 'demo.admin');
});

async function openSettings(): Promise<void> {
  await openModule(page, 'Paramètres');
  await page.getByLabel("Nom de l'établissement").waitFor();
}

describe('Paramètres', () => {
  it('edits and saves the establishment details, with field errors first', async () => {
    await openSettings();
    expect(await page.getByLabel('Code UAI (RNE)').inputValue()).toBe(UAI);
    expect(await page.getByLabel('Code UAI (RNE)').getAttribute('readonly')).not.toBeNull();
    await expectAccessible(page, 'admin-settings');

    await page.getByLabel('Code postal').fill('8600');
    await page.getByLabel('Site web').fill('pas une adresse');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Le code postal comporte 5 chiffres, par exemple 86000.').waitFor();
    await page.getByText('Saisissez une adresse de site web valide').waitFor();
    // The first wrong field takes focus.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('8600');
    await expectAccessible(page, 'admin-settings-errors');

    await page.getByLabel('Code postal').fill('86000');
    await page.getByLabel('Téléphone').fill('05 49 11 22 33');
    await page.getByLabel('Site web').fill('www.lycee-demo.fr');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText("Les renseignements de l'établissement sont enregistrés.").waitFor();
    // The server's form of the address comes back into the field.
    await expect.poll(() => page.getByLabel('Site web').inputValue()).toBe('https://www.lycee-demo.fr');

    await page.reload();
    await page.getByLabel('Téléphone').waitFor();
    expect(await page.getByLabel('Téléphone').inputValue()).toBe('05 49 11 22 33');
    expect(await page.getByLabel("Nom de l'établissement").inputValue()).toBe('Lycée professionnel de démonstration');
  });

  it('explains the mastery methods with a live example, checks the thresholds and saves', async () => {
    await openSettings();
    const example = page.getByRole('region', { name: 'Exemple' });
    await example.getByText('63 % — Acquis').waitFor();
    await expect.poll(() => example.getByText('(méthode choisie)').count()).toBe(1);

    await page.getByRole('radio', { name: 'Moyenne de toutes les preuves' }).check();
    const chosen = example.locator('.mastery-bar--chosen');
    await expect.poll(() => chosen.innerText()).toContain('Moyenne de toutes les preuves');
    expect(await chosen.innerText()).toContain("50 % — En cours d'acquisition");

    // The example follows the thresholds as they are typed; a wrong order is said at once.
    await page.getByLabel('Seuil « acquis » (%)').fill('30');
    await page.getByText("Le seuil « acquis » doit être supérieur au seuil « en cours d'acquisition ».").first().waitFor();
    await expectAccessible(page, 'admin-settings-calculation-error');
    await page.getByLabel('Seuil « acquis » (%)').fill('50');
    await expect.poll(() => chosen.innerText()).toContain('50 % — Acquis');
    await page.getByRole('button', { name: 'Enregistrer les paramètres de calcul' }).click();
    await page.getByText('Les paramètres de calcul sont enregistrés.').waitFor();

    // The retention of data has its own card and its own button.
    await page.getByRole('radio', { name: 'Supprimer leurs données après un délai' }).check();
    await page.getByLabel('Délai avant suppression (en jours)').fill('10');
    await page.getByRole('button', { name: 'Enregistrer la conservation des données' }).click();
    await page.getByText(/^Saisissez un nombre entier de 30 à 3.650\.$/).waitFor();
    await page.getByLabel('Délai avant suppression (en jours)').fill('730');
    await page.getByRole('button', { name: 'Enregistrer la conservation des données' }).click();
    await page.getByText('La conservation des données est enregistrée.').waitFor();

    await page.reload();
    await page.getByRole('radio', { name: 'Moyenne de toutes les preuves' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Moyenne de toutes les preuves' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Seuil « acquis » (%)').inputValue()).toBe('50');
    expect(await page.getByLabel('Délai avant suppression (en jours)').inputValue()).toBe('730');

    // Back to the defaults, for the other journeys.
    await page.getByRole('button', { name: 'Reprendre les valeurs par défaut' }).click();
    await page.getByRole('button', { name: 'Enregistrer les paramètres de calcul' }).click();
    await page.getByText('Les paramètres de calcul sont enregistrés.').first().waitFor();
    await page.getByRole('radio', { name: 'Conserver leurs données (par défaut)' }).check();
    await page.getByRole('button', { name: 'Enregistrer la conservation des données' }).click();
    await page.getByText('La conservation des données est enregistrée.').first().waitFor();
    await page.reload();
    await page.getByRole('radio', { name: 'Moyenne pondérée des dernières preuves (recommandée)' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Moyenne pondérée des dernières preuves (recommandée)' }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Conserver leurs données (par défaut)' }).isChecked()).toBe(true);
  });

  it('says that creating a user needs the establishment e-mail, and leads back here', async () => {
    await openSettings();
    try {
      await page.getByLabel('Adresse électronique').fill('');
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByText(/À renseigner avant de créer des utilisateurs/).waitFor();

      await page.goto(`${baseUrl}/${UAI}/utilisateurs`);
      await page.getByRole('heading', { level: 1, name: 'Gestion des utilisateurs' }).waitFor();
      await page.getByText("Renseignements de l'établissement à compléter").waitFor();
      await page.getByRole('button', { name: 'Nouvel enseignant' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nouvel enseignant' });
      await dialog.getByText(/sont nécessaires pour créer des utilisateurs/).waitFor();
      expect(await dialog.getByLabel('Nom', { exact: true }).count()).toBe(0);
      await expectDialogAccessible(page, 'admin-users-create-incomplete');
      await dialog.getByRole('link', { name: 'Compléter dans Paramètres' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
      await page.getByLabel('Adresse électronique').fill(DEMO_EMAIL);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByText("Les renseignements de l'établissement sont enregistrés.").waitFor();
      expect(await page.getByText(/À renseigner avant de créer des utilisateurs/).count()).toBe(0);
    } finally {
      // Whatever happened, the other journeys need the establishment's e-mail.
      const current = await callApi<{ version: number; establishment: Record<string, string | null> }>(page, baseUrl, 'GET', '/api/v1/settings');
      if (current.establishment.email !== DEMO_EMAIL) {
        const { uai: _uai, ...details } = current.establishment;
        await callApi(page, baseUrl, 'PUT', '/api/v1/settings/establishment', { ...details, email: DEMO_EMAIL, version: current.version });
      }
    }
  });

  it('leads to the referential editor, the audit log and the mails', async () => {
    await openSettings();
    await page.getByRole('link', { name: /^Référentiels/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Référentiels' }).waitFor();
    await page.goBack();

    await page.getByRole('link', { name: 'Journal des actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor();
    const table = page.getByRole('table', { name: /Journal des actions/ });
    await table.getByText("Modification des renseignements de l'établissement").first().waitFor();
    await expectAccessible(page, 'admin-audit');

    // Filter by action: only settings changes.
    await page.getByLabel('Action').selectOption({ label: 'Modification des paramètres de calcul' });
    await expect.poll(async () => (await table.getByRole('row').allInnerTexts()).slice(1).every((r) => r.includes('paramètres de calcul'))).toBe(true);
    // By user: type part of the name, pick the administrator.
    await page.getByLabel('Action').selectOption({ label: 'Toutes les actions' });
    await page.getByRole('textbox', { name: 'Utilisateur' }).fill('admini');
    await page.getByRole('option', { name: 'Alice Administratrice (demo.admin)' }).click();
    await expect.poll(() => page.url()).toContain('utilisateur=');
    await table.getByText('Alice Administratrice').first().waitFor();
    // By date: nothing tomorrow.
    const tomorrow = new Date(Date.now() + 36 * 3600 * 1000);
    const day = `${String(tomorrow.getDate()).padStart(2, '0')}/${String(tomorrow.getMonth() + 1).padStart(2, '0')}/${tomorrow.getFullYear()}`;
    await page.getByRole('textbox', { name: 'Du' }).fill(day);
    await page.getByRole('textbox', { name: 'Du' }).press('Enter');
    await page.keyboard.press('Escape');
    await page.getByText('Aucune action ne correspond à ces critères.').waitFor();
    await expectAccessible(page, 'admin-audit-filtered');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await table.waitFor();

    await page.getByRole('link', { name: 'Revenir aux Paramètres' }).click();
    await page.getByRole('link', { name: 'Courriels' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Courriels' }).waitFor();
    await page.getByText("L'envoi des courriels n'est pas configuré").waitFor();
    await page.getByText(/Ce serveur n'envoie aucun courriel/).waitFor();
    await expectAccessible(page, 'admin-mails');
  });
});
