import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { expectAccessible, loginThroughForm, usePages } from '../support/browser.ts';
import { callApi } from './admin-support.ts';

const UAI = '0869999X';
const baseUrl = inject('baseUrl');

type Item = { id: string; label: string; inUse?: number };
type Competency = { id: string; code: string; complexities: Item[]; hazards: Item[] };
type Tree = { poles: { classes: { situations: { competencies: Competency[] }[] }[] }[] };

const pages = usePages();
let page: Page;
beforeEach(() => {
  page = pages.page;
});

async function competencyOf(target: Page, code: string): Promise<Competency> {
  const list = await callApi<{ referentials: { id: string }[] }>(target, baseUrl, 'GET', '/api/v1/referentials');
  const tree = await callApi<Tree>(target, baseUrl, 'GET', `/api/v1/referentials/${list.referentials[0]!.id}/tree`);
  const k = tree.poles.flatMap((p) => p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies))).find((c) => c.code === code);
  expect(k, code).toBeDefined();
  return k!;
}

describe('referential editor: an element in use', () => {
  it('says how often it is used and cannot be deleted, while an unused one can', async () => {
    // A teacher's scenario chooses the first complexity of C112 (through the scenarios API).
    const teacherContext = await pages.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } });
    const teacher = await teacherContext.newPage();
    await loginThroughForm(teacher, baseUrl, UAI, 'demo.enseignant', 'cerise-demo');
    await teacher.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    const k = await competencyOf(teacher, 'C112');
    const used = k.complexities[0]!;
    const created = await callApi<{ id: string }>(teacher, baseUrl, 'POST', '/api/v1/scenarios', {
      title: 'Commande fournisseur (e2e, élément utilisé)',
      isPrivate: true,
      competencies: [{ competencyId: k.id, complexityIds: [used.id], hazardIds: [] }],
    });
    const uses = (await competencyOf(teacher, 'C112')).complexities[0]!.inUse ?? 0;
    expect(uses).toBeGreaterThanOrEqual(1);

    await loginThroughForm(page, baseUrl, UAI, 'demo.admin', 'cerise-demo');
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.goto(`${baseUrl}/${UAI}/parametres/referentiels`);
    await page.getByRole('link', { name: /Compléter et corriger/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Bac Pro Gestion-Administration' }).waitFor();
    await page.getByLabel('Rechercher une compétence').fill('C112');
    const panel = page.locator('li[data-competency-code="C112"]');
    await panel.getByRole('button', { name: /^C112 / }).click();

    const reason = uses === 1 ? /^Utilisée 1 fois \(scénario, évaluation ou passeport\)/ : new RegExp(`^Utilisée ${uses} fois \\(scénarios, évaluations ou passeports\\)`);
    await panel.getByText(reason).waitFor();
    const del = panel.getByRole('button', { name: `Supprimer «\u00a0${used.label}\u00a0» (impossible\u00a0: élément utilisé)` });
    expect(await del.isDisabled()).toBe(true);
    // An unused one keeps its button.
    const unused = (await competencyOf(page, 'C112')).hazards.find((h) => (h.inUse ?? 0) === 0);
    if (unused) expect(await panel.getByRole('button', { name: `Supprimer «\u00a0${unused.label}\u00a0»`, exact: true }).isDisabled()).toBe(false);
    await expectAccessible(page, 'editor-item-in-use');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'editor-item-in-use-phone');

    // Leave the demo as the other specs expect it.
    const removed = await teacher.request.fetch(`${baseUrl}/api/v1/scenarios/${created.id}`, { method: 'DELETE', headers: { origin: baseUrl } });
    expect(removed.status()).toBe(204);
    await teacherContext.close();
  });
});
