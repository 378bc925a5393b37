import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { createTestApp, testEngine, type TestClient, type TestContext } from '../../../test/harness.ts';
import { multipart } from '../../../test/multipart.ts';
import { clientFor } from '../../../test/sessions.ts';
import { newId } from '../../util/ids.ts';
import { SAMPLES } from '../files/files.test-support.ts';

let ctx: TestContext;
let est: { id: string; uai: string };
let author: TestClient;
let colleague: TestClient;
let learner: TestClient;
let elsewhere: TestClient;
let authorId: string;
let colleagueId: string;
let comp: Record<string, { id: string; complexityIds: string[]; hazardIds: string[] }>;

async function competency(code: string) {
  const c = await ctx.db.selectFrom('competencies').select('id').where('establishment_id', '=', est.id).where('code', '=', code).executeTakeFirstOrThrow();
  const cx = await ctx.db.selectFrom('complexities').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
  const hz = await ctx.db.selectFrom('hazards').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
  return { id: c.id, complexityIds: cx.map((x) => x.id), hazardIds: hz.map((x) => x.id) };
}

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { withReferential: true });
  const a = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'Auteur', first_name: 'Anne' });
  const b = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'Collègue', first_name: 'Bruno' });
  const l = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
  const other = await makeEstablishment(ctx.deps, { withReferential: true });
  const o = await makeUser(ctx.deps, other.id, { profiles: ['teacher'] });
  authorId = a.id;
  colleagueId = b.id;
  author = await clientFor(ctx, a);
  colleague = await clientFor(ctx, b);
  learner = await clientFor(ctx, l);
  elsewhere = await clientFor(ctx, o);
  comp = { C111: await competency('C111'), C112: await competency('C112'), C113: await competency('C113') };
});
afterAll(() => ctx.close());

const body = (over: Record<string, unknown> = {}) => ({
  title: 'Accueil d’un fournisseur',
  isPrivate: false,
  level: 'seconde',
  context: 'Un fournisseur appelle.',
  materials: 'Téléphone',
  links: ['https://example.org/fiche'],
  resources: 'Fiche méthode',
  competencies: [
    { competencyId: comp.C111!.id, complexityIds: [comp.C111!.complexityIds[0]], hazardIds: [comp.C111!.hazardIds[0]] },
    { competencyId: comp.C112!.id, complexityIds: [], hazardIds: [] },
  ],
  ...over,
});

async function create(client: TestClient, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/scenarios', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

function upload(client: TestClient, id: string, files: { filename: string; content: Buffer }[]) {
  const m = multipart(files.map((f) => ({ field: 'files', ...f })));
  return client.request({ method: 'POST', url: `/api/v1/scenarios/${id}/attachments`, payload: m.payload, headers: m.headers });
}

const countFiles = async () => (await ctx.db.selectFrom('files').select('id').where('establishment_id', '=', est.id).execute()).length;

describe(`scenarios (${testEngine})`, () => {
  it('creates a scenario with competencies, complexities and hazards, and reads it back', async () => {
    const s = await create(author);
    expect(s).toMatchObject({ title: 'Accueil d’un fournisseur', isPrivate: false, level: 'seconde', version: 1, isMine: true, links: ['https://example.org/fiche'] });
    expect(s.author).toMatchObject({ id: authorId, lastName: 'Auteur' });
    expect(s.competencies.map((c: { code: string }) => c.code)).toEqual(['C111', 'C112']);
    expect(s.competencies[0].complexityIds).toEqual([comp.C111!.complexityIds[0]]);
    expect(s.competencies[0].hazardIds).toEqual([comp.C111!.hazardIds[0]]);
    expect(s.competencies[0].complexities[0].label).toBeTruthy();
    const read = await author.get(`/api/v1/scenarios/${s.id}`);
    expect(read.json()).toEqual(s);
  });

  it('refuses links that are not http(s), and items of another competency', async () => {
    const bad = await author.post('/api/v1/scenarios', body({ links: ['javascript:alert(1)'] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('scenarios.invalid_link');
    expect(bad.json().error.message).toContain('javascript:alert(1)');
    const items = await author.post('/api/v1/scenarios', body({ competencies: [{ competencyId: comp.C112!.id, complexityIds: [comp.C111!.complexityIds[0]] }] }));
    expect(items.statusCode).toBe(400);
    const unknown = await author.post('/api/v1/scenarios', body({ competencies: [{ competencyId: newId() }] }));
    expect(unknown.json().error.code).toBe('scenarios.unknown_competency');
  });

  it('keeps a private scenario to its author: 404 for colleagues and other establishments, 403 for learners', async () => {
    const s = await create(author, { isPrivate: true, title: 'Secret' });
    for (const c of [colleague, elsewhere]) {
      expect((await c.get(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(404);
      expect((await c.get(`/api/v1/scenarios/${s.id}/export.docx`)).statusCode).toBe(404);
      expect((await c.post(`/api/v1/scenarios/${s.id}/duplicate`, { title: 'Copie' })).statusCode).toBe(404);
      expect((await c.delete(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(404);
    }
    expect((await learner.get(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(403);
    const list = (await colleague.get('/api/v1/scenarios?pageSize=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(s.id);
    expect((await author.get('/api/v1/scenarios?pageSize=100')).json().items.map((i: { id: string }) => i.id)).toContain(s.id);
  });

  it("lets colleagues consult a public scenario but not change it (403 scenarios.not_author)", async () => {
    const s = await create(author, { title: 'Public' });
    const read = await colleague.get(`/api/v1/scenarios/${s.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().isMine).toBe(false);
    const put = await colleague.put(`/api/v1/scenarios/${s.id}`, { ...body(), version: 1 });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('scenarios.not_author');
    expect((await colleague.delete(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(403);
    expect((await upload(colleague, s.id, [{ filename: 'a.pdf', content: SAMPLES.pdf() }])).statusCode).toBe(403);
  });

  it('lists, filters (author, level, competency code or words, text) and pages in SQL', async () => {
    const mine = await create(author, { title: 'Relance client impayé', level: 'terminale', competencies: [{ competencyId: comp.C113!.id }] });
    const theirs = await create(colleague, { title: 'Inventaire du stock', level: 'premiere', context: 'Comptage annuel' });
    const ids = async (q: string) => (await author.get(`/api/v1/scenarios?${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(`author=${colleagueId}`)).toEqual([theirs.id]);
    expect(await ids('level=terminale')).toEqual([mine.id]);
    expect(await ids('competency=C113')).toEqual([mine.id]);
    expect(await ids('search=impay')).toEqual([mine.id]);
    expect(await ids('search=comptage%20ANNUEL')).toEqual([theirs.id]);
    expect(await ids('search=%25')).toEqual([]);
    const list = (await author.get('/api/v1/scenarios?pageSize=2&page=1')).json();
    expect(list.items).toHaveLength(2);
    expect(list.total).toBeGreaterThanOrEqual(4);
    expect(list.authors.map((a: { id: string }) => a.id).sort()).toEqual([authorId, colleagueId].sort());
    const item = list.items.find((i: { id: string }) => i.id === theirs.id);
    expect(item).toMatchObject({ competencyCodes: ['C111', 'C112'], isMine: false, author: { lastName: 'Collègue' } });
  });

  it('gives 409 scenarios.version_conflict to the second of two saves from the same version', async () => {
    const s = await create(author);
    const [a, b] = await Promise.all([
      author.put(`/api/v1/scenarios/${s.id}`, { ...body({ title: 'Onglet A' }), version: 1 }),
      author.put(`/api/v1/scenarios/${s.id}`, { ...body({ title: 'Onglet B' }), version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().error.code).toBe('scenarios.version_conflict');
    expect(lost.json().error.details).toMatchObject({ currentVersion: 2, sentVersion: 1 });
    const stale = await author.put(`/api/v1/scenarios/${s.id}`, { ...body({ title: 'Onglet C' }), version: 1 });
    expect(stale.statusCode).toBe(409);
    const now = (await author.get(`/api/v1/scenarios/${s.id}`)).json();
    expect(['Onglet A', 'Onglet B']).toContain(now.title);
    expect(now.version).toBe(2);
  });

  it('attaches several PDF and ZIP files, serves them to readers only, and removes them', async () => {
    const s = await create(author);
    const before = await countFiles();
    const res = await upload(author, s.id, [
      { filename: 'Consignes élève.pdf', content: SAMPLES.pdf() },
      { filename: 'travail.zip', content: SAMPLES.zip() },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const list = res.json().attachments;
    expect(list.map((a: { filename: string }) => a.filename)).toEqual(['Consignes élève.pdf', 'travail.zip']);
    expect(await countFiles()).toBe(before + 2);
    const dl = await colleague.get(`/api/v1/scenarios/${s.id}/attachments/${list[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await elsewhere.get(`/api/v1/scenarios/${s.id}/attachments/${list[0].id}`)).statusCode).toBe(404);
    expect((await author.delete(`/api/v1/scenarios/${s.id}/attachments/${list[1].id}`)).statusCode).toBe(204);
    expect((await author.get(`/api/v1/scenarios/${s.id}`)).json().attachments).toHaveLength(1);
  });

  it('refuses a PDF renamed .zip, a program renamed .pdf, a file over the limit and a ZIP bomb, storing nothing', async () => {
    const s = await create(author);
    const before = await countFiles();
    const cases: [string, Buffer, string][] = [
      ['devoir.zip', SAMPLES.pdf(), 'files.extension_mismatch'],
      ['sujet.pdf', SAMPLES.elf(), 'files.unsupported_type'],
      ['setup.pdf', SAMPLES.mz(), 'files.unsupported_type'],
      ['enorme.pdf', Buffer.concat([SAMPLES.pdf(), Buffer.alloc(10 * 1024 * 1024)]), 'files.too_large'],
      ['bombe.zip', SAMPLES.ratioBomb(), 'files.bad_zip'],
      ['menteuse.zip', SAMPLES.lyingBomb(), 'files.bad_zip'],
    ];
    for (const [filename, content, code] of cases) {
      const res = await upload(author, s.id, [{ filename, content }]);
      expect(res.statusCode, filename).toBe(400);
      expect(res.json().error.code, filename).toBe(code);
      expect(res.json().error.message, filename).toMatch(/[éèàç«»]/);
    }
    // One good file and one bad in the same request: neither is attached nor kept.
    const mixed = await upload(author, s.id, [{ filename: 'bon.pdf', content: Buffer.concat([SAMPLES.pdf(), Buffer.from('unique')]) }, { filename: 'x.pdf', content: SAMPLES.elf() }]);
    expect(mixed.statusCode).toBe(400);
    expect(await countFiles()).toBe(before);
    expect((await author.get(`/api/v1/scenarios/${s.id}`)).json().attachments).toEqual([]);
  });

  it('duplicates into my own private copy, sharing attachments without copying bytes', async () => {
    const s = await create(colleague, { title: 'Original public' });
    expect((await upload(colleague, s.id, [{ filename: 'sujet.pdf', content: Buffer.concat([SAMPLES.pdf(), Buffer.from('dup')]) }])).statusCode).toBe(201);
    const filesBefore = await countFiles();
    const res = await author.post(`/api/v1/scenarios/${s.id}/duplicate`, { title: 'Ma version', level: 'premiere' });
    expect(res.statusCode, res.body).toBe(201);
    const copy = res.json();
    expect(copy).toMatchObject({ title: 'Ma version', level: 'premiere', isPrivate: true, isMine: true, version: 1 });
    expect(copy.competencies.map((c: { competencyId: string; complexityIds: string[] }) => [c.competencyId, c.complexityIds])).toEqual(
      s.competencies.map((c: { competencyId: string; complexityIds: string[] }) => [c.competencyId, c.complexityIds]),
    );
    expect(copy.attachments.map((a: { filename: string }) => a.filename)).toEqual(['sujet.pdf']);
    expect(await countFiles()).toBe(filesBefore);
    const fileIds = await ctx.db.selectFrom('scenario_attachments').select(['scenario_id', 'file_id']).where('scenario_id', 'in', [s.id, copy.id]).execute();
    expect(new Set(fileIds.map((f) => f.file_id)).size).toBe(1);
    // The original goes; the shared file stays for the copy, then goes with it.
    expect((await colleague.delete(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(204);
    expect(await countFiles()).toBe(filesBefore);
    const dl = await author.get(`/api/v1/scenarios/${copy.id}/attachments/${copy.attachments[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect((await author.delete(`/api/v1/scenarios/${copy.id}`)).statusCode).toBe(204);
    expect(await countFiles()).toBe(filesBefore - 1);
  });

  it('deletes a scenario; evaluations made from it keep their content', async () => {
    const s = await create(author);
    const evaluationId = newId();
    await ctx.db
      .insertInto('evaluations')
      .values({ id: evaluationId, establishment_id: est.id, author_id: authorId, scenario_id: s.id, title: 'Éval', evaluated_on: '2026-11-28', school_year: '2026-2027', is_visible: 0, created_at: '2026-11-28T09:00:00.000Z', updated_at: '2026-11-28T09:00:00.000Z', version: 1 })
      .execute();
    await ctx.db.insertInto('evaluation_competencies').values({ id: newId(), establishment_id: est.id, evaluation_id: evaluationId, competency_id: comp.C111!.id, position: 1 }).execute();
    expect((await author.delete(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(204);
    expect((await author.get(`/api/v1/scenarios/${s.id}`)).statusCode).toBe(404);
    const evaluation = await ctx.db.selectFrom('evaluations').selectAll().where('id', '=', evaluationId).executeTakeFirstOrThrow();
    expect(evaluation.scenario_id).toBeNull();
    expect(await ctx.db.selectFrom('evaluation_competencies').select('id').where('evaluation_id', '=', evaluationId).execute()).toHaveLength(1);
  });

  it('exports a real .docx holding the title, every competency code and the attachments', async () => {
    const s = await create(author, { title: 'Export « spécial » & <test>', competencies: [{ competencyId: comp.C111!.id, complexityIds: comp.C111!.complexityIds.slice(0, 1) }, { competencyId: comp.C113!.id }] });
    await upload(author, s.id, [{ filename: 'annexe.pdf', content: Buffer.concat([SAMPLES.pdf(), Buffer.from('docx')]) }]);
    const res = await colleague.get(`/api/v1/scenarios/${s.id}/export.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('.docx');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    const text = xml.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(text).toContain('Export « spécial » & <test>');
    for (const code of ['C111', 'C113']) expect(text).toContain(code);
    expect(text).toContain('annexe.pdf');
    expect(text).toContain('Un fournisseur appelle.');
    expect(Object.keys(files)).toContain('word/header1.xml');
  });

  it('lists the classes I teach with their learners for « Évaluer »', async () => {
    const s = await create(author);
    const division = newId();
    await ctx.db.insertInto('divisions').values({ id: division, establishment_id: est.id, school_year: '2026-2027', code: '2GA1', label: null, mef: null, hidden_at: null, created_at: '2026-09-01T00:00:00.000Z' }).execute();
    const pupil = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Élève', first_name: 'Zoé' });
    await ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', learner_id: pupil.id, division_id: division, group_id: null }).execute();
    await ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', teacher_id: authorId, division_id: division, group_id: null, discipline: 'Gestion' }).execute();
    const res = await author.get(`/api/v1/scenarios/${s.id}/learners`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().groups).toEqual([{ id: division, kind: 'division', code: '2GA1', label: null, learners: [expect.objectContaining({ id: pupil.id, lastName: 'Élève' })] }]);
    expect((await colleague.get(`/api/v1/scenarios/${s.id}/learners`)).json().groups).toEqual([]);
  });

  it('makes a complexity chosen in a scenario « in use » for the referential editor', async () => {
    await create(author);
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    const c = await ctx.db.selectFrom('competencies').select(['referential_id', 'version']).where('id', '=', comp.C111!.id).executeTakeFirstOrThrow();
    const res = await admin.delete(`/api/v1/referentials/${c.referential_id}/competencies/${comp.C111!.id}/complexities/${comp.C111!.complexityIds[0]}?version=${c.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('referentials.item_in_use');
  });
});
