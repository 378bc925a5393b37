import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { startCasServer, type TestCasServer } from '../../server/test/sso/cas-server.ts';
import { expectAccessible, loginThroughForm, usePages } from '../support/browser.ts';

/*
 * Single sign-on through the ENT (docs/sso.md): the administrator configures a CAS provider in
 * Paramètres and links a learner's ENT identifier on her page; the learner signs in through the
 * test CAS server without a password; an unknown identity gets the refusal page with the
 * identifier to give the administrator. The test CAS server runs in this process on 127.0.0.1.
 */

const UAI = '0869999X';
const PASSWORD = 'cerise-demo';
const CAS_PORT = 44010;
const baseUrl = inject('baseUrl');

const pages = usePages();
let page: Page;
let cas: TestCasServer;
beforeAll(async () => {
  cas = await startCasServer(CAS_PORT);
});
afterAll(async () => {
  await cas.close();
});
beforeEach(() => {
  page = pages.page;
});

describe('Connexion par l’ENT (CAS)', () => {
  it('lets the administrator add the ENT and link a learner’s ENT identifier', async () => {
    await loginThroughForm(page, baseUrl, UAI, 'demo.admin', PASSWORD);
    await page.getByRole('button', { name: 'Déconnexion' }).waitFor();
    await page.goto(`${baseUrl}/${UAI}/parametres`);
    await page.getByRole('link', { name: 'Connexion ENT / ÉduConnect' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connexion ENT / ÉduConnect' }).waitFor();
    await expectAccessible(page, 'sso-settings-empty');

    await page.getByRole('button', { name: 'Ajouter un fournisseur' }).click();
    const dialog = page.getByRole('dialog', { name: "Ajouter un fournisseur d'identité" });
    await dialog.getByLabel('Libellé du bouton').fill("l'ENT");
    await dialog.getByLabel('Adresse du serveur CAS').fill(cas.url);
    await expectAccessible(page, 'sso-provider-form');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByRole('article', { name: "l'ENT" });
    await card.waitFor();
    expect(await card.innerText()).toContain(`${baseUrl}/api/v1/auth/sso/${UAI}/`);
    expect((await card.innerText()).toLowerCase()).toContain('activé');
    await expectAccessible(page, 'sso-settings');

    await page.goto(`${baseUrl}/${UAI}/utilisateurs`);
    await page.getByRole('button', { name: 'Modifier Camille Apprenante', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Modifier Camille Apprenante' });
    await edit.getByLabel('Identifiant ENT').fill('camille.ent');
    await edit.getByRole('button', { name: 'Relier' }).click();
    await edit.getByText('camille.ent').waitFor();
    expect(await edit.getByRole('region', { name: 'Identifiants ENT' }).innerText()).toContain('à la main');
    await expectAccessible(page, 'sso-user-identities');
  });

  it('signs the learner in through the test CAS server, without a password', async () => {
    await page.goto(`${baseUrl}/${UAI}`);
    const button = page.getByRole('link', { name: "Se connecter avec l'ENT" });
    await button.waitFor();
    await expectAccessible(page, 'sso-login-buttons');
    cas.nextLogin({ user: 'camille.ent', attributes: { ENTPersonStructRattachRNE: [UAI], ENTPersonProfils: ['National_ELV'] } });
    await button.click();
    await page.waitForURL(`${baseUrl}/${UAI}/accueil`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByText('Connecté : Camille Apprenante').isVisible()).toBe(true);
    // The service URL given to the CAS server at login is the one it was asked to validate.
    expect(cas.validations.at(-1)).toMatchObject({ service: cas.logins.at(-1), answer: 'success' });
    await expectAccessible(page, 'sso-learner-home');

    // Logging out offers the ENT's logout too, when the provider gives one; this one does not.
    await page.getByRole('button', { name: 'Déconnexion' }).click();
    await page.waitForURL(`${baseUrl}/${UAI}`);
    await page.getByText('Vous êtes déconnecté').waitFor();
  });

  it('shows an unknown identity the refusal page with the identifier to give the administrator', async () => {
    await page.goto(`${baseUrl}/${UAI}`);
    cas.nextLogin({ user: 'inconnu.7301', attributes: { ENTPersonStructRattachRNE: [UAI.toLowerCase()] } });
    await page.getByRole('link', { name: "Se connecter avec l'ENT" }).click();
    await page.waitForURL(`${baseUrl}/${UAI}/connexion-ent`);
    await page.getByRole('heading', { level: 1, name: 'Connexion refusée' }).waitFor();
    const identifier = page.getByRole('region', { name: "Votre identifiant à donner à l'administrateur" });
    expect(await identifier.innerText()).toContain('inconnu.7301');
    expect(await page.getByText('Aucun compte de cet établissement ne correspond à cet identifiant.').isVisible()).toBe(true);
    await expectAccessible(page, 'sso-refusal');
    await page.getByRole('link', { name: 'Revenir à la page de connexion' }).click();
    await page.waitForURL(`${baseUrl}/${UAI}`);
  });

  it('removes the provider again (the demo establishment stays as other journeys expect it)', async () => {
    await loginThroughForm(page, baseUrl, UAI, 'demo.admin', PASSWORD);
    await page.getByRole('button', { name: 'Déconnexion' }).waitFor();
    await page.goto(`${baseUrl}/${UAI}/parametres/connexion-ent`);
    await page.getByRole('button', { name: "Supprimer l'ENT" }).click();
    const confirm = page.getByRole('dialog', { name: "Supprimer « l'ENT » ?" });
    expect(await confirm.innerText()).toContain('Le lien de 1 compte');
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await page.getByText("Aucun fournisseur d'identité n'est configuré").waitFor();
    await page.goto(`${baseUrl}/${UAI}`);
    await page.getByLabel('Identifiant').waitFor();
    expect(await page.getByRole('link', { name: "Se connecter avec l'ENT" }).count()).toBe(0);
  });
});
