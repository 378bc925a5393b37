import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Competency, ImportReport, ReferentialDocument, ReferentialListResponse } from '@cerise/common';
import { createTestApp, type TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_REFERENTIAL_FILE } from './referentials.install.ts';
import { competenciesOf, competencyByCode, getTree, postImport, schoolWithAdmin, useItems } from './referentials.test-support.ts';

let ctx: TestContext;
let a: Awaited<ReturnType<typeof schoolWithAdmin>>;
let b: Awaited<ReturnType<typeof schoolWithAdmin>>;
const sourceFile = fs.readFileSync(DEFAULT_REFERENTIAL_FILE, 'utf8');

beforeAll(async () => {
  ctx = await createTestApp();
  a = await schoolWithAdmin(ctx);
  b = await schoolWithAdmin(ctx);
});
afterAll(async () => {
  await ctx?.close();
});

async function exportOf(client: TestClient, referentialId: string): Promise<ReferentialDocument> {
  const res = await client.get(`/api/v1/referentials/${referentialId}/export`);
  expect(res.statusCode).toBe(200);
  return res.json<ReferentialDocument>();
}

/** Everything an import could change: the referentials, their versions, and their content. */
async function snapshot(client: TestClient) {
  const list = (await client.get('/api/v1/referentials')).json<ReferentialListResponse>();
  const docs = [];
  for (const r of list.referentials) {
    const { exportedAt: _ignored, ...doc } = await exportOf(client, r.id);
    docs.push(doc);
  }
  const trees = await Promise.all(list.referentials.map((r) => getTree(client, r.id)));
  return { list, docs, ids: trees.map((t) => competenciesOf(t).map((k) => [k.id, k.version, k.complexities.map((i) => i.id)])) };
}

async function ok(res: Promise<{ statusCode: number; body: string; json: <T>() => T }>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<Competency>();
}

function expectRefusal(res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: { code: string; message: string; details?: unknown } }>();
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error;
}

describe('done when: complete, export, import into another establishment, see them there', () => {
  const complexities = ['Stocks multi-sites', 'Articles périssables', 'Méthode du CUMP'];
  const hazards = ['Écart d’inventaire', 'Rupture de stock imprévue'];

  it('an administrator completes the complexities and hazards of a situation', async () => {
    let k = competencyByCode(await getTree(a.admin, a.referentialId), 'C114');
    expect(k.toComplete).toBe(true);
    const url = (rest = '') => `/api/v1/referentials/${a.referentialId}/competencies/${k.id}${rest}`;
    for (const label of complexities) k = await ok(a.admin.post(url('/complexities'), { label, version: k.version }), 201);
    for (const label of hazards) k = await ok(a.admin.post(url('/hazards'), { label, version: k.version }), 201);
    k = await ok(a.admin.patch(url(), { toComplete: false, version: k.version }));
    expect(k.toComplete).toBe(false);
  });

  it('the dry run reports the change in French and changes nothing', async () => {
    const file = await exportOf(a.admin, a.referentialId);
    const before = await snapshot(b.admin);
    const res = await postImport(b.admin, file, '?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ImportReport>();
    expect(report).toMatchObject({
      dryRun: true,
      applied: false,
      action: 'update',
      referential: { id: b.referentialId, code: 'BACPRO-GA' },
      unchangedCompetencies: 54,
      warnings: [],
    });
    expect(report.changes).toEqual([
      {
        competencyId: competencyByCode(await getTree(b.admin, b.referentialId), 'C114').id,
        code: 'C114',
        label: 'Apprécier les stocks en quantité, en valeur et en qualité',
        complexities: { added: complexities, removed: [], renamed: [], reordered: false },
        hazards: { added: hazards, removed: [], renamed: [], reordered: false },
        toComplete: { from: true, to: false },
      },
    ]);
    expect(report.summary).toBe(
      "L'import mettrait à jour le référentiel « Bac Pro Gestion-Administration » (BACPRO-GA) : 1 compétence serait modifiée, 54 inchangée(s).",
    );
    expect(report.lines[1]).toBe(
      'C114 — Apprécier les stocks en quantité, en valeur et en qualité : Complexités : 3 complexités seraient ajoutées (« Stocks multi-sites », « Articles périssables », « Méthode du CUMP ») ; Aléas : 2 aléas seraient ajoutés (« Écart d’inventaire », « Rupture de stock imprévue ») ; n’est plus « à compléter ».',
    );
    expect(await snapshot(b.admin)).toEqual(before);
  });

  it('the import applies it, and the other establishment sees them', async () => {
    const file = await exportOf(a.admin, a.referentialId);
    const etag = (await b.admin.get(`/api/v1/referentials/${b.referentialId}/tree`)).headers.etag;
    const report = (await postImport(b.admin, file)).json<ImportReport>();
    expect(report).toMatchObject({ dryRun: false, applied: true, action: 'update' });
    expect(report.summary).toMatch(/a été mis à jour : 1 compétence modifiée/);

    const tree = await getTree(b.admin, b.referentialId);
    const k = competencyByCode(tree, 'C114');
    expect(k.complexities.map((i) => [i.position, i.label])).toEqual(complexities.map((l, i) => [i + 1, l]));
    expect(k.hazards.map((i) => i.label)).toEqual(hazards);
    expect(k.toComplete).toBe(false);
    expect(tree.counts.toComplete).toBe(51);
    // Readers of the tree see a new ETag.
    expect((await b.admin.get(`/api/v1/referentials/${b.referentialId}/tree`)).headers.etag).not.toBe(etag);
    // Their own ids: nothing is shared between establishments.
    const theirs = competencyByCode(await getTree(a.admin, a.referentialId), 'C114');
    expect(k.complexities[0]!.id).not.toBe(theirs.complexities[0]!.id);
  });

  it('importing the same file again changes nothing', async () => {
    const file = await exportOf(a.admin, a.referentialId);
    const before = await snapshot(b.admin);
    const report = (await postImport(b.admin, file)).json<ImportReport>();
    expect(report).toMatchObject({ action: 'none', applied: false, changes: [] });
    expect(report.summary).toBe('Aucun changement : le référentiel « Bac Pro Gestion-Administration » (BACPRO-GA) est déjà à jour.');
    expect(await snapshot(b.admin)).toEqual(before);
  });
});

describe('import: updates that keep what is in use', () => {
  it('matches items by label, so a corrected spelling or a new order keeps their ids', async () => {
    const before = competencyByCode(await getTree(b.admin, b.referentialId), 'C111');
    const file = await exportOf(b.admin, b.referentialId);
    const k = file.referential.poles[0]!.classes[0]!.situations[0]!.competencies[0]!;
    k.complexities = [k.complexities[1]!.replace("'", '’'), k.complexities[0]!, ...k.complexities.slice(2), 'Fournisseur étranger'];
    k.hazards = k.hazards.slice(1);
    k.label = 'Intitulé modifié dans le fichier';

    const report = (await postImport(b.admin, file)).json<ImportReport>();
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]!.complexities).toEqual({
      added: ['Fournisseur étranger'],
      removed: [],
      renamed: [{ from: "Cas d'un fournisseur également client", to: 'Cas d’un fournisseur également client' }],
      reordered: true,
    });
    expect(report.changes[0]!.hazards.removed).toEqual(['Informations incertaines sur un fournisseur']);
    expect(report.warnings[0]).toMatch(/^Intitulés différents dans le fichier pour C111/);

    const after = competencyByCode(await getTree(b.admin, b.referentialId), 'C111');
    expect(after.label).toBe(before.label);
    expect(after.complexities.slice(0, 2).map((i) => i.id)).toEqual([before.complexities[1]!.id, before.complexities[0]!.id]);
    expect(after.complexities[0]!.label).toBe('Cas d’un fournisseur également client');
    expect(after.complexities.map((i) => i.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(after.version).toBe(before.version + 1);
  });

  it('refuses (409) to remove an item in use, and changes nothing', async () => {
    const k = competencyByCode(await getTree(b.admin, b.referentialId), 'C112');
    const used = k.hazards[0]!;
    await useItems(ctx, b.est, k.id, { hazardIds: [used.id] }, 'evaluation');
    const file = await exportOf(b.admin, b.referentialId);
    const doc = file.referential.poles[0]!.classes[0]!.situations[1]!.competencies[0]!;
    expect(doc.code).toBe('C112');
    doc.hazards = doc.hazards.slice(1);
    doc.complexities.push('Une de plus');
    const before = await snapshot(b.admin);
    for (const query of ['?dryRun=true', '']) {
      const error = expectRefusal(await postImport(b.admin, file, query), 409, 'referentials.import_item_in_use');
      expect(error.message).toContain(`Élément utilisé : C112 « ${used.label} », utilisé 1 fois (1 évaluation). Gardez-les dans le fichier`);
    }
    expect(await snapshot(b.admin)).toEqual(before);
  });
});

describe('import refusals: nothing applied', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  let file: ReferentialDocument;
  beforeAll(async () => {
    before = await snapshot(b.admin);
    file = await exportOf(b.admin, b.referentialId);
  });

  const clone = () => structuredClone(file);
  const firstCompetencies = (doc: ReferentialDocument) => doc.referential.poles[0]!.classes[0]!.situations;

  it('bad JSON → 400 referentials.import_invalid_json, with the line when known', async () => {
    const error = expectRefusal(await postImport(b.admin, '{\n  "format": "cerise-pro.referentiel",\n}'), 400, 'referentials.import_invalid_json');
    expect(error.message).toBe("Le fichier n'est pas un fichier JSON valide. Erreur à la ligne 3, colonne 1.");
    expectRefusal(await postImport(b.admin, '{"format":'), 400, 'referentials.import_invalid_json');
    expectRefusal(await postImport(b.admin, ''), 400, 'referentials.import_invalid_json');
  });

  it('a JSON that is not a referential → 400 referentials.import_invalid_format', async () => {
    expectRefusal(await postImport(b.admin, [1, 2]), 400, 'referentials.import_invalid_format');
    const unknownFormat = expectRefusal(await postImport(b.admin, { format: 'autre' }), 400, 'referentials.import_invalid_format');
    expect(unknownFormat.message).toContain('« autre » inconnu');
    const doc = clone() as { referential: Record<string, unknown> };
    delete doc.referential.poles;
    const missing = expectRefusal(await postImport(b.admin, doc), 400, 'referentials.import_invalid_format');
    expect(missing.message).toContain('Premier problème : referential.poles : valeur manquante.');
    expect(missing.details).toEqual({ problems: ['referential.poles : valeur manquante'] });
    const wrongDomain = clone();
    (wrongDomain.referential.bepActivities[0] as { domain: string }).domain = 'artistique';
    const domain = expectRefusal(await postImport(b.admin, wrongDomain), 400, 'referentials.import_invalid_format');
    expect(domain.message).toContain('referential.bepActivities[0].domain : valeur non reconnue');
  });

  it('unknown competency codes → 400 referentials.import_unknown_codes, listing them', async () => {
    const doc = clone();
    firstCompetencies(doc)[3]!.competencies[0]!.code = 'C999';
    firstCompetencies(doc)[3]!.competencies.push({ code: 'C998', label: 'Inventée', criterion: null, toComplete: false, complexities: ['x'], hazards: [] });
    firstCompetencies(doc)[0]!.competencies[0]!.complexities.push('Changement qui ne doit pas passer');
    for (const query of ['?dryRun=true', '']) {
      const error = expectRefusal(await postImport(b.admin, doc, query), 400, 'referentials.import_unknown_codes');
      expect(error.message).toContain('C999, C998');
      expect(error.details).toEqual({ codes: ['C999', 'C998'] });
    }
  });

  it('duplicate codes → 400 referentials.import_duplicate_code', async () => {
    const doc = clone();
    firstCompetencies(doc)[1]!.competencies[0]!.code = 'C111';
    firstCompetencies(doc)[2]!.code = '1.1.1';
    const error = expectRefusal(await postImport(b.admin, doc), 400, 'referentials.import_duplicate_code');
    expect(error.message).toContain('situation 1.1.1, compétence C111');
  });

  it('the same complexity twice in a competency → 400 referentials.import_duplicate_item', async () => {
    const doc = clone();
    const k = firstCompetencies(doc)[0]!.competencies[0]!;
    const again = k.complexities[0]!.toUpperCase();
    k.complexities.push(again);
    const error = expectRefusal(await postImport(b.admin, doc), 400, 'referentials.import_duplicate_item');
    expect(error.message).toContain(`C111 (complexité « ${again} »)`);
  });

  it('a file sent as text/plain is read the same way', async () => {
    const asText = (payload: string) =>
      b.admin.request({ method: 'POST', url: '/api/v1/referentials/import?dryRun=true', headers: { 'content-type': 'text/plain' }, payload });
    const res = await asText(JSON.stringify(file));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>().action).toBe('none');
    expectRefusal(await asText('{"format": "cerise-pro.referentiel",'), 400, 'referentials.import_invalid_json');
  });

  it('an invalid dryRun flag → 400 common.validation', async () => {
    expectRefusal(await postImport(b.admin, file, '?dryRun=peut-etre'), 400, 'common.validation');
  });

  it('left the database as it was', async () => {
    expect(await snapshot(b.admin)).toEqual(before);
  });
});

describe('several referentials', () => {
  it('imports the AGOrA example of the source file as a second referential', async () => {
    const dry = (await postImport(a.admin, sourceFile, '?dryRun=true&section=agora_exemple')).json<ImportReport>();
    expect(dry).toMatchObject({ action: 'create', applied: false, referential: { id: null, code: 'BACPRO-AGORA' } });
    expect(dry.counts).toMatchObject({ poles: 3, classes: 9, complexities: 0, hazards: 0, bepActivities: 0, examUnits: 3 });
    expect(dry.summary).toMatch(/^L'import créerait un nouveau référentiel « Bac Pro Assistance à la gestion des organisations et de leurs activités \(AGOrA\) »/);

    const res = await postImport(a.admin, sourceFile, '?section=agora_exemple');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json<ImportReport>();
    expect(report).toMatchObject({ action: 'create', applied: true });
    expect(report.summary).toMatch(/^Le nouveau référentiel « Bac Pro Assistance .* \(BACPRO-AGORA\) a été créé\.$/);

    const list = (await a.admin.get('/api/v1/referentials')).json<ReferentialListResponse>();
    expect(list.referentials.map((r) => r.code)).toEqual(['BACPRO-GA', 'BACPRO-AGORA']);
    const agora = await getTree(a.admin, report.referential.id!);
    expect(agora.counts).toEqual({ poles: 3, classes: 9, situations: dry.counts.situations, competencies: dry.counts.competencies, toComplete: 0, bepActivities: 0 });
    expect(agora.examUnits.map((e) => e.code)).toEqual(['E31', 'E2', 'E32']);
    // A teacher reads it like the first one.
    expect(competenciesOf(agora)[0]).toMatchObject({ code: '1.1.1', label: 'Identifier les caractéristiques de la demande', complexities: [], hazards: [] });

    // The AGOrA part alone is recognised too; the referential exists now: nothing changes.
    const agoraOnly = JSON.parse(sourceFile).agora_exemple;
    expect((await postImport(a.admin, agoraOnly)).json<ImportReport>()).toMatchObject({ action: 'none' });
  });

  it('the source file of Bac Pro GA matches the installed referential: nothing changes', async () => {
    const fresh = await schoolWithAdmin(ctx);
    const report = (await postImport(fresh.admin, sourceFile)).json<ImportReport>();
    expect(report).toMatchObject({ action: 'none', referential: { id: fresh.referentialId, code: 'BACPRO-GA' } });
  });

  it('a file under a new code becomes a new referential, with its complexities', async () => {
    const file = await exportOf(a.admin, a.referentialId);
    file.referential.code = 'BACPRO-GA-2026';
    file.referential.title = 'Bac Pro GA (copie de travail)';
    const report = (await postImport(b.admin, file)).json<ImportReport>();
    expect(report).toMatchObject({ action: 'create', applied: true, referential: { code: 'BACPRO-GA-2026' } });
    expect(report.lines[1]).toBe(
      'Contenu : 4 pôles, 13 classes de situations, 55 situations, 55 compétences, 16 complexités, 12 aléas, 17 activités du BEP, 4 épreuves.',
    );
    expect(report.lines[2]).toBe('51 compétences sont marquées « à compléter ».');
    const tree = await getTree(b.admin, report.referential.id!);
    expect(competencyByCode(tree, 'C114').complexities.map((i) => i.label)).toEqual(['Stocks multi-sites', 'Articles périssables', 'Méthode du CUMP']);
    expect(tree.bepActivities).toHaveLength(17);
    expect(tree.bep?.title).toMatch(/^BEP Métiers des services administratifs/);
    const list = (await b.admin.get('/api/v1/referentials')).json<ReferentialListResponse>();
    expect(list.referentials.map((r) => r.code)).toEqual(['BACPRO-GA', 'BACPRO-GA-2026']);
  });
});
