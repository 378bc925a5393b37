import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateSiecleFiles, makeSchool } from '../../server/test/fixtures/siecle/generate.ts';
import { expectAccessible, launchBrowser, loginThroughForm } from '../support/browser.ts';
import { completeForcedChange } from './admin-support.ts';

/*
 * What a school secretary met on a first try of the imports (docs/guide.md §3.1), in Chromium, in
 * an establishment of its own (the demo's imports belong to imports.e2e.test.ts): learners and
 * parents left out named, XML files and a ZIP refused together, a stale analysis analysed again,
 * the history readable at 1280 px and on a phone, the journal in words, the CSV kept as text.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const UAI = '0861357Z';
const PASSWORD = 'défauts-import-2026';

function currentSchoolYear(now = new Date()): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

const school = makeSchool({ uai: UAI, schoolYear: currentSchoolYear(), seed: 1010, learners: 12, divisions: 2, departed: 2, inactifs: 1, contacts: 1 });
const generated = generateSiecleFiles(school);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-e2e-imports-defects-'));
const files = {
  eleves: path.join(dir, 'ElevesSansAdresses.xml'),
  responsables: path.join(dir, 'ResponsablesAvecAdresses.xml'),
  zip: path.join(dir, 'exports-eleves.zip'),
};
fs.writeFileSync(files.eleves, generated.eleves);
fs.writeFileSync(files.responsables, generated.responsables);
fs.writeFileSync(files.zip, zipSync({ 'ElevesSansAdresses.xml': generated.eleves, 'ResponsablesAvecAdresses.xml': generated.responsables }));
const departed = school.learners.filter((l) => l.exitDate !== null && l.exitDate < new Date().toISOString().slice(0, 10));
const inactive = school.learners.filter((l) => l.inactifs);

let adminLogin = '';
let page: Page;
const browser = { current: undefined as Awaited<ReturnType<typeof launchBrowser>> | undefined };

beforeAll(async () => {
  // The establishment and its administrator, by the command line, as a new school would.
  const created = spawnSync(process.execPath, [path.join(root, 'server/bin/cerise.mjs'), 'establishment', 'create', '--uai', UAI, '--name', 'Lycée des Défauts', '--json'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: inject('databaseUrl'), PUBLIC_URL: baseUrl, SMTP_URL: '', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  expect(created.status, created.stderr).toBe(0);
  const result = JSON.parse(created.stdout) as { admin: { login: string; initialPassword: string } };
  adminLogin = result.admin.login;
  browser.current = await launchBrowser();
  const context = await browser.current.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
  const first = await context.newPage();
  await loginThroughForm(first, baseUrl, UAI, adminLogin, result.admin.initialPassword);
  await completeForcedChange(first, result.admin.initialPassword, PASSWORD);
  // The teachers first, through the API with the page's session (their screens are imports.e2e's).
  const sts = await first.request.post(`${baseUrl}/api/v1/imports/teachers/analysis`, {
    headers: { origin: baseUrl },
    multipart: { teachers: { name: `sts_emp_${UAI}_${school.schoolYear}.xml`, mimeType: 'text/xml', buffer: Buffer.from(generated.sts) } },
  });
  expect(sts.status()).toBe(200);
  const runId = ((await sts.json()) as { runId: string }).runId;
  expect((await first.request.post(`${baseUrl}/api/v1/imports/${runId}/apply`, { headers: { origin: baseUrl } })).status()).toBe(200);
  await context.close();
}, 120_000);

afterAll(async () => {
  await browser.current?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let width = 1280;
beforeEach(async () => {
  const context = await browser.current!.newContext({ locale: 'fr-FR', viewport: { width, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  return () => context.close();
});

async function openImports(): Promise<void> {
  await loginThroughForm(page, baseUrl, UAI, adminLogin, PASSWORD);
  await page.getByRole('list', { name: 'Modules' }).waitFor();
  await page.getByRole('link', { name: 'Importer des fichiers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des fichiers' }).waitFor();
}

const learnersForm = () => page.locator('form[aria-labelledby="imports-learners-title"]');
const runIdOfPage = () => /\/importer\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

/** Sends the two XML files and waits for the analysis; returns its run id. */
async function analyseLearners(): Promise<string> {
  await page.getByLabel('Fichier des apprenants (ElevesSansAdresses.xml)').setInputFiles(files.eleves);
  await page.getByLabel('Fichier des parents (ResponsablesAvecAdresses.xml)').setInputFiles(files.responsables);
  await learnersForm().getByRole('button', { name: 'Importer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Analyse des fichiers : apprenants et parents' }).waitFor({ timeout: 30_000 });
  return runIdOfPage();
}

const analyses: string[] = [];

describe('Importer des fichiers: what a new secretary met', () => {
  it('refuses XML files and a ZIP chosen together, on the field, before sending anything', async () => {
    await openImports();
    await page.getByLabel('Fichier des apprenants (ElevesSansAdresses.xml)').setInputFiles(files.eleves);
    await page.getByLabel('Fichier ZIP', { exact: true }).setInputFiles(files.zip);
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/analysis')) sent.push(r.url());
    });
    await learnersForm().getByRole('button', { name: 'Importer' }).click();
    const error = learnersForm().getByText('Vous avez choisi à la fois des fichiers XML et un fichier ZIP', { exact: false });
    await error.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('zip');
    expect(sent).toEqual([]);
    await expectAccessible(page, '10a-imports-mixed');
  });

  it('names the learners and parents left out in the analysis, with the reason', async () => {
    await openImports();
    analyses.push(await analyseLearners());
    const summary = page.locator('section, div').filter({ has: page.getByRole('heading', { name: 'Résumé' }) }).last();
    const count = departed.length + inactive.length;
    await summary.getByText(`${count} apprenants des fichiers ne seront pas importés`, { exact: false }).waitFor();
    await summary.getByText("responsables des fichiers n'auront pas de compte parent", { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Afficher le détail' }).click();
    const table = page.getByRole('table', { name: /^Apprenants non importés/ });
    await table.waitFor();
    for (const l of departed) await table.getByRole('row').filter({ hasText: "A quitté l'établissement" }).filter({ hasText: l.firstName }).first().waitFor();
    for (const l of inactive) await table.getByRole('row').filter({ hasText: 'Seulement dans « Inactifs »' }).filter({ hasText: l.firstName }).first().waitFor();
    const parents = page.getByRole('table', { name: /^Responsables sans compte parent/ });
    await parents.getByRole('row').filter({ hasText: 'Personne à contacter seulement' }).first().waitFor();
    await parents.getByRole('row').filter({ hasText: "Aucun de ses enfants n'est importé" }).first().waitFor();
    await expectAccessible(page, '10a-imports-analysis-left-out');
  });

  it('marks an analysis stale once a later import of the same kind is applied, refuses it, and analyses the same files again', async () => {
    await openImports();
    const newer = await analyseLearners();
    await page.getByRole('button', { name: 'Importer les fichiers' }).click();
    await page.getByRole('heading', { level: 1, name: "Rapport d'importation : apprenants et parents" }).waitFor({ timeout: 30_000 });

    // In the history, the older analysis is marked stale.
    await page.goto(`${baseUrl}/${UAI}/importer`);
    const history = page.getByRole('region', { name: /Les dernières importations/ });
    await history.getByRole('row').filter({ hasText: 'Périmée (importation plus récente)' }).getByRole('link', { name: /Voir l'analyse/ }).waitFor();

    // The older analysis, opened again: said stale, no « Importer les fichiers ».
    await page.goto(`${baseUrl}/${UAI}/importer/${analyses[0]}`);
    await page.getByText("Cette analyse n'est plus à jour").waitFor();
    await page.getByText('Une importation des apprenants et parents a été faite après cette analyse', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Importer les fichiers' }).count()).toBe(0);
    await expectAccessible(page, '10a-imports-stale');

    await page.getByRole('button', { name: 'Analyser à nouveau' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(analyses[0]!) && /\/importer\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name: 'Analyse des fichiers : apprenants et parents' }).waitFor();
    await page.getByRole('button', { name: 'Importer les fichiers' }).waitFor();
    expect(await page.getByText("Cette analyse n'est plus à jour").count()).toBe(0);
    analyses.push(runIdOfPage(), newer);
  });

  it('shows the whole history at 1280 px, newest first, with the report links in view', async () => {
    await openImports();
    const region = page.getByRole('region', { name: /Les dernières importations/ });
    await region.waitFor();
    const { scrollWidth, clientWidth } = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const pdf = region.getByRole('link', { name: /Télécharger le PDF du rapport/ }).first();
    const box = (await pdf.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(1280);
    // Newest first, by the date each row shows (imported, else analysed).
    const dates = (await region.getByRole('row').allInnerTexts()).slice(1).map((text) => {
      const [, d, m, y, time] = /(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2})/.exec(text)!;
      return `${y}-${m}-${d} ${time}`;
    });
    expect(dates.length).toBeGreaterThanOrEqual(3);
    expect(dates).toEqual([...dates].sort().reverse());
    // The stale analysis was replaced by the new one: none is left marked « Périmée ».
    expect(await region.getByText('Périmée (importation plus récente)').count()).toBe(0);
    await expectAccessible(page, '10a-imports-history-1280');
  });

  it('shows the history as cards on a phone, without sideways scroll', async () => {
    width = 390;
    await page.setViewportSize({ width: 390, height: 844 });
    await openImports();
    const cards = page.getByRole('list', { name: /Les dernières importations/ });
    await cards.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await cards.getByRole('link', { name: /Télécharger le PDF du rapport/ }).first().waitFor();
    await expectAccessible(page, '10a-imports-history-390');
    width = 1280;
  });

  it('writes the Journal des actions in words, and the report CSV with logins and passwords as text', async () => {
    await loginThroughForm(page, baseUrl, UAI, adminLogin, PASSWORD);
    await page.getByRole('list', { name: 'Modules' }).waitFor();
    await page.goto(`${baseUrl}/${UAI}/parametres/journal`);
    await page.getByRole('heading', { level: 1, name: 'Journal des actions' }).waitFor();
    const journal = page.locator('main');
    await journal.getByText(/Créés : \d+ divisions?, .*enseignants?/).first().waitFor();
    const text = await journal.innerText();
    expect(text).not.toMatch(/\b(groups|teachers|learners|parents|divisions) : \d/);
    expect(text).not.toContain('(aucun)');
    // Import rows carry the address they were confirmed from, like every other row.
    const importRow = page.getByRole('row').filter({ hasText: 'Importation des apprenants' }).first();
    expect(await importRow.innerText()).toContain('127.0.0.1');
    await expectAccessible(page, '10a-audit');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByText(/Créés : \d+ divisions?, .*enseignants?/).first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, '10a-audit-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    const history = (await (await page.request.get(`${baseUrl}/api/v1/imports`)).json()) as { items: { id: string; status: string; kind: string }[] };
    const applied = history.items.find((r) => r.status === 'applied' && r.kind === 'learners')!;
    const csv = await (await page.request.get(`${baseUrl}/api/v1/imports/${applied.id}/report.csv`)).text();
    expect(csv).toMatch(/;"=""[a-z.-]+\d*""";"=""\d{8}""";/);
  });
});
