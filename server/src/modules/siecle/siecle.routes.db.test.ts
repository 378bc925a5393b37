import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { generateSiecleFiles, makeSchool } from './synthetic/generate.ts';
import { multipart } from '../../../test/multipart.ts';

let ctx: TestContext;
let admin: TestClient;
let adminLogin: string;
let est: { id: string; uai: string };
const s = makeSchool({ schoolYear: 2026, uai: '0861111K', learners: 20, departed: 1, siblings: 2 });
const files = generateSiecleFiles(s);

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { uai: s.uai, name: 'Lycée des Imports' });
  const u = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  adminLogin = u.login;
  admin = new TestClient(ctx.app);
  await admin.login(est.uai, u.login, DEFAULT_PASSWORD);
});
afterAll(() => ctx.close());

const userCount = async () => Number((await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('establishment_id', '=', est.id).executeTakeFirstOrThrow()).n);

describe('imports over HTTP: upload → analysis → apply → report', () => {
  let runId: string;

  it('analyses the STSWEB file without changing anything', async () => {
    const before = await userCount();
    const body = multipart([{ field: 'teachers', filename: `sts_emp_${s.uai}_2026.xml`, content: files.sts }]);
    const res = await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...body });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.dryRun).toBe(true);
    expect(report.created.teachers).toBeGreaterThan(0);
    expect(report.accounts).toEqual([]); // passwords are drawn when applied
    runId = report.runId;
    expect(await userCount()).toBe(before);
  });

  it('applies it once, in one go', async () => {
    const before = await userCount();
    const res = await admin.post(`/api/v1/imports/${runId}/apply`);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.dryRun).toBe(false);
    expect(report.accounts.length).toBe(report.created.teachers + report.created.heads);
    expect(await userCount()).toBe(before + report.accounts.length);
    const again = await admin.post(`/api/v1/imports/${runId}/apply`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('siecle.run_not_pending');
  });

  it('keeps the history and serves the report as CSV and PDF', async () => {
    const list = await admin.get('/api/v1/imports');
    expect(list.json().items[0]).toMatchObject({ id: runId, kind: 'teachers', status: 'applied' });
    expect(list.json().teachersImported).toBe(true);
    const csv = await admin.get(`/api/v1/imports/${runId}/report.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.slice(1).trim().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Type', 'État', 'Civilité', 'Nom', 'Prénom', 'Identifiant', 'Mot de passe provisoire', 'Discipline ou fonction', 'Classes', 'Groupes', 'Enfants']);
    // Logins and passwords as text formulas, kept as text by spreadsheets (server/src/util/csv.ts).
    expect(lines.some((l) => l[5] === '"=""paul.proviseur"""' && /^"=""\d{4}-\d{2}-\d{2}"""$/.test(l[6]!))).toBe(true);
    const pdf = await admin.get(`/api/v1/imports/${runId}/report.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('cancels an analysis (« Annuler »), files included, but never an applied import', async () => {
    const body = multipart([{ field: 'teachers', filename: 'sts.xml', content: files.sts }]);
    const analysis = (await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...body })).json();
    const dir = `${ctx.config.dataDir}/imports/${analysis.runId}`;
    const fs = await import('node:fs');
    expect(fs.existsSync(dir)).toBe(true);
    expect((await admin.delete(`/api/v1/imports/${analysis.runId}`)).statusCode).toBe(204);
    expect(fs.existsSync(dir)).toBe(false);
    expect((await admin.get('/api/v1/imports')).json().items.map((i: { id: string }) => i.id)).not.toContain(analysis.runId);
    expect((await admin.post(`/api/v1/imports/${analysis.runId}/apply`)).statusCode).toBe(404);
    const applied = await admin.delete(`/api/v1/imports/${runId}`);
    expect(applied.statusCode).toBe(409);
  });

  it('forgets analyses left unconfirmed past two hours', async () => {
    const body = multipart([{ field: 'teachers', filename: 'sts.xml', content: files.sts }]);
    const analysis = (await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...body })).json();
    ctx.advance(2 * 3600_000 + 1000);
    await admin.login(est.uai, adminLogin, DEFAULT_PASSWORD); // the session idled out meanwhile
    expect((await admin.get('/api/v1/imports')).json().items.map((i: { id: string }) => i.id)).not.toContain(analysis.runId);
    const { existsSync } = await import('node:fs');
    expect(existsSync(`${ctx.config.dataDir}/imports/${analysis.runId}`)).toBe(false);
  });

  it('imports learners and parents from one ZIP', async () => {
    const { zipSync } = await import('fflate');
    const zip = zipSync({ 'ElevesSansAdresses.xml': files.eleves, 'ResponsablesAvecAdresses.xml': files.responsables });
    const analysis = await admin.request({ method: 'POST', url: '/api/v1/imports/learners/analysis', ...multipart([{ field: 'zip', filename: 'exports.zip', content: zip }]) });
    expect(analysis.statusCode).toBe(200);
    const applied = await admin.post(`/api/v1/imports/${analysis.json().runId}/apply`);
    expect(applied.statusCode).toBe(200);
    expect(applied.json().created.learners).toBe(19);
    expect(applied.json().created.parents).toBeGreaterThan(19);
  });

  it('refuses a bad file with a French message naming it, and changes nothing', async () => {
    const before = await userCount();
    const pdf = multipart([{ field: 'teachers', filename: 'sts_emp.xml', content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\n' }]);
    const res = await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...pdf });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('siecle.wrong_file_type');
    expect(res.json().error.message).toContain('sts_emp.xml');
    const broken = multipart([{ field: 'teachers', filename: 'tronque.xml', content: new TextDecoder('latin1').decode(files.sts).slice(0, 900) }]);
    const res2 = await admin.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...broken });
    expect(res2.statusCode).toBe(422);
    expect(res2.json().error.message).toMatch(/tronque\.xml, ligne \d+/);
    expect(res2.json().error.details.line).toBeGreaterThan(0);
    expect(await userCount()).toBe(before);
  });

  it('is for administrators of the establishment only', async () => {
    const teacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
    const t = new TestClient(ctx.app);
    await t.login(est.uai, teacher.login, DEFAULT_PASSWORD);
    expect((await t.get('/api/v1/imports')).statusCode).toBe(403);
    expect((await t.request({ method: 'POST', url: '/api/v1/imports/teachers/analysis', ...multipart([{ field: 'teachers', filename: 'a.xml', content: files.sts }]) })).statusCode).toBe(403);

    const other = await makeEstablishment(ctx.deps);
    const otherAdmin = await makeUser(ctx.deps, other.id, { profiles: ['administrator'] });
    const o = new TestClient(ctx.app);
    await o.login(other.uai, otherAdmin.login, DEFAULT_PASSWORD);
    expect((await o.get(`/api/v1/imports/${runId}`)).statusCode).toBe(404);
    expect((await o.get(`/api/v1/imports/${runId}/report.csv`)).statusCode).toBe(404);
    expect((await o.post(`/api/v1/imports/${runId}/apply`)).statusCode).toBe(404);
    expect((await o.get('/api/v1/imports')).json().items).toEqual([]);
    expect((await new TestClient(ctx.app).get('/api/v1/imports')).statusCode).toBe(401);
  });
});
