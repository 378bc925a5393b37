import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tinyPng } from '../../server/src/modules/passport/passport.photo.ts';
import { expectAccessible, usePages, waitForSettledPage } from '../support/browser.ts';
import { newSession, signIn, UAI } from './admin-support.ts';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.PASSPORT_SHOTS ?? '';

async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function openPassport(page: Page, login: string) {
  await signIn(page, baseUrl, login);
  await page.goto(`${baseUrl}/${UAI}/passeport`);
  await page.getByRole('heading', { level: 1, name: 'Passeport professionnel' }).waitFor();
  await waitForSettledPage(page);
}

const status = (page: Page) => page.getByRole('status').filter({ hasText: /situations? professionnelles?$/ });

describe('passport — learner on a phone (390 px)', () => {
  const pages = usePages({ width: 390 });

  it('records a situation with a BEP activity and a photo', async () => {
    const page = pages.page;
    await openPassport(page, 'demo.apprenant');
    // The passport demo's 6 situations (other modules' demos may add some for their own screens).
    await status(page).waitFor();
    const before = Number(/^(\d+)/.exec(await status(page).innerText())![1]);
    expect(before).toBeGreaterThanOrEqual(6);
    // The demo's marks: BEP, review, « modifiée depuis l'évaluation », blocked competency in the note.
    await page.getByText('Compétences bloquées par vos enseignants').waitFor();
    await page.getByText('modifiée depuis l’évaluation').first().waitFor();
    await expectAccessible(page, 'passport-learner-list');
    await shot(page, 'phone-list');

    // Filters: words of the title, digits of the date, code of the competency.
    await page.getByRole('searchbox', { name: 'Titre' }).fill('relance');
    await expect.poll(() => status(page).innerText()).toBe('1 situation professionnelle');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByLabel('Compétence', { exact: true }).fill('3.2.3');
    await expect.poll(() => status(page).innerText()).toBe('1 situation professionnelle');
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();

    await page.getByRole('link', { name: 'Nouvelle situation professionnelle' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle situation professionnelle' }).waitFor();
    await page.getByLabel('Titre').fill('Envoi d’un courrier de réclamation');
    await page.getByLabel('Lieu').fill('Cabinet Lefèvre (PFMP)');
    await page.getByLabel('Contexte').fill('Un fournisseur a livré une commande incomplète.');
    // The blocked competency is shown, not selectable, with who blocked it and when.
    const search = page.getByLabel('Rechercher une compétence');
    await search.fill('1.1.1');
    const blocked = page.getByRole('radio', { name: /^C111 / });
    await blocked.waitFor();
    expect(await blocked.isDisabled()).toBe(true);
    await shot(page, 'phone-form-blocked');
    await expect.poll(() => page.locator('main').innerText()).toMatch(/bloquée par .+ le \d\d\/\d\d\/\d{4}/i);
    await expectAccessible(page, 'passport-learner-form-blocked');
    await search.fill('3.1.2');
    await page.getByRole('radio', { name: /^C312 / }).check();
    await page.getByLabel('Ce que j’ai fait').fill('J’ai rédigé et envoyé la réclamation.');
    await expectAccessible(page, 'passport-learner-form');
    await shot(page, 'phone-form');

    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Activité du BEP MSA' });
    await dialog.waitFor();
    await dialog.getByText('Activités suggérées pour cette situation').waitFor();
    expect(await dialog.getByRole('radio').count()).toBe(18); // 17 activities and « Aucune »
    await expectAccessible(page, 'passport-learner-bep-prompt');
    await shot(page, 'phone-bep-prompt');
    const firstActivity = dialog.getByRole('radio').first();
    const activityName = (await firstActivity.getAttribute('value'))!;
    await firstActivity.check();
    await dialog.getByRole('button', { name: 'Valider' }).click();

    await page.getByRole('heading', { level: 1, name: 'Modifier la situation professionnelle' }).waitFor();
    expect(await page.getByLabel('Activité du BEP MSA réalisée').inputValue()).toBe(activityName);
    await page.getByLabel('Détails de la partie BEP').fill('Courrier rédigé en autonomie.');

    // A photo taken with the phone, for the BAC PRO part.
    await page.getByLabel('Partie concernée').selectOption({ label: 'partie BAC PRO' });
    await page.getByTestId('attachment-camera').setInputFiles({ name: 'reclamation.png', mimeType: 'image/png', buffer: tinyPng(120, 90) });
    await page.getByRole('button', { name: 'Télécharger reclamation.png' }).waitFor();
    await expectAccessible(page, 'passport-learner-edit');
    await shot(page, 'phone-edit');
    await page.getByRole('button', { name: 'Enregistrer et quitter' }).click();

    await page.getByRole('heading', { level: 1, name: 'Passeport professionnel' }).waitFor();
    await expect.poll(() => status(page).innerText()).toBe(`${before + 1} situations professionnelles`);
    const card = page.getByRole('listitem').filter({ hasText: 'Envoi d’un courrier de réclamation' });
    await card.getByText('1 pièce jointe').waitFor();
    await card.getByText(/Rattachée à l’activité du BEP MSA/).waitFor();
    await expectAccessible(page, 'passport-learner-list-after');
    await shot(page, 'phone-list-after');

    // Delete, with a confirmation.
    await card.getByRole('link', { name: 'Envoi d’un courrier de réclamation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier la situation professionnelle' }).waitFor();
    await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer la situation professionnelle' });
    await confirm.waitFor();
    await expectAccessible(page, 'passport-learner-delete');
    await confirm.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Passeport professionnel' }).waitFor();
    await expect.poll(() => status(page).innerText()).toBe(`${before} situations professionnelles`);
  });
});

describe('passport — teacher on a desktop (1280 px)', () => {
  const pages = usePages({ width: 1280 });

  it('blocks a competency, reviews a situation, and the CCF extract lists it', async () => {
    const page = pages.page;
    await openPassport(page, 'demo.enseignant');
    await page.getByLabel('Classe').selectOption({ label: '1GA1 — Première Gestion-Administration 1' });
    await expectAccessible(page, 'passport-teacher-classes');
    await page.getByRole('link', { name: 'Apprenante Camille' }).click();
    await page.getByRole('heading', { level: 1, name: 'Passeport professionnel de Camille Apprenante' }).waitFor();
    const table = page.getByRole('table', { name: 'Situations professionnelles' });
    await table.waitFor();
    // The demo's blocked competency: in red and said in text.
    await table.getByRole('row').filter({ hasText: 'Mise à jour du fichier fournisseurs' }).getByText('Compétence bloquée').waitFor();
    await expectAccessible(page, 'passport-teacher-learner');
    await shot(page, 'desktop-learner');

    await table.getByRole('link', { name: 'Tri et enregistrement du courrier arrivé' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tri et enregistrement du courrier arrivé' }).waitFor();
    const toggle = page.getByRole('switch', { name: 'Non bloquée' });
    await toggle.waitFor();
    await expectAccessible(page, 'passport-teacher-situation');
    await toggle.click();
    await page.getByRole('switch', { name: 'Bloquée' }).waitFor();
    await page.getByText('Compétence bloquée').waitFor();

    await page.getByRole('radio', { name: 'Réussite partielle' }).check();
    await page.getByLabel('Appréciation').fill('Tri rigoureux, registre bien tenu.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText(/^Réussite partielle — le \d\d\/\d\d\/\d{4} — /).waitFor();
    await expectAccessible(page, 'passport-teacher-reviewed');
    await shot(page, 'desktop-situation');

    // « Créer un scénario » from the situation: the scenario form opens prefilled (then back).
    await page.getByRole('link', { name: 'Créer un scénario à partir de cette situation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau scénario' }).waitFor();
    await page.getByText(/^Prérempli à partir de la situation du passeport « Tri et enregistrement du courrier arrivé »/).waitFor();
    expect(await page.getByLabel('Titre', { exact: false }).first().inputValue()).toBe('Tri et enregistrement du courrier arrivé');
    await expectAccessible(page, 'scenario-from-situation');
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Tri et enregistrement du courrier arrivé' }).waitFor();

    // The CCF extract (pôle 3) lists the situation and its review.
    await page.getByRole('link', { name: /^Revenir au passeport de/ }).click();
    await page.getByLabel('Pôle').selectOption('3');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Extrait CCF (PDF)' }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-e2e-')), download.suggestedFilename());
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('Tri et enregistrement du courrier arrivé');
    expect(text).toContain('Réussite partielle');
    expect(text).toContain('Tri rigoureux, registre bien tenu.');
    if (SHOTS) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', file, path.join(SHOTS, 'extract')]);

    // The learner: the review in their list, and the competency can no longer be chosen.
    await learnerSees(pages.browser);
  });
});

async function learnerSees(browser: Browser) {
  const { context, page } = await newSession(browser, 390);
  try {
    await openPassport(page, 'demo.apprenant');
    const card = page.getByRole('listitem').filter({ hasText: 'Tri et enregistrement du courrier arrivé' });
    await card.getByText(/Dernière évaluation : Réussite partielle/).waitFor();
    await page.getByRole('link', { name: 'Nouvelle situation professionnelle' }).click();
    await page.getByLabel('Rechercher une compétence').fill('3.2.2');
    const radio = page.getByRole('radio', { name: /^C322 / });
    await radio.waitFor();
    expect(await radio.isDisabled()).toBe(true);
    await expectAccessible(page, 'passport-learner-blocked-after');
  } finally {
    await context.close();
  }
}
