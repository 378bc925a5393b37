import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { expectAccessible, usePages, waitForSettledPage } from '../support/browser.ts';
import { openModule, signIn } from './admin-support.ts';

const baseUrl = inject('baseUrl');
const SHOTS = process.env.E2E_SCREENSHOTS ?? '';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);

async function shot(page: Page, name: string, print = false): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  if (print) await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  if (print) await page.emulateMedia({ media: 'screen' });
}

const listSettled = (page: Page) => waitForSettledPage(page);

async function openScenarios(page: Page): Promise<void> {
  await openModule(page, 'Gestion des scénarios');
  await page.getByRole('heading', { level: 2, name: 'Scénarios' }).waitFor();
  await page.getByRole('status').filter({ hasText: /scénarios?$/ }).first().waitFor();
}

describe('Gestion des scénarios (1280 px)', () => {
  const pages = usePages();
  let page: Page;
  beforeEach(async () => {
    page = pages.page;
    await signIn(page, baseUrl, 'demo.enseignant');
  });

  it('creates → attaches → duplicates → exports → evaluates, and offers to reload after a concurrent change', async () => {
    await openScenarios(page);
    const table = page.getByRole('table', { name: /^Scénarios — / });
    await table.getByRole('row').filter({ hasText: 'Gestion du courrier entrant' }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'Gestion du courrier entrant' }).innerText()).toContain('Sophie Collègue');
    // A colleague's public scenario: no « Modifier » nor « Supprimer ».
    const theirs = table.getByRole('row').filter({ hasText: 'Gestion du courrier entrant' });
    expect(await theirs.getByRole('button', { name: /^Supprimer/ }).count()).toBe(0);
    await expectAccessible(page, 'scenarios-list');
    await shot(page, 'list-1280');

    // Filters: by level, then by competency code.
    await page.getByLabel('Niveau', { exact: true }).selectOption({ label: 'Terminale' });
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('niveau=terminale');
    await listSettled(page);
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.getByLabel('Compétence', { exact: true }).fill('C113');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('competence=C113');
    await listSettled(page);
    await expect.poll(() => table.getByRole('row').count(), { timeout: 10_000 }).toBe(2);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await listSettled(page);

    // Create.
    await page.getByRole('link', { name: 'Nouveau scénario' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau scénario' }).waitFor();
    await page.getByRole('button', { name: /^Pôle 1/ }).waitFor();
    await expectAccessible(page, 'scenarios-form-new');
    await page.getByRole('button', { name: 'Validez la création du scénario' }).click();
    await page.getByText('Saisissez le titre du scénario.').waitFor();
    await page.getByLabel('Titre', { exact: true }).fill('Visite d’entreprise (e2e)');
    await page.getByLabel('Niveau', { exact: true }).selectOption({ label: 'Première' });
    await page.getByLabel('Contexte', { exact: true }).fill('Les apprenants visitent une PME et en décrivent le service administratif.');
    await page.getByLabel('Liens (adresses web)').fill('ftp://example.org/plan');
    await page.getByRole('button', { name: 'Validez la création du scénario' }).click();
    await page.getByText(/« ftp:\/\/example.org\/plan » n'est pas une adresse web valide/).waitFor();
    await page.getByLabel('Liens (adresses web)').fill('https://example.org/plan');
    await page.getByLabel('Rechercher une compétence').fill('C112');
    await page.getByRole('checkbox', { name: /^C112 / }).check();
    await page.getByRole('button', { name: /^Complexités de C112/ }).click();
    await page.getByRole('dialog').getByRole('checkbox').first().check();
    await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('heading', { name: 'Compétences sélectionnées (1)' }).waitFor();
    await shot(page, 'form-new-1280');
    await page.getByRole('button', { name: 'Validez la création du scénario' }).click();

    // Attach (after creation): a refused program, then a PDF.
    await page.getByRole('heading', { level: 1, name: 'Modifier « Visite d’entreprise (e2e) »' }).waitFor();
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles([{ name: 'programme.pdf', mimeType: 'application/pdf', buffer: ELF }]);
    await page.getByRole('button', { name: 'Joindre les fichiers' }).click();
    await page.getByText(/« programme.pdf » est un programme/).waitFor();
    await fileInput.setInputFiles([{ name: 'plan de visite.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    await page.getByRole('button', { name: 'Joindre les fichiers' }).click();
    await page.getByRole('button', { name: 'Retirer « plan de visite.pdf »' }).waitFor();
    await expectAccessible(page, 'scenarios-form-edit');
    await shot(page, 'form-edit-1280');

    // Someone saves from another tab: this form's save gets the 409 and the choice to reload.
    const id = page.url().split('/scenarios/')[1]!.split('/')[0]!;
    const current = await (await page.request.get(`${baseUrl}/api/v1/scenarios/${id}`)).json();
    const other = await page.request.put(`${baseUrl}/api/v1/scenarios/${id}`, {
      headers: { origin: baseUrl },
      data: { ...current, title: 'Visite d’entreprise (autre onglet)', competencies: current.competencies.map((c: { competencyId: string }) => ({ competencyId: c.competencyId })) },
    });
    expect(other.status()).toBe(200);
    await page.getByLabel('Ressources', { exact: true }).fill('Plan d’accès');
    await page.getByRole('button', { name: 'Validez les modifications' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ce scénario a changé entre-temps' }).waitFor();
    await expectAccessible(page, 'scenarios-conflict');
    await page.getByRole('button', { name: 'Recharger le scénario' }).click();
    await expect.poll(() => page.getByLabel('Titre', { exact: true }).inputValue()).toBe('Visite d’entreprise (autre onglet)');
    await page.getByLabel('Ressources', { exact: true }).fill('Plan d’accès');
    await page.getByRole('button', { name: 'Validez les modifications' }).click();

    // Consult.
    await page.getByRole('heading', { level: 1, name: 'Visite d’entreprise (autre onglet)' }).waitFor();
    await page.getByText('Plan d’accès').waitFor();
    await page.getByText('plan de visite.pdf').waitFor();
    await expectAccessible(page, 'scenarios-consult');
    await shot(page, 'consult-1280');
    await shot(page, 'consult-print', true);

    // Export.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Exporter \/ imprimer/ }).click()]);
    expect(download.suggestedFilename()).toBe('Visite d’entreprise (autre onglet).docx');
    const docx = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
    const text = strFromU8(docx['word/document.xml']!).replace(/<[^>]+>/g, '');
    expect(text).toContain('Visite d’entreprise (autre onglet)');
    expect(text).toContain('C112');
    expect(text).toContain('plan de visite.pdf');

    // Duplicate.
    await page.getByRole('button', { name: /^Dupliquer/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Dupliquer/ });
    await dialog.getByLabel('Nom du nouveau scénario').waitFor();
    await expectAccessible(page, 'scenarios-duplicate');
    await dialog.getByLabel('Nom du nouveau scénario').fill('Visite (copie e2e)');
    await dialog.getByLabel('Niveau').selectOption({ label: 'Terminale' });
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByRole('heading', { level: 1, name: 'Visite (copie e2e)' }).waitFor();
    await page.getByText('Privé (vous seul le voyez)').waitFor();
    await page.getByText('plan de visite.pdf').waitFor();

    // Evaluate: tick a class, then the evaluations module's creation page opens with them.
    await page.getByRole('link', { name: /^Évaluer/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Évaluer à partir de/ }).waitFor();
    await expectAccessible(page, 'scenarios-evaluate');
    await page.getByRole('button', { name: "Créer l'évaluation" }).click();
    await page.getByText('Cochez au moins un apprenant.').waitFor();
    await page.getByRole('checkbox', { name: 'Tout cocher — Classe 1GA1' }).check();
    await page.getByRole('status').filter({ hasText: /apprenants? choisis?$/ }).filter({ hasNotText: /^0 / }).waitFor();
    await shot(page, 'evaluate-1280');
    await page.getByRole('button', { name: "Créer l'évaluation" }).click();
    await expect.poll(() => page.url()).toMatch(/\/evaluations\/nouvelle\?scenario=[^&]+&learners=[^&]+/);
    const learners = new URL(page.url()).searchParams.get('learners')!.split(',');
    expect(learners.length).toBeGreaterThanOrEqual(4);

    // Delete the copy (confirmed).
    await page.goto(`${baseUrl}/0869999X/scenarios`);
    const row = page.getByRole('table', { name: /^Scénarios — / }).getByRole('row').filter({ hasText: 'Visite (copie e2e)' });
    await row.getByRole('button', { name: /^Supprimer/ }).click();
    const confirm = page.getByRole('dialog', { name: /^Supprimer « Visite \(copie e2e\) »/ });
    await confirm.getByText(/gardent leur contenu/).waitFor();
    await expectAccessible(page, 'scenarios-delete');
    await confirm.getByRole('button', { name: 'OK, supprimer' }).click();
    await expect.poll(() => row.count()).toBe(0);
  });
});

describe('Gestion des scénarios (390 px)', () => {
  const pages = usePages({ width: 390 });
  it('shows the list as cards and the consult page, still accessible', async () => {
    const page = pages.page;
    await signIn(page, baseUrl, 'demo.enseignant');
    await openScenarios(page);
    await page.getByRole('listitem').filter({ hasText: 'Organisation d’une réunion de service' }).waitFor();
    await expectAccessible(page, 'scenarios-list-390');
    await shot(page, 'list-390');
    await page.getByRole('listitem').filter({ hasText: 'Organisation d’une réunion de service' }).getByRole('link', { name: /^Consulter/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisation d’une réunion de service' }).waitFor();
    await page.getByText('Consignes de la réunion.pdf').waitFor();
    await expectAccessible(page, 'scenarios-consult-390');
    await shot(page, 'consult-390');
  });
});
