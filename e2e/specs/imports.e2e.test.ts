import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateSiecleFiles, makeSchool, type GenSchool } from '../../server/test/fixtures/siecle/generate.ts';
import { expectAccessible, loginThroughForm, usePages } from '../support/browser.ts';

const UAI = '0869999X';
const PASSWORD = 'cerise-demo';
const baseUrl = inject('baseUrl');

/** The first year of the current school year (from August on, the new year's exports). */
function currentSchoolYear(now = new Date()): number {
  return now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
}

/** Division codes of our own, so the demo's 2GA1/1GA1 (used by other journeys) stay untouched. */
function withOwnDivisionCodes(school: GenSchool): GenSchool {
  const code = (c: string) => `T${c.replace(/\s+/g, '')}`;
  for (const d of school.divisions) d.code = code(d.code);
  for (const g of school.groups) g.divisions = g.divisions.map(code);
  for (const s of school.services) if (s.structureType === 'division') s.code = code(s.code);
  for (const l of school.learners) if (l.division) l.division = code(l.division);
  for (const s of school.staff) s.mainTeacherOf = s.mainTeacherOf.map(code);
  return school;
}

// Names of our own, far from the demo's (Inès Martin, Léa Dubois…) that other journeys search for.
const FIRST_NAMES = ['Anatole', 'Berthe', 'Clément', 'Désiré', 'Edmée', 'Firmin', 'Gaspard', 'Honorine', 'Isidore', 'Joséphine', 'Lazare', 'Ninon', 'Octave', 'Rosalie', 'Sidonie', 'Théophile', 'Ursule'];
const LAST_NAMES = ['ARAGON', 'BRASSENS', 'COLETTE', 'DAUDET', 'ÉLUARD', 'FERRAT', 'GIONO', 'HÉRÉDIA', 'IONESCO', 'KESSEL', "D'ORSENNA", 'PAGNOL', 'QUENEAU', 'RIMBAUD', 'TRIOLET', 'VERLAINE', 'YOURCENAR', 'ZOLA'];

function withOwnNames(school: GenSchool): GenSchool {
  let i = 0;
  const next = () => {
    i++;
    return { first: FIRST_NAMES[i % FIRST_NAMES.length]!, last: LAST_NAMES[(i * 7) % LAST_NAMES.length]! };
  };
  for (const s of school.staff) {
    const n = next();
    Object.assign(s, { firstName: n.first, usageName: n.last, patronymicName: null });
  }
  for (const l of school.learners) {
    const n = next();
    Object.assign(l, { firstName: n.first, familyName: n.last, usageName: null, firstName2: null });
  }
  for (const p of school.persons) {
    const n = next();
    Object.assign(p, { firstName: n.first, familyName: n.last, usageName: null });
  }
  return school;
}

const school = withOwnNames(
  withOwnDivisionCodes(
    makeSchool({ uai: UAI, schoolYear: currentSchoolYear(), seed: 2026, learners: 14, divisions: 2, departed: 1, noClass: 1, siblings: 1 }),
  ),
);
const generated = generateSiecleFiles(school);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-e2e-imports-'));
const files = {
  sts: path.join(dir, `sts_emp_${UAI}_${school.schoolYear}.xml`),
  eleves: path.join(dir, 'ElevesSansAdresses.xml'),
  responsables: path.join(dir, 'ResponsablesAvecAdresses.xml'),
  zip: path.join(dir, 'exports-eleves.zip'),
  /** A PDF renamed .xml: the server recognises it by its content. */
  fakeXml: path.join(dir, `sts_emp_${UAI}_faux.xml`),
};
fs.writeFileSync(files.sts, generated.sts);
fs.writeFileSync(files.eleves, generated.eleves);
fs.writeFileSync(files.responsables, generated.responsables);
fs.writeFileSync(files.zip, zipSync({ 'ElevesSansAdresses.xml': generated.eleves, 'ResponsablesAvecAdresses.xml': generated.responsables }));
fs.writeFileSync(files.fakeXml, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const expectedTeachers = school.staff.filter((s) => s.fn === 'ENS' || school.services.some((sv) => sv.teacherIds.includes(s.id))).length;
const expectedLearners = school.learners.filter((l) => !l.exitDate && !l.inactifs).length;

type ReportPerson = { kind: string; status: string; login: string | null; initialPassword: string | null; lastName: string; children: string[] };
type Report = { runId: string; dryRun: boolean; people: ReportPerson[] };

const pages = usePages();
let page: Page;
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await pages.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  page = pages.page;
});

async function openImports(): Promise<void> {
  await loginThroughForm(page, baseUrl, UAI, 'demo.admin', PASSWORD);
  await page.getByRole('list', { name: 'Modules' }).waitFor();
  await page.getByRole('link', { name: 'Importer des fichiers' }).click();
  await page.getByRole('heading', { level: 1, name: 'Importer des fichiers' }).waitFor();
}

const teachersForm = () => page.locator('form[aria-labelledby="imports-teachers-title"]');
const learnersForm = () => page.locator('form[aria-labelledby="imports-learners-title"]');

/** The number in a row (« Enseignants ») and column (1 created, 2 updated, 3 hidden) of the counts table. */
async function countCell(rowName: string, column: 1 | 2 | 3): Promise<number> {
  const table = page.getByRole('table', { name: /créer, mettre à jour et masquer|créé, mis à jour et masqué/ });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: rowName, exact: true }) });
  const text = await row.getByRole('cell').nth(column - 1).innerText();
  return Number(text.replace(/\s/g, ''));
}

async function runReport(runId: string): Promise<Report> {
  const res = await page.request.get(`${baseUrl}/api/v1/imports/${runId}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Report;
}

/** The row of a table whose cell is exactly this login. */
const rowWithLogin = (table: ReturnType<Page['getByRole']>, login: string) =>
  table.getByRole('row').filter({ has: page.getByRole('cell', { name: login, exact: true }) });

const runIdOfPage = () => /\/importer\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

describe('Importer des fichiers', () => {
  it('shows the two parts of the guide, where each file comes from, and teachers first', async () => {
    await openImports();
    await page.getByRole('heading', { level: 2, name: '1. Importation des enseignants' }).waitFor();
    await page.getByRole('heading', { level: 2, name: '2. Importation des apprenants et de leurs parents' }).waitFor();
    await page.getByText('Importez obligatoirement les enseignants en premier').waitFor();
    await page.getByText(`sts_emp_${UAI}_${school.schoolYear}.xml`).waitFor();
    await page.getByText(/ARENA \/ Base élèves/).waitFor();
    for (const label of [
      'Fichier des enseignants (sts_emp_….xml ou ZIP)',
      'Fichier des apprenants (ElevesSansAdresses.xml)',
      'Fichier des parents (ResponsablesAvecAdresses.xml)',
      'Fichier ZIP',
    ]) {
      expect(await page.getByLabel(label, { exact: true }).getAttribute('type')).toBe('file');
    }
    await page.getByRole('heading', { level: 2, name: 'Historique des importations' }).waitFor();
    await expectAccessible(page, 'imports-form');
  });

  it('checks the choice of files before sending', async () => {
    await openImports();
    await teachersForm().getByRole('button', { name: 'Importer' }).click();
    await teachersForm().getByRole('alert').getByText(/Choisissez le fichier des enseignants/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('teachers');

    await page.getByLabel('Fichier des apprenants (ElevesSansAdresses.xml)').setInputFiles(files.eleves);
    await learnersForm().getByRole('button', { name: 'Importer' }).click();
    await learnersForm().getByRole('alert').getByText(/Choisissez aussi le fichier des parents/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('responsables');
    await learnersForm().getByText(/^ElevesSansAdresses\.xml \(\d+,\d Ko\)$/).waitFor();
    await expectAccessible(page, 'imports-form-errors');

    // « Retirer » empties the field again.
    await learnersForm().getByRole('button', { name: 'Retirer le fichier ElevesSansAdresses.xml' }).click();
    expect(await learnersForm().getByText('Aucun fichier choisi').count()).toBe(3);
  });

  it('refuses the learners before any teachers import, and says nothing changed', async (ctx) => {
    await openImports();
    const history = await page.request.get(`${baseUrl}/api/v1/imports`);
    const runs = ((await history.json()) as { items: { kind: string; status: string }[] }).items;
    // Only testable while this demo server has never imported teachers (this file's tests run in order).
    if (runs.some((r) => r.kind === 'teachers' && r.status === 'applied')) ctx.skip();

    await page.getByText(/Aucune importation des enseignants n'a encore été faite/).waitFor();
    await page.getByLabel('Fichier des apprenants (ElevesSansAdresses.xml)').setInputFiles(files.eleves);
    await page.getByLabel('Fichier des parents (ResponsablesAvecAdresses.xml)').setInputFiles(files.responsables);
    await learnersForm().getByRole('button', { name: 'Importer' }).click();
    const alert = learnersForm().getByRole('alert');
    await alert.getByText("Importez d'abord les enseignants", { exact: false }).waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toContain("Aucune donnée n'a été modifiée");
    await expectAccessible(page, 'imports-error-teachers-first');
  });

  it('refuses a PDF renamed .xml with the French message of the server, naming the file', async () => {
    await openImports();
    await page.getByLabel('Fichier des enseignants (sts_emp_….xml ou ZIP)').setInputFiles(files.fakeXml);
    await teachersForm().getByRole('button', { name: 'Importer' }).click();
    const alert = teachersForm().getByRole('alert');
    await alert.waitFor({ timeout: 30_000 });
    const text = await alert.innerText();
    // One file refused: said in the singular, with its name.
    expect(text).toContain(`Le fichier « ${path.basename(files.fakeXml)} » a été refusé`);
    expect(text).not.toContain('Les fichiers ont été refusés');
    expect(text).toContain("Aucune donnée n'a été modifiée");
    expect(page.url()).toBe(`${baseUrl}/${UAI}/importer`);
    await expectAccessible(page, 'imports-error-bad-file');
  });

  it('imports the teachers: progress, analysis with counts, then the report with logins and passwords', async () => {
    await openImports();
    await page.getByLabel('Fichier des enseignants (sts_emp_….xml ou ZIP)').setInputFiles(files.sts);
    // A slow line (3 Ko/s), to see the upload progress.
    const cdp = await pages.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 3000 });
    await teachersForm().getByRole('button', { name: 'Importer' }).click();
    const progress = page.getByRole('progressbar', { name: 'Envoi des fichiers' });
    await progress.waitFor();
    expect(await progress.getAttribute('aria-valuemax')).toBe('100');
    await page.getByRole('button', { name: "Annuler l'envoi" }).waitFor();
    await expectAccessible(page, 'imports-uploading');
    // The bar moves with the bytes sent, then turns into « Analyse en cours… ».
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')) > 0 || (await progress.getAttribute('aria-valuetext'))?.startsWith('Analyse'), { timeout: 20_000 })
      .toBe(true);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    await page.getByRole('heading', { level: 1, name: /^Analyse des fichiers : enseignants/ }).waitFor({ timeout: 30_000 });
    const runId = runIdOfPage();
    expect(runId).not.toBe('');
    const before = await runReport(runId);
    expect(before.dryRun).toBe(true);
    const firstImport = before.people.some((p) => p.status === 'created');
    if (firstImport) {
      expect(await countCell('Enseignants', 1)).toBe(expectedTeachers);
      expect(await countCell("Chefs d'établissement", 1)).toBe(1);
      expect(await countCell('Divisions (classes)', 1)).toBe(school.divisions.length);
    }
    await page.getByText(/seront ignorés|sera ignoré/).waitFor();
    await page.getByRole('button', { name: 'Afficher le détail' }).click();
    await page.getByRole('table', { name: /^Enseignants/ }).waitFor();
    await expectAccessible(page, 'imports-analysis-teachers');

    await page.getByRole('button', { name: 'Importer les fichiers' }).click();
    await page.getByRole('heading', { level: 1, name: /^Rapport d'importation : enseignants/ }).waitFor({ timeout: 30_000 });
    expect(runIdOfPage()).toBe(runId);
    const report = await runReport(runId);
    expect(report.dryRun).toBe(false);

    const teachers = page.getByRole('table', { name: /^Enseignants/ });
    const created = report.people.filter((p) => p.kind === 'teacher' && p.status === 'created');
    if (firstImport) expect(created).toHaveLength(expectedTeachers);
    for (const p of created.slice(0, 3)) {
      expect(await rowWithLogin(teachers, p.login!).innerText()).toContain(p.initialPassword!);
    }
    const head = report.people.find((p) => p.kind === 'head');
    await page.getByRole('table', { name: /^Chefs d'établissement/ }).getByText(head!.login!).waitFor();
    await page.getByRole('table', { name: /^Personnels ignorés/ }).waitFor();
    await expectAccessible(page, 'imports-report-teachers');

    // « Copier »: the plain text of the report, with the logins, goes to the clipboard.
    await page.getByRole('button', { name: 'Copier' }).click();
    await page.getByText('Le rapport est copié').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("Rapport d'importation : enseignants");
    expect(copied).toContain(created[0]!.login!);

    const csvHref = await page.getByRole('link', { name: 'Télécharger le CSV' }).getAttribute('href');
    const csv = await page.request.get(`${baseUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(created[0]!.login!);
  });

  it('imports the learners and their parents from the two files', async () => {
    await openImports();
    await page.getByLabel('Fichier des apprenants (ElevesSansAdresses.xml)').setInputFiles(files.eleves);
    await page.getByLabel('Fichier des parents (ResponsablesAvecAdresses.xml)').setInputFiles(files.responsables);
    await learnersForm().getByRole('button', { name: 'Importer' }).click();

    await page.getByRole('heading', { level: 1, name: /^Analyse des fichiers : apprenants/ }).waitFor({ timeout: 30_000 });
    expect(await countCell('Apprenants', 1)).toBe(expectedLearners);
    expect(await countCell('Parents', 1)).toBeGreaterThan(0);
    // The learner without a class: a warning with the file and the line.
    await page.getByRole('heading', { level: 2, name: /Avertissements/ }).waitFor();
    await page.getByRole('listitem').filter({ hasText: /ElevesSansAdresses\.xml, ligne \d+ .*sans classe/ }).first().waitFor();
    await expectAccessible(page, 'imports-analysis-learners');

    await page.getByRole('button', { name: 'Importer les fichiers' }).click();
    await page.getByRole('heading', { level: 1, name: /^Rapport d'importation : apprenants/ }).waitFor({ timeout: 30_000 });
    const report = await runReport(runIdOfPage());
    const learners = report.people.filter((p) => p.kind === 'learner' && p.status === 'created');
    expect(learners).toHaveLength(expectedLearners);

    const learnerTable = page.getByRole('table', { name: /^Apprenants —/ });
    const first = learners[0]!;
    expect(await rowWithLogin(learnerTable, first.login!).innerText()).toContain(first.initialPassword!);
    const parent = report.people.find((p) => p.kind === 'parent')!;
    expect(await rowWithLogin(page.getByRole('table', { name: /^Parents/ }), parent.login!).innerText()).toContain(parent.children[0]!);

    // The search of a long table keeps only the matching rows.
    const search = page.getByRole('searchbox', { name: 'Rechercher' }).first();
    await search.fill(first.login!);
    const matching = learners.filter((l) => l.login!.includes(first.login!)).length;
    await expect.poll(() => learnerTable.getByRole('row').count()).toBe(1 + matching); // header + matches
    await rowWithLogin(learnerTable, first.login!).waitFor();
    await expectAccessible(page, 'imports-report-learners');

    const pdfHref = await page.getByRole('link', { name: 'Télécharger le PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
  });

  it('re-imports the same learners from one ZIP: nothing changes, and the analysis can be cancelled', async () => {
    await openImports();
    await page.getByLabel('Fichier ZIP', { exact: true }).setInputFiles(files.zip);
    await learnersForm().getByRole('button', { name: 'Importer' }).click();
    await page.getByRole('heading', { level: 1, name: /^Analyse des fichiers : apprenants/ }).waitFor({ timeout: 30_000 });
    await page.getByText('Ces fichiers ne changent rien').waitFor();
    expect(await countCell('Apprenants', 1)).toBe(0);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer des fichiers' }).waitFor();
  });

  it('keeps the history; each import opens its report', async () => {
    await openImports();
    const history = page.getByRole('table', { name: /dernières importations/ });
    await history.waitFor();
    const rows = history.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3); // header + 2 imports
    // The analysis cancelled with « Annuler » is gone from the history.
    expect(await history.innerText()).not.toContain('Analysée, non importée');
    const applied = rows.filter({ hasText: 'Importée' });
    expect(await applied.count()).toBeGreaterThanOrEqual(2);
    expect(await applied.filter({ hasText: 'Enseignants' }).first().innerText()).toContain(path.basename(files.sts));
    await expectAccessible(page, 'imports-history');

    await applied.filter({ hasText: 'Enseignants' }).first().getByRole('link', { name: /^Voir le rapport/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Rapport d'importation : enseignants/ }).waitFor();
    // Passwords stay visible in the history's report.
    await page.getByRole('columnheader', { name: 'Mot de passe provisoire' }).first().waitFor();
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openImports();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'imports-form-phone');
  });
});
