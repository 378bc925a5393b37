import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { expectAccessible, usePages } from '../support/browser.ts';
import { callApi, expectDialogAccessible, openModule, signIn } from './admin-support.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

type Settings = { version: number; schoolYear: { current: string; next: string; nextYearClasses: number } };

const pages = usePages();
let page: Page;
let original: string | undefined;
beforeEach(async () => {
  page = pages.page;
  await signIn(page, baseUrl, 'demo.admin');
});

/**
 * The other specs share this server and its demo: the establishment's year is put back as it was,
 * straight in the server's SQLite file (there is no « previous year » action, on purpose).
 */
afterAll(() => {
  if (!original) return;
  const db = new Database(path.join(dataDir, 'cerise.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare("update establishments set school_year = ? where uai = '0869999X'").run(original);
  } finally {
    db.close();
  }
});

const settings = () => callApi<Settings>(page, baseUrl, 'GET', '/api/v1/settings');

describe('Paramètres: the school year', () => {
  it('shows the current year, explains the switch, confirms it in a dialog, and handles a concurrent switch', async () => {
    const before = await settings();
    original = before.schoolYear.current;
    const { current, next } = before.schoolYear;
    const section = page.getByRole('region', { name: 'Année scolaire' });

    await openModule(page, 'Paramètres');
    await section.getByText(`Année scolaire en cours\u00a0: ${current}`).waitFor();
    await section.getByText(/Les évaluations, les résultats et le passeport appartiennent aux apprenants/).waitFor();
    await expectAccessible(page, 'school-year');

    // Cancel changes nothing and gives the focus back.
    const open = section.getByRole('button', { name: `Passer à l'année ${next}` });
    await open.click();
    const dialog = page.getByRole('dialog', { name: `Passer à l'année ${next}\u00a0?` });
    await dialog.getByText(`L'année en cours passera de ${current} à ${next}.`).waitFor();
    await dialog.getByText(/Les évaluations, les résultats et les passeports des apprenants sont conservés/).waitFor();
    await expectDialogAccessible(page, 'school-year-confirm');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectDialogAccessible(page, 'school-year-confirm-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => open.evaluate((el) => el === document.activeElement)).toBe(true);
    expect((await settings()).schoolYear.current).toBe(current);

    // Confirm: the page and every screen now show the next year.
    await open.click();
    await dialog.getByRole('button', { name: `Passer à l'année ${next}` }).click();
    await page.getByText(`L'année scolaire en cours est maintenant ${next}.`).waitFor();
    await section.getByText(`Année scolaire en cours\u00a0: ${next}`).waitFor();
    const after = await settings();
    expect(after.schoolYear.current).toBe(next);
    expect(after.version).toBe(before.version + 1);
    expect((await callApi<{ schoolYear: string }>(page, baseUrl, 'GET', '/api/v1/divisions')).schoolYear).toBe(next);
    await expectAccessible(page, 'school-year-switched');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'school-year-switched-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Another administrator switched meanwhile (a second tab): refused, said, and reloadable.
    const then = after.schoolYear.next;
    await section.getByRole('button', { name: `Passer à l'année ${then}` }).click();
    await page.getByRole('dialog').waitFor();
    await callApi(page, baseUrl, 'POST', '/api/v1/settings/school-year', { version: after.version, schoolYear: then });
    await page.getByRole('dialog').getByRole('button', { name: `Passer à l'année ${then}` }).click();
    await section.getByText(/Un autre administrateur a modifié les paramètres entre-temps/).waitFor();
    await expectAccessible(page, 'school-year-conflict');
    await section.getByRole('button', { name: 'Recharger les paramètres' }).click();
    await section.getByText(`Année scolaire en cours\u00a0: ${then}`).waitFor();
    await expect.poll(() => section.getByText(/Un autre administrateur/).count()).toBe(0);

    const audit = await callApi<{ items: { action: string }[] }>(page, baseUrl, 'GET', '/api/v1/audit?action=settings.school_year_changed');
    expect(audit.items.filter((e) => e.action === 'settings.school_year_changed').length).toBeGreaterThanOrEqual(2);
  });
});
