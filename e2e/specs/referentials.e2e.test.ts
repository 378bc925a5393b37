import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { expectAccessible, loginThroughForm, usePages } from '../support/browser.ts';

const UAI = '0869999X';
const PASSWORD = 'cerise-demo';
const baseUrl = inject('baseUrl');
/** French quotes as the catalogue writes them, with non-breaking spaces. */
const q = (text: string) => `«\u00a0${text}\u00a0»`;

const pages = usePages();
let page: Page;
beforeEach(() => {
  page = pages.page;
});

async function signIn(target: Page, login: string): Promise<void> {
  await loginThroughForm(target, baseUrl, UAI, login, PASSWORD);
  await target.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
}

/** Presses Tab until `target` has the focus (keyboard only, no click). */
async function tabTo(target: Locator, max = 80): Promise<void> {
  await target.waitFor({ state: 'attached' });
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the element was not reached with Tab');
}

/** A button whose accessible name, as Chromium computes it, is exactly `name`. */
async function expectButtonNamed(name: string): Promise<void> {
  await expect.poll(() => page.getByRole('button', { name, exact: true }).count()).toBe(1);
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement);
}

/** The codes of the « compétences sélectionnées », in order. */
async function selectedCodes(target: Page = page): Promise<string[]> {
  return target.locator('li[data-competency-code]').evaluateAll((items) => items.map((li) => li.getAttribute('data-competency-code') ?? ''));
}

/** The picker as teachers meet it: in the form of a new scenario. */
async function openPickerPreview(): Promise<void> {
  await signIn(page, 'demo.enseignant');
  await page.goto(`${baseUrl}/${UAI}/scenarios/nouveau`);
  await page.getByRole('heading', { level: 1, name: 'Nouveau scénario' }).waitFor();
  await page.getByRole('button', { name: /^Pôle 1/ }).waitFor();
}

describe('competency picker (teacher)', () => {
  it('finds « 1.1.2 » and « commandes », ticks complexities and hazards with the mouse, reorders', async () => {
    await openPickerPreview();
    await expectAccessible(page, 'picker-empty');

    const search = page.getByLabel('Rechercher une compétence');
    await search.fill('1.1.2');
    await page.getByText('1 compétence trouvée').waitFor();
    await page.getByRole('checkbox', { name: /^C112 Passer commande/ }).check();

    await search.fill('commandes');
    await page.getByText('2 compétences trouvées').waitFor();
    expect(await page.getByRole('checkbox', { name: /^C123 / }).isVisible()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^C112 / }).isChecked()).toBe(true);

    // Accents and case do not count: « reglements » finds « règlements ».
    await search.fill('REGLEMENTS fournisseurs');
    await page.getByText('1 compétence trouvée').waitFor();
    await page.getByRole('checkbox', { name: /^C115 Assurer des règlements/ }).waitFor();
    await expectAccessible(page, 'picker-search');

    await search.fill('zzz');
    await page.getByText(`Aucune compétence ne correspond à ${q('zzz')}.`).waitFor();
    await search.fill('');

    // The tree unfolds by clicking the titles.
    const pole1 = page.getByRole('button', { name: /^Pôle 1/ });
    expect(await pole1.getAttribute('aria-expanded')).toBe('false');
    await pole1.click();
    expect(await pole1.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: /^1\.1 Gestion administrative des relations avec les fournisseurs/ }).click();
    await page.getByRole('checkbox', { name: /^C111 / }).check();
    // « à compléter » competencies say so.
    await page.getByRole('checkbox', { name: /^C114 / }).check();
    await expect.poll(() => selectedCodes()).toEqual(['C112', 'C111', 'C114']);
    await page.getByRole('heading', { name: 'Compétences sélectionnées (3)' }).waitFor();

    // The squares: green, with the count written and said, once something is ticked.
    const complexities = page.getByRole('button', { name: /^Complexités de C112/ });
    await expectButtonNamed('Complexités de C112 : 0 cochée sur 4');
    await complexities.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Achats en ligne' }).check();
    await dialog.getByRole('checkbox', { name: 'Gestion partagée des approvisionnements' }).check();
    await expectAccessible(page, 'picker-complexities-open');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expectButtonNamed('Complexités de C112 : 2 cochées sur 4');
    expect(await complexities.getAttribute('data-active')).toBe('true');
    expect(await complexities.innerText()).toContain('2');
    const squareColour = await complexities.locator('span').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(squareColour).toBe('rgb(35, 112, 50)');

    const hazards = page.getByRole('button', { name: /^Aléas de C112/ });
    await hazards.click();
    await page.getByRole('dialog').getByRole('checkbox', { name: "Ordre d'achat erroné" }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Fermer' }).click();
    await expectButtonNamed('Aléas de C112 : 1 coché sur 4');

    await page.getByRole('button', { name: /^Complexités de C114/ }).click();
    await page.getByRole('dialog').getByText(/pas encore renseignées \(à compléter\)/).waitFor();
    await page.keyboard.press('Escape');

    // Order: « Monter » / « Descendre », and drag and drop.
    await page.getByRole('button', { name: 'Monter C111' }).click();
    await expect.poll(() => selectedCodes()).toEqual(['C111', 'C112', 'C114']);
    await page.getByRole('button', { name: 'Descendre C111' }).click();
    await page.getByRole('button', { name: 'Descendre C111' }).click();
    await expect.poll(() => selectedCodes()).toEqual(['C112', 'C114', 'C111']);
    await page.locator('li[data-competency-code="C111"]').dragTo(page.locator('li[data-competency-code="C112"]'), {
      sourcePosition: { x: 20, y: 20 },
      targetPosition: { x: 40, y: 5 },
    });
    await expect.poll(() => selectedCodes()).toEqual(['C111', 'C112', 'C114']);
    await expectAccessible(page, 'picker-selected');

    await page.getByRole('button', { name: 'Retirer C114' }).click();
    await expect.poll(() => selectedCodes()).toEqual(['C111', 'C112']);
    expect(await page.getByRole('checkbox', { name: /^C114 / }).isChecked()).toBe(false);
    // The ticked complexities stay with their competency.
    await expectButtonNamed('Complexités de C112 : 2 cochées sur 4');

    await page.setViewportSize({ width: 375, height: 800 });
    await expectAccessible(page, 'picker-phone');
  });

  it('is usable with the keyboard only', async () => {
    await openPickerPreview();
    const search = page.getByLabel('Rechercher une compétence');
    await tabTo(search);
    await page.keyboard.type('commandes');
    await page.getByText('2 compétences trouvées').waitFor();
    const c112 = page.getByRole('checkbox', { name: /^C112 / });
    await page.keyboard.press('Tab');
    expect(await isFocused(c112)).toBe(true);
    await page.keyboard.press('Space');
    expect(await c112.isChecked()).toBe(true);

    // Back to the search, emptied: the tree comes back, unfolded with Enter.
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(search)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    const pole1 = page.getByRole('button', { name: /^Pôle 1/ });
    await tabTo(pole1);
    await page.keyboard.press('Enter');
    expect(await pole1.getAttribute('aria-expanded')).toBe('true');
    const class11 = page.getByRole('button', { name: /^1\.1 / });
    await tabTo(class11);
    await page.keyboard.press('Enter');
    const c111 = page.getByRole('checkbox', { name: /^C111 / });
    await tabTo(c111);
    await page.keyboard.press('Space');
    await expect.poll(() => selectedCodes()).toEqual(['C112', 'C111']);
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(class11)).toBe(true);
    await page.keyboard.press('Space');
    expect(await class11.getAttribute('aria-expanded')).toBe('false');

    // The square opens its list; the focus goes in; Space ticks; Escape closes and gives the focus back.
    const complexities = page.getByRole('button', { name: /^Complexités de C112/ });
    await tabTo(complexities);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('checkbox', { name: 'Achats en ligne' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await isFocused(complexities)).toBe(true);
    await expectButtonNamed('Complexités de C112 : 2 cochées sur 4');

    const hazards = page.getByRole('button', { name: /^Aléas de C112/ });
    await page.keyboard.press('Tab');
    expect(await isFocused(hazards)).toBe(true);
    await page.keyboard.press('Space');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByRole('checkbox', { name: "Ordre d'achat erroné" }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await expectButtonNamed('Aléas de C112 : 1 coché sur 4');
    expect(await isFocused(hazards)).toBe(true);

    // « Descendre » moves it; the focus follows the competency.
    await page.keyboard.press('Tab');
    const down = page.getByRole('button', { name: 'Descendre C112' });
    expect(await isFocused(down)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => selectedCodes()).toEqual(['C111', 'C112']);
    await expect.poll(() => isFocused(page.getByRole('button', { name: 'Monter C112' }))).toBe(true);
    await page.getByRole('status').filter({ hasText: 'Compétence C112 déplacée en position 2 sur 2.' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'picker-keyboard');
  });

  it('keeps the referential editor for administrators', async () => {
    await signIn(page, 'demo.enseignant');
    await page.goto(`${baseUrl}/${UAI}/parametres/referentiels`);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
  });
});

// ----------------------------------------------------------------------------------------------

async function openEditor(target: Page): Promise<void> {
  await target.getByRole('link', { name: 'Paramètres' }).click();
  await target.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  await target.getByRole('link', { name: 'Référentiels (compléter les complexités et aléas)' }).click();
  await target.getByRole('heading', { level: 1, name: 'Référentiels' }).waitFor();
  await target.getByRole('link', { name: /Compléter et corriger/ }).first().click();
  await target.getByRole('heading', { level: 1, name: 'Bac Pro Gestion-Administration' }).waitFor();
}

/** Finds a competency by its code and unfolds its panel; returns the panel's list item. */
async function openCompetency(target: Page, code: string): Promise<Locator> {
  await target.getByLabel('Rechercher une compétence').fill(code);
  const item = target.locator(`li[data-competency-code="${code}"]`);
  const toggle = item.getByRole('button', { name: new RegExp(`^${code} `) });
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await item.getByRole('checkbox', { name: 'À compléter' }).waitFor();
  return item;
}

async function listLabels(panel: Locator, heading: RegExp): Promise<string[]> {
  const section = panel.locator('section').filter({ has: panel.page().getByRole('heading', { name: heading }) });
  return section.locator('ol > li').evaluateAll((items) => items.map((li) => li.querySelector('span + span')?.textContent ?? ''));
}

async function addItem(panel: Locator, list: 'complexité' | 'aléa', label: string): Promise<void> {
  const field = panel.getByLabel(list === 'complexité' ? 'Nouvelle complexité' : 'Nouvel aléa');
  await field.fill(label);
  await panel.getByRole('button', { name: list === 'complexité' ? 'Ajouter la complexité' : "Ajouter l'aléa" }).click();
  await panel.getByText(label, { exact: true }).waitFor();
  await expect.poll(() => field.inputValue()).toBe('');
}

describe('referential editor (administrator)', () => {
  it('completes the complexities and hazards of a situation', async () => {
    await signIn(page, 'demo.admin');
    await openEditor(page);
    await expectAccessible(page, 'editor-tree');

    // Browse: unfold pôle 4, then class 4.2.
    await page.getByRole('button', { name: /^Pôle 4/ }).click();
    await page.getByRole('button', { name: /^4\.2 Évaluation du projet/ }).click();
    await page.getByRole('button', { name: /^C423 .*0 complexité · 0 aléa · à compléter/ }).click();
    const panel = page.locator('li[data-competency-code="C423"]');
    await panel.getByText('Aucune complexité pour le moment.').waitFor();

    await addItem(panel, 'complexité', 'Clôture d’un projet simple');
    await addItem(panel, 'complexité', 'Clôture avec des partenaires multiples');
    await addItem(panel, 'complexité', 'Clôture d’un projet à financement public');
    await addItem(panel, 'aléa', 'Facture manquante à la clôture');
    await addItem(panel, 'aléa', 'Prestataire défaillant');

    // Reorder: the third goes up.
    await panel.getByRole('button', { name: `Monter ${q('Clôture d’un projet à financement public')}` }).click();
    await expect
      .poll(() => listLabels(panel, /^Complexités/))
      .toEqual(['Clôture d’un projet simple', 'Clôture d’un projet à financement public', 'Clôture avec des partenaires multiples']);

    // Rename.
    await panel.getByRole('button', { name: `Modifier ${q('Prestataire défaillant')}` }).click();
    const renamed = panel.getByLabel("Intitulé de l'aléa n° 2");
    await renamed.fill('Prestataire ou fournisseur défaillant');
    await renamed.press('Enter');
    await panel.getByText('Prestataire ou fournisseur défaillant', { exact: true }).waitFor();
    await expect.poll(() => isFocusedIn(page, `Modifier ${q('Prestataire ou fournisseur défaillant')}`)).toBe(true);

    // A duplicate is refused, under the field, in French.
    await panel.getByLabel('Nouvel aléa').fill('facture MANQUANTE à la clôture');
    await panel.getByRole('button', { name: "Ajouter l'aléa" }).click();
    await panel.getByText('Cet intitulé figure déjà dans la liste de cette compétence.').waitFor();
    await panel.getByLabel('Nouvel aléa').fill('');

    // Delete (unused), after confirmation.
    await panel.getByRole('button', { name: `Supprimer ${q('Clôture avec des partenaires multiples')}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer cette complexité ?' });
    await confirm.waitFor();
    // After the opening animation (axe measures contrast on the final colours).
    await expect.poll(() => confirm.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await expectAccessible(page, 'editor-delete-confirm');
    await confirm.getByRole('button', { name: 'Supprimer' }).click();
    await expect.poll(() => listLabels(panel, /^Complexités/)).toEqual(['Clôture d’un projet simple', 'Clôture d’un projet à financement public']);

    // No longer « à compléter ».
    const toComplete = panel.getByRole('checkbox', { name: 'À compléter' });
    expect(await toComplete.isChecked()).toBe(true);
    await toComplete.uncheck();
    await page.getByRole('button', { name: /^C423 .*2 complexités · 2 aléas$/ }).waitFor();
    await page.getByText('51 compétences à compléter.').waitFor();
    await expectAccessible(page, 'editor-competency');

    await page.setViewportSize({ width: 375, height: 800 });
    await expectAccessible(page, 'editor-competency-phone');

    // A teacher now finds them in the picker.
    const teacher = await pages.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const teacherPage = await teacher.newPage();
    await signIn(teacherPage, 'demo.enseignant');
    await teacherPage.goto(`${baseUrl}/${UAI}/scenarios/nouveau`);
    await teacherPage.getByLabel('Rechercher une compétence').fill('4.2.3');
    await teacherPage.getByRole('checkbox', { name: /^C423 / }).check();
    await teacherPage.getByRole('button', { name: 'Complexités de C423 : 0 cochée sur 2' }).click();
    await teacherPage.getByRole('dialog').getByRole('checkbox', { name: 'Clôture d’un projet à financement public' }).check();
    await teacher.close();
  });

  it('explains a version conflict and reloads the competency', async () => {
    await signIn(page, 'demo.admin');
    await openEditor(page);
    const other = await pages.context.newPage();
    await other.goto(page.url());
    await other.getByRole('heading', { level: 1, name: 'Bac Pro Gestion-Administration' }).waitFor();

    const mine = await openCompetency(page, 'C421');
    const theirs = await openCompetency(other, 'C421');
    await addItem(theirs, 'aléa', 'Données de synthèse incomplètes');
    // A page in the background gets no animation frames: bring it to the front.
    await page.bringToFront();

    await mine.getByLabel('Nouvel aléa').fill('Délai de remise raccourci');
    await mine.getByRole('button', { name: "Ajouter l'aléa" }).click();
    await mine.getByText('Modification non enregistrée').waitFor();
    await mine.getByText(/Quelqu'un d'autre a modifié cette compétence entre-temps/).waitFor();
    await expectAccessible(page, 'editor-conflict');
    await mine.getByRole('button', { name: 'Recharger' }).click();
    await mine.getByText('Données de synthèse incomplètes', { exact: true }).waitFor();
    expect(await mine.getByText('Modification non enregistrée').count()).toBe(0);
    // What was typed is kept; sent again, it is saved.
    expect(await mine.getByLabel('Nouvel aléa').inputValue()).toBe('Délai de remise raccourci');
    await mine.getByRole('button', { name: "Ajouter l'aléa" }).click();
    await mine.getByText('Délai de remise raccourci', { exact: true }).waitFor();
    await other.close();
  });

  it('exports the referential, re-imports it unchanged, then imports an edited copy', async () => {
    await signIn(page, 'demo.admin');
    await page.goto(`${baseUrl}/${UAI}/parametres/referentiels`);
    await page.getByRole('heading', { level: 1, name: 'Référentiels' }).waitFor();
    await expectAccessible(page, 'referential-list');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le référentiel BACPRO-GA (fichier JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('referentiel-BACPRO-GA.json');
    const text = fs.readFileSync(await download.path(), 'utf8');
    type Doc = { format: string; referential: { code: string; poles: { classes: { situations: { competencies: { code: string; complexities: string[]; hazards: string[]; toComplete: boolean }[] }[] }[] }[] } };
    const doc = JSON.parse(text) as Doc;
    expect(doc.format).toBe('cerise-pro.referentiel');
    const competencies = doc.referential.poles.flatMap((p) => p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies)));
    expect(competencies.find((k) => k.code === 'C112')?.complexities).toContain('Achats en ligne');

    const fileInput = page.locator('input[type="file"]');
    const analyse = page.getByRole('button', { name: 'Analyser le fichier' });

    // Not JSON: refused in French, with where.
    await fileInput.setInputFiles({ name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": ') });
    await analyse.click();
    await page.getByText(/Le fichier n'est pas un fichier JSON valide\./).waitFor();
    await expectAccessible(page, 'import-error');

    // The export itself: nothing would change.
    await fileInput.setInputFiles({ name: 'referentiel-BACPRO-GA.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await analyse.click();
    await page.getByRole('heading', { name: 'Analyse du fichier referentiel-BACPRO-GA.json' }).waitFor();
    await page.getByText(/Aucun changement : le référentiel « Bac Pro Gestion-Administration » \(BACPRO-GA\) est déjà à jour\./).waitFor();
    expect(await page.getByRole('button', { name: "Appliquer l'import" }).count()).toBe(0);
    await expectAccessible(page, 'import-no-change');
    await page.getByRole('button', { name: 'Importer un autre fichier' }).click();

    // An edited copy: two complexities and one hazard for C422, no longer « à compléter ».
    const edited = JSON.parse(text) as Doc;
    const c422 = edited.referential.poles
      .flatMap((p) => p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies)))
      .find((k) => k.code === 'C422')!;
    c422.complexities = ['Mesures correctives sur un seul service', 'Mesures correctives transversales'];
    c422.hazards = ['Indicateurs indisponibles'];
    c422.toComplete = false;
    await fileInput.setInputFiles({ name: 'referentiel-modifie.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
    await analyse.click();
    await page.getByRole('heading', { name: 'Analyse du fichier referentiel-modifie.json' }).waitFor();
    await page.getByText(/L'import mettrait à jour le référentiel « Bac Pro Gestion-Administration » \(BACPRO-GA\) : 1 compétence serait modifiée/).waitFor();
    await page.getByText(/C422 — .* : Complexités : 2 complexités seraient ajoutées \(« Mesures correctives sur un seul service », « Mesures correctives transversales »\)/).waitFor();
    await expectAccessible(page, 'import-dry-run');

    await page.getByRole('button', { name: "Appliquer l'import" }).click();
    await page.getByRole('heading', { name: "Résultat de l'import" }).waitFor();
    await page.getByText(/Le référentiel « Bac Pro Gestion-Administration » \(BACPRO-GA\) a été mis à jour : 1 compétence modifiée/).first().waitFor();
    await expectAccessible(page, 'import-applied');

    // Seen in the editor.
    await page.getByRole('link', { name: `Ouvrir le référentiel ${q('Bac Pro Gestion-Administration')}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Bac Pro Gestion-Administration' }).waitFor();
    const panel = await openCompetency(page, 'C422');
    expect(await listLabels(panel, /^Complexités/)).toEqual(['Mesures correctives sur un seul service', 'Mesures correctives transversales']);
    expect(await listLabels(panel, /^Aléas/)).toEqual(['Indicateurs indisponibles']);
    expect(await panel.getByRole('checkbox', { name: 'À compléter' }).isChecked()).toBe(false);

    // Importing the same edited copy again changes nothing.
    await page.goto(`${baseUrl}/${UAI}/parametres/referentiels`);
    await fileInput.setInputFiles({ name: 'referentiel-modifie.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited)) });
    await analyse.click();
    await page.getByText(/Aucun changement/).waitFor();

    await page.setViewportSize({ width: 375, height: 800 });
    await expectAccessible(page, 'referential-list-phone');
  });
});

async function isFocusedIn(target: Page, name: string): Promise<boolean> {
  return target.getByRole('button', { name, exact: true }).evaluate((el) => el === document.activeElement);
}
