import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible } from '../support/browser.ts';
import { callApi, launchBrowser, newSession, readMail, signIn, UAI, type Session } from './admin-support.ts';

const baseUrl = inject('baseUrl');
const EMAIL = 'zoe.oubli@exemple.fr';

let browser: Browser;
let admin: Session;
let visitor: Session;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await newSession(browser);
  visitor = await newSession(browser);
  // A teacher with an e-mail, created by hand for this journey.
  await signIn(admin.page, baseUrl, 'demo.admin');
  await callApi(admin.page, baseUrl, 'POST', '/api/v1/users', {
    civility: 'Mme',
    lastName: 'Oubli',
    firstName: 'Zoé',
    email: EMAIL,
    profiles: ['teacher'],
    allowDuplicate: true,
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('Mot de passe oublié', () => {
  it('asks for a link, reads it in « Courriels », chooses a new password and signs in with it', async () => {
    const page = visitor.page;
    await page.goto(`${baseUrl}/${UAI}`);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
    await expectAccessible(page, 'admin-forgot');

    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText('Saisissez votre identifiant.').waitFor();
    await page.getByLabel('Identifiant').fill('zoe.oubli');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(/Si ce compte existe et qu'une adresse électronique y est associée/).waitFor();
    await expectAccessible(page, 'admin-forgot-sent');

    // The same answer for an account that does not exist.
    await page.goto(`${baseUrl}/${UAI}/mot-de-passe-oublie`);
    await page.getByLabel('Identifiant').fill('personne.inconnue');
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await page.getByText(/Si ce compte existe et qu'une adresse électronique y est associée/).waitFor();

    const mail = await readMail(admin.page, baseUrl, EMAIL, /réinitialisation de votre mot de passe/);
    const link = /(http\S+\/reinitialisation\/[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    expect(link, mail).toBeDefined();
    expect(link!.startsWith(`${baseUrl}/${UAI}/reinitialisation/`)).toBe(true);

    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' }).waitFor();
    await page.getByText('zoe.oubli', { exact: true }).waitFor();
    await page.getByText(/Au moins 8 caractères/).waitFor();
    await expectAccessible(page, 'admin-reset-form');

    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByLabel('Confirmer le mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.getByText('Le mot de passe doit contenir au moins 8 caractères.').waitFor();
    await page.getByLabel('Nouveau mot de passe').fill('zoe-nouveau-2026');
    await page.getByLabel('Confirmer le mot de passe').fill('zoe-nouveau-2025');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
    await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
    await expectAccessible(page, 'admin-reset-form-errors');
    await page.getByLabel('Confirmer le mot de passe').fill('zoe-nouveau-2026');
    await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();

    await page.waitForURL(`${baseUrl}/${UAI}`);
    await page.getByText('Votre nouveau mot de passe est enregistré. Connectez-vous avec lui.').waitFor();
    await expectAccessible(page, 'admin-reset-done');
    await page.getByLabel('Identifiant').fill('zoe.oubli');
    await page.getByLabel('Mot de passe', { exact: true }).fill('zoe-nouveau-2026');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bonjour Zoé Oubli' }).waitFor();

    // The link serves once.
    await page.goto(link!);
    await page.getByRole('heading', { level: 1, name: 'Lien de réinitialisation non valable' }).waitFor();
    await expectAccessible(page, 'admin-reset-invalid');
    await page.getByRole('link', { name: 'Faire une nouvelle demande' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
  });
});
