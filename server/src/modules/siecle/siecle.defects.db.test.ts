import type { SiecleImportReport } from '@cerise/common';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';

/** What a school secretary met on a first try of the imports (docs/design.md §4), over HTTP. */
let ctx: TestContext;
let admin: TestClient;
const s = makeSchool({ schoolYear: 2026, uai: '0862222L', learners: 12, departed: 2, inactifs: 1, noClass: 1, contacts: 2 });
const files = generateSiecleFiles(s);
const learnerFiles = [
  { field: 'eleves', filename: 'ElevesSansAdresses.xml', content: files.eleves },
  { field: 'responsables', filename: 'ResponsablesAvecAdresses.xml', content: files.responsables },
];

beforeAll(async () => {
  ctx = await createTestApp();
  const est = await makeEstablishment(ctx.deps, { uai: s.uai, name: 'Lycée des Défauts' });
  const u = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  admin = new TestClient(ctx.app);
  await admin.login(est.uai, u.login, DEFAULT_PASSWORD);
  const sts = await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...multipart([{ field: 'teachers', filename: `sts_emp_${s.uai}_2026.xml`, content: files.sts }]) });
  expect((await admin.post(`/api/v1/imports/${sts.json().runId}/apply`)).statusCode).toBe(200);
});
afterAll(() => ctx.close());

const analyse = async (parts: typeof learnerFiles) => admin.request({ method: 'POST', url: '/api/v1/imports/learners/analysis', ...multipart(parts) });

describe('imports: learners and parents left out are named', () => {
  it('lists the learners who left or are only in « Inactifs », and the parents who get no account, with the reason', async () => {
    const res = await analyse(learnerFiles);
    expect(res.statusCode).toBe(200);
    const report = res.json() as SiecleImportReport;
    const leftOut = report.people.filter((p) => p.status === 'ignored');
    const departed = s.learners.filter((l) => l.exitDate !== null);
    const inactive = s.learners.filter((l) => l.inactifs);
    expect(leftOut.filter((p) => p.kind === 'learner').map((p) => [p.lastName, p.reason]).sort()).toEqual(
      [...departed.map((l) => [l.familyName, 'left']), ...inactive.map((l) => [l.familyName, 'inactive'])].sort(),
    );
    const absentIds = new Set([...departed, ...inactive].map((l) => l.eleveId));
    const orphans = s.persons.filter((p) => s.links.some((l) => l.personId === p.personId) && s.links.filter((l) => l.personId === p.personId).every((l) => absentIds.has(l.eleveId)));
    const contacts = s.persons.filter((p) => s.links.some((l) => l.personId === p.personId && l.level === 3 && !absentIds.has(l.eleveId)));
    const parents = leftOut.filter((p) => p.kind === 'parent');
    expect(parents.filter((p) => p.reason === 'childrenLeft')).toHaveLength(orphans.length);
    expect(parents.filter((p) => p.reason === 'contact')).toHaveLength(contacts.length);
    expect(orphans.length).toBeGreaterThan(0);
    expect(contacts).toHaveLength(2);
    // The children of a parent left out are named too.
    for (const p of parents) expect(p.children.length).toBeGreaterThan(0);
    // Nobody left out is counted as created.
    expect(report.created.learners).toBe(s.learners.length - departed.length - inactive.length);
    await admin.delete(`/api/v1/imports/${report.runId}`);
  });
});

describe('imports: XML files and a ZIP chosen together', () => {
  it('refuses the mix with a stable code and a French message, before reading anything', async () => {
    const zip = zipSync({ 'ElevesSansAdresses.xml': files.eleves, 'ResponsablesAvecAdresses.xml': files.responsables });
    const res = await analyse([...learnerFiles.slice(0, 1), { field: 'zip', filename: 'exports.zip', content: zip }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'siecle.mixed_inputs',
      message:
        "Vous avez choisi à la fois un fichier XML (« ElevesSansAdresses.xml ») et un fichier ZIP (« exports.zip ») : choisissez soit les deux fichiers XML, soit le ZIP qui les contient, pas les deux. Aucune donnée n'a été importée.",
    });
    const both = await analyse([...learnerFiles, { field: 'zip', filename: 'exports.zip', content: zip }]);
    expect(both.json().error.message).toContain('des fichiers XML (« ElevesSansAdresses.xml » et « ResponsablesAvecAdresses.xml »)');
    const history = (await admin.get('/api/v1/imports')).json().items as { kind: string }[];
    expect(history.filter((r) => r.kind === 'learners')).toHaveLength(0);
  });
});

describe('imports: French wording', () => {
  it('says « alors qu’un … est attendu » for files in the wrong field', async () => {
    const res = await analyse([
      { field: 'eleves', filename: 'ResponsablesAvecAdresses.xml', content: files.responsables },
      { field: 'responsables', filename: 'ElevesSansAdresses.xml', content: files.eleves },
    ]);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain("alors qu'un export des élèves (ElevesSansAdresses.xml ou ElevesAvecAdresses.xml) est attendu ici");
    expect(res.json().error.message).not.toContain('que un');
  });

  it('says « son compte est créé » only when it is, not on a re-import', async () => {
    const first = await analyse(learnerFiles);
    const noClass = (r: SiecleImportReport) => r.warnings.filter((w) => w.code === 'siecle.no_division').map((w) => w.message);
    expect(noClass(first.json())).toHaveLength(1);
    expect(noClass(first.json())[0]).toContain('son compte est créé et apparaît « sans classe »');
    expect((await admin.post(`/api/v1/imports/${first.json().runId}/apply`)).statusCode).toBe(200);
    const again = await analyse(learnerFiles);
    expect(noClass(again.json())[0]).toMatch(/n'a pas de classe ; son compte apparaît « sans classe »\.$/);
    await admin.delete(`/api/v1/imports/${again.json().runId}`);
  });
});

describe('imports: an analysis made before a later import of the same kind is stale', () => {
  it('says so in the report and the history, refuses to apply it (siecle.run_stale), and analyses the same files again on request', async () => {
    const old = (await analyse(learnerFiles)).json() as SiecleImportReport;
    expect((await admin.get(`/api/v1/imports/${old.runId}`)).json().stale).toBe(false);
    const newer = (await analyse(learnerFiles)).json() as SiecleImportReport;
    expect((await admin.post(`/api/v1/imports/${newer.runId}/apply`)).statusCode).toBe(200);
    // The journal row of the import carries the address it was confirmed from, as every other action does.
    const journal = await ctx.db.selectFrom('audit_log').select(['ip']).where('target_id', '=', newer.runId!).where('action', '=', 'import.learners').executeTakeFirstOrThrow();
    expect(journal.ip).toBeTruthy();

    expect((await admin.get(`/api/v1/imports/${old.runId}`)).json().stale).toBe(true);
    const history = (await admin.get('/api/v1/imports')).json().items as { id: string; stale: boolean; status: string; createdAt: string; appliedAt: string | null }[];
    expect(history.find((r) => r.id === old.runId)).toMatchObject({ status: 'analysed', stale: true });
    expect(history.find((r) => r.id === newer.runId)).toMatchObject({ status: 'applied', stale: false });
    // Sorted by the date shown (imported, else analysed), newest first: the import applied last comes first.
    const shown = history.map((r) => r.appliedAt ?? r.createdAt);
    expect(shown).toEqual([...shown].sort().reverse());
    expect(history[0]!.id).toBe(newer.runId);

    const refused = await admin.post(`/api/v1/imports/${old.runId}/apply`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('siecle.run_stale');
    expect(refused.json().error.message).toMatch(/^Une importation des apprenants et parents a été faite après cette analyse : ses chiffres ne sont plus à jour/);

    const again = await admin.post(`/api/v1/imports/${old.runId}/reanalysis`);
    expect(again.statusCode).toBe(200);
    const fresh = again.json() as SiecleImportReport;
    expect(fresh.runId).not.toBe(old.runId);
    expect(fresh.dryRun).toBe(true);
    // Everything is already imported: the new analysis predicts no creation.
    expect(fresh.created.learners).toBe(0);
    expect((await admin.get(`/api/v1/imports/${old.runId}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/imports/${fresh.runId}`)).json().stale).toBe(false);
    expect((await admin.post(`/api/v1/imports/${newer.runId}/reanalysis`)).json().error.code).toBe('siecle.run_not_pending');
    expect((await admin.post(`/api/v1/imports/${fresh.runId}/apply`)).statusCode).toBe(200);
  });
});
