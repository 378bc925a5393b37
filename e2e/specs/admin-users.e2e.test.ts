import fs from 'node:fs';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { expectAccessible, usePages } from '../support/browser.ts';
import { callApi, expectDialogAccessible, filtersInAddress, findUser, openModule, readMail, signIn, UAI, usersListSettled } from './admin-support.ts';

const baseUrl = inject('baseUrl');

const pages = usePages();
let page: Page;
beforeEach(async () => {
  page = pages.page;
  await signIn(page, baseUrl, 'demo.admin');
});

const usersTable = () => page.getByRole('table', { name: /^Comptes (actifs|masqués)/ });
const rowOf = (login: string) => usersTable().getByRole('row').filter({ has: page.getByRole('cell', { name: login, exact: true }) });
const count = () => page.getByRole('status').filter({ hasText: /utilisateurs?$|comptes? masqués?$/ });

async function openUsers(): Promise<void> {
  await openModule(page, 'Gestion des utilisateurs');
  await usersTable().waitFor();
}

async function search(text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Rechercher' }).fill(text);
  await filtersInAddress(page, (p) => p.get('q') === text);
  await usersListSettled(page);
}

/** The button of the dialog's own « Fermer » (the header's cross has the same name). */
const closeButton = (dialog: ReturnType<Page['getByRole']>) => dialog.getByRole('button', { name: 'Fermer', exact: true }).last();

describe('Gestion des utilisateurs', () => {
  it('lists the users with their source in words, and searches and filters them', async () => {
    await openUsers();
    await rowOf('demo.enseignant').waitFor();
    expect(await rowOf('demo.enseignant').innerText()).toContain('Créé manuellement');
    expect(await rowOf('demo.enseignant').innerText()).toContain('demo.enseignant@demo.cerise.invalid');
    await expectAccessible(page, 'admin-users-list');

    // Accents and case do not matter.
    await search('INES');
    await rowOf('ines.martin').waitFor();
    expect(await rowOf('ines.martin').innerText()).toContain('2GA1');
    const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const row of (await usersTable().getByRole('row').allInnerTexts()).slice(1)) expect(fold(row)).toContain('ines');
    expect(await rowOf('lucas.bernard').count()).toBe(0);

    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await filtersInAddress(page, (p) => !p.has('q'));
    await usersListSettled(page);
    await page.getByLabel('Profil', { exact: true }).selectOption({ label: 'Parents' });
    await filtersInAddress(page, (p) => p.get('profil') === 'parent');
    await usersListSettled(page);
    await rowOf('demo.parent').waitFor();
    expect(await rowOf('demo.parent').innerText()).toContain('Parent de Camille Apprenante (1GA1)');
    await expect.poll(() => usersTable().getByRole('row').count()).toBeGreaterThan(1);
    for (const row of (await usersTable().getByRole('row').allInnerTexts()).slice(1)) expect(row).toContain('Parent');

    await page.getByLabel('Profil', { exact: true }).selectOption({ label: 'Tous les profils' });
    await filtersInAddress(page, (p) => !p.has('profil'));
    await usersListSettled(page);
    await page.getByLabel('Classe ou groupe').selectOption({ label: '1GA1' });
    await filtersInAddress(page, (p) => p.has('classe') && !p.has('profil'));
    await usersListSettled(page);
    await rowOf('lea.dubois').waitFor();
    await rowOf('demo.enseignant').waitFor();
    expect(await rowOf('ines.martin').count()).toBe(0);
    await expectAccessible(page, 'admin-users-filtered');
  });

  it('creates a teacher: login preview, classes, then the two credential mails in « Courriels »', async () => {
    await openUsers();
    await page.getByRole('button', { name: 'Nouvel enseignant' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel enseignant' });
    await dialog.getByLabel('Nom', { exact: true }).waitFor();
    await expectDialogAccessible(page, 'admin-users-create');

    // Nothing is sent while the required fields are empty.
    await dialog.getByRole('button', { name: 'Créer le compte' }).click();
    await dialog.getByText('Saisissez le nom.').waitFor();

    await dialog.getByLabel('Civilité').selectOption({ label: 'Mme' });
    await dialog.getByLabel('Nom', { exact: true }).fill('Curie');
    await dialog.getByLabel('Prénom').fill('Marie-Élise');
    await dialog.getByRole('status').filter({ hasText: 'Identifiant prévu : marie-elise.curie' }).waitFor();

    // The calendar opens on the decades: a year is two clicks away, then the month and the day.
    await dialog.getByLabel('Date de naissance').click();
    await page.getByText(/^1980 – 1989$/).waitFor();
    await expectAccessible(page, 'admin-users-create-calendar');
    await page.getByRole('button', { name: 'Décennie précédente' }).click();
    await page.getByRole('button', { name: 'Décennie précédente' }).click();
    await page.getByRole('button', { name: '1967', exact: true }).click();
    await page.getByRole('button', { name: 'nov.', exact: true }).click();
    await page.getByRole('button', { name: '7 novembre 1967', exact: true }).click();
    await expect.poll(() => dialog.getByLabel('Date de naissance').inputValue()).toBe('07/11/1967');
    await dialog.getByLabel('Adresse électronique').fill('marie.curie@exemple.fr');
    await dialog.getByLabel('Classes et groupes enseignés').click();
    await page.getByRole('option', { name: /^2GA1 — / }).click();
    await dialog.getByLabel('Discipline enseignée').fill('Physique-chimie');
    await expectDialogAccessible(page, 'admin-users-create-filled');
    await dialog.getByRole('button', { name: 'Créer le compte' }).click();

    await dialog.getByText('Le compte de Marie-Élise Curie est créé, avec l’identifiant marie-elise.curie.').waitFor();
    await dialog.getByText(/2 courriels .* seront envoyés à marie\.curie@exemple\.fr/).waitFor();
    await expectDialogAccessible(page, 'admin-users-created');
    await closeButton(dialog).click();

    await search('curie');
    await rowOf('marie-elise.curie').waitFor();
    const row = await rowOf('marie-elise.curie').innerText();
    expect(row).toContain('Enseignant');
    expect(row).toContain('2GA1');

    const loginMail = await readMail(page, baseUrl, 'marie.curie@exemple.fr', /votre identifiant/);
    expect(loginMail).toContain('Identifiant : marie-elise.curie');
    const passwordMail = await readMail(page, baseUrl, 'marie.curie@exemple.fr', /votre mot de passe/);
    expect(passwordMail).toMatch(/Votre mot de passe provisoire Cerise Pro : \S+/);
  });

  it('warns about a possible duplicate, then creates a user without e-mail and shows the password once', async () => {
    await openUsers();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await dialog.getByLabel('Nom', { exact: true }).fill('Lefèvre');
    await dialog.getByLabel('Prénom').fill('Noah');
    await dialog.getByRole('radio', { name: 'Parent' }).check();
    await dialog.getByRole('button', { name: 'Créer le compte' }).click();

    await dialog.getByText('Doublon possible').waitFor();
    expect(await dialog.innerText()).toContain('noah.lefevre');
    await expectDialogAccessible(page, 'admin-users-duplicate');
    await dialog.getByRole('button', { name: 'Créer quand même' }).click();

    await dialog.getByText(/est créé, avec l’identifiant noah\.lefevre2/).waitFor();
    const password = dialog.locator('.admin-secret').nth(1);
    expect((await password.innerText()).length).toBeGreaterThanOrEqual(8);
    await dialog.getByText('Ce mot de passe ne sera plus affiché').waitFor();
    await expectDialogAccessible(page, 'admin-users-created-no-email');
    await closeButton(dialog).click();
  });

  it('edits a user, and offers to reload after a version conflict', async () => {
    await openUsers();
    await search('noah.lefevre2');
    await rowOf('noah.lefevre2').waitFor();
    await page.getByRole('button', { name: 'Modifier Noah Lefèvre', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier Noah Lefèvre' });
    await dialog.getByLabel('Adresse électronique').waitFor();
    expect(await dialog.getByText('noah.lefevre2', { exact: true }).count()).toBe(1);
    await expectDialogAccessible(page, 'admin-users-edit');

    // Meanwhile, someone else changes the same user.
    const user = await findUser(page, baseUrl, 'noah.lefevre2');
    await callApi(page, baseUrl, 'PATCH', `/api/v1/users/${user.id}`, { version: user.version, email: 'autre.admin@exemple.fr' });

    await dialog.getByLabel('Adresse électronique').fill('parent.lefevre@exemple.fr');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByText(/Quelqu'un a modifié cet utilisateur pendant que vous le modifiiez/).waitFor();
    await expectDialogAccessible(page, 'admin-users-edit-conflict');
    await dialog.getByRole('button', { name: "Recharger l'utilisateur" }).click();
    await expect.poll(() => dialog.getByLabel('Adresse électronique').inputValue()).toBe('autre.admin@exemple.fr');

    await dialog.getByLabel('Adresse électronique').fill('parent.lefevre@exemple.fr');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf('noah.lefevre2').getByText('parent.lefevre@exemple.fr').waitFor();
  });

  it('resets a password by mail when an e-mail is known, else on screen, after a confirmation', async () => {
    await openUsers();
    await search('ines.martin');
    await page.getByRole('button', { name: "Réinitialiser le mot de passe d'Inès MARTIN", exact: true }).click();
    const noEmail = page.getByRole('dialog', { name: "Réinitialiser le mot de passe d'Inès MARTIN" });
    await noEmail.getByText(/Impossible : aucune adresse électronique n'est connue/).waitFor();
    expect(await noEmail.getByRole('radio', { name: 'Par courriel' }).isDisabled()).toBe(true);
    expect(await noEmail.getByRole('radio', { name: /À l’écran/ }).isChecked()).toBe(true);
    await expectDialogAccessible(page, 'admin-users-reset-no-email');
    await noEmail.getByRole('button', { name: 'Annuler' }).click();

    await search('noah.lefevre2');
    await page.getByRole('button', { name: 'Réinitialiser le mot de passe de Noah Lefèvre', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Réinitialiser le mot de passe de Noah Lefèvre' });
    expect(await dialog.getByRole('radio', { name: 'Par courriel à parent.lefevre@exemple.fr' }).isChecked()).toBe(true);
    await dialog.getByText('Deux courriels seront envoyés : son identifiant, puis son mot de passe provisoire.').waitFor();
    await expectDialogAccessible(page, 'admin-users-reset-confirm');
    await dialog.getByRole('button', { name: 'Réinitialiser le mot de passe' }).click();
    await dialog.getByText(/Le mot de passe de Noah Lefèvre est réinitialisé\. 2 courriels/).waitFor();
    await closeButton(dialog).click();

    const mail = await readMail(page, baseUrl, 'parent.lefevre@exemple.fr', /votre mot de passe/);
    expect(mail).toContain('Il remplace le précédent');
  });

  it('hides a user created by hand, then restores it from « Comptes masqués »', async () => {
    await openUsers();
    await search('noah.lefevre2');
    await page.getByRole('button', { name: 'Masquer Noah Lefèvre', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Masquer Noah Lefèvre ?' });
    await dialog.getByText(/ne pourra plus se connecter/).waitFor();
    await expectDialogAccessible(page, 'admin-users-hide-confirm');
    await dialog.getByRole('button', { name: 'Masquer le compte' }).click();
    await page.getByText('Le compte de Noah Lefèvre est masqué.').waitFor();
    await expect.poll(() => count().innerText()).toBe('0 utilisateur');
    await page.getByText('Aucun utilisateur ne correspond à ces critères.').waitFor();

    await page.getByRole('tab', { name: 'Comptes masqués' }).click();
    await rowOf('noah.lefevre2').waitFor();
    expect(await rowOf('noah.lefevre2').innerText()).toMatch(/Masqué le \d{2}\/\d{2}\/\d{4}/);
    await expectAccessible(page, 'admin-users-hidden');
    await page.getByRole('button', { name: 'Restaurer Noah Lefèvre', exact: true }).click();
    const restore = page.getByRole('dialog', { name: 'Restaurer Noah Lefèvre ?' });
    await expectDialogAccessible(page, 'admin-users-restore-confirm');
    await restore.getByRole('button', { name: 'Restaurer le compte' }).click();
    await page.getByText('Le compte de Noah Lefèvre est restauré.').waitFor();

    await page.getByRole('tab', { name: 'Comptes actifs' }).click();
    await rowOf('noah.lefevre2').waitFor();
  });

  it('exports the data of a user (RGPD) as a ZIP file', async () => {
    await openUsers();
    await search('demo.enseignant');
    await page.getByRole('button', { name: 'Modifier Étienne Enseignant', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Modifier Étienne Enseignant' });
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Exporter ses données (RGPD)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    await dialog.getByRole('link', { name: 'Voir ses actions dans le journal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor();
    expect(page.url()).toContain(`/${UAI}/parametres/journal?utilisateur=`);
  });

  it('shows the list as cards on a phone', async () => {
    await page.setViewportSize({ width: 375, height: 900 });
    await signIn(page, baseUrl, 'demo.admin');
    await openModule(page, 'Gestion des utilisateurs');
    const cards = page.getByRole('list', { name: /^Comptes actifs/ });
    await cards.getByText('demo.enseignant', { exact: true }).waitFor();
    await cards.getByRole('button', { name: 'Modifier Étienne Enseignant', exact: true }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'admin-users-phone');
  });
});
