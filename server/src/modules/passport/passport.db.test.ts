import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { clientFor } from '../../../test/sessions.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { tinyPng } from './passport.photo.ts';

/** The passport through its routes: blocking, BEP prompt, attachments, versions, reviews, audit, extract. */
let ctx: TestContext;
let est: { id: string; uai: string };
let learner: TestClient;
let teacher: TestClient;
let otherTeacher: TestClient;
let parent: TestClient;
let learnerId: string;
let divisionId: string;
const comp: Record<string, { id: string; complexityIds: string[]; hazardIds: string[] }> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { withReferential: true });
  const at = nowIso(ctx.deps.now());
  divisionId = newId();
  await ctx.db.insertInto('divisions').values({ id: divisionId, establishment_id: est.id, school_year: '2026-2027', code: '1GA1', label: null, mef: null, hidden_at: null, created_at: at }).execute();
  const l = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'DURAND', first_name: 'Léa' });
  const t = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], last_name: 'PROF', first_name: 'Anne' });
  const ot = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
  const p = await makeUser(ctx.deps, est.id, { profiles: ['parent'] });
  learnerId = l.id;
  await ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', learner_id: l.id, division_id: divisionId, group_id: null }).execute();
  await ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: '2026-2027', teacher_id: t.id, division_id: divisionId, group_id: null, discipline: 'Gestion' }).execute();
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: p.id, learner_id: l.id, level: 1 }).execute();
  learner = await clientFor(ctx, l);
  teacher = await clientFor(ctx, t);
  otherTeacher = await clientFor(ctx, ot);
  parent = await clientFor(ctx, p);
  for (const code of ['C111', 'C312', 'C323']) {
    const c = await ctx.db.selectFrom('competencies').select('id').where('establishment_id', '=', est.id).where('code', '=', code).executeTakeFirstOrThrow();
    const cx = await ctx.db.selectFrom('complexities').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
    const hz = await ctx.db.selectFrom('hazards').select('id').where('competency_id', '=', c.id).orderBy('position').execute();
    comp[code] = { id: c.id, complexityIds: cx.map((x) => x.id), hazardIds: hz.map((x) => x.id) };
  }
});
afterAll(() => ctx.close());

const input = (code: string, extra: Record<string, unknown> = {}) => ({ title: 'Accueil téléphonique', occurredOn: '2026-11-18', competencyId: comp[code]!.id, ...extra });
async function create(code: string, extra: Record<string, unknown> = {}) {
  const res = await learner.post('/api/v1/passport/situations', input(code, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}
const list = (client: TestClient, query = '') => client.get(`/api/v1/passport/learners/${learnerId}/situations${query}`);

describe('passport (learner)', () => {
  it('creates, lists and filters by title, date digits and competency', async () => {
    await create('C323', { title: 'Standard du lundi', occurredOn: '2026-10-05', complexityIds: comp.C323!.complexityIds.slice(0, 1) });
    await create('C312', { title: 'Courrier de relance', occurredOn: '2026-11-03' });
    const all = (await list(learner)).json();
    expect(all.total).toBeGreaterThanOrEqual(2);
    expect((await list(learner, '?title=STANDARD')).json().items.map((i: { title: string }) => i.title)).toEqual(['Standard du lundi']);
    expect((await list(learner, '?date=10%2F2026')).json().items.map((i: { title: string }) => i.title)).toEqual(['Standard du lundi']);
    expect((await list(learner, '?date=2026-11-03')).json().items.map((i: { title: string }) => i.title)).toEqual(['Courrier de relance']);
    const byCode = (await list(learner, '?competency=3.1.2')).json();
    expect(byCode.items.map((i: { title: string }) => i.title)).toEqual(['Courrier de relance']);
    expect(byCode.items[0].situation).toMatchObject({ situationCode: '3.1.2', competencyCode: 'C312' });
    expect((await list(learner, '?competency=appels')).json().items.map((i: { title: string }) => i.title)).toEqual(['Standard du lundi']);
  });

  it('refuses a complexity of another competency and an unknown competency', async () => {
    expect((await learner.post('/api/v1/passport/situations', input('C323', { complexityIds: [newId()] }))).json().error.code).toBe('passport.unknown_item');
    expect((await learner.post('/api/v1/passport/situations', { ...input('C323'), competencyId: newId() })).json().error.code).toBe('passport.unknown_competency');
  });

  it('offers all BEP activities with the suggestions first, and keeps the chosen one', async () => {
    const res = await learner.get(`/api/v1/passport/bep-activities?competencyId=${comp.C312!.id}`);
    const body = res.json();
    expect(body.items).toHaveLength(17);
    expect(body.suggestedCount).toBeGreaterThan(0);
    expect(body.items.slice(0, body.suggestedCount).every((i: { suggested: boolean }) => i.suggested)).toBe(true);
    expect(body.items.slice(body.suggestedCount).some((i: { suggested: boolean }) => i.suggested)).toBe(false);
    const chosen = body.items[0];
    const s = await create('C312', { title: 'Avec BEP', bepActivityId: chosen.id, bepText: 'Détails BEP' });
    const detail = (await learner.get(`/api/v1/passport/situations/${s.id}`)).json();
    expect(detail.bepActivity).toMatchObject({ id: chosen.id, code: chosen.code });
    expect(detail.bepText).toBe('Détails BEP');
    expect((await learner.post('/api/v1/passport/situations', input('C312', { bepActivityId: newId() }))).json().error.code).toBe('passport.unknown_bep_activity');
  });
});

describe('passport (blocking)', () => {
  it('refuses a blocked competency through the API, and accepts it again once unblocked', async () => {
    const existing = await create('C111', { title: 'Avant le blocage' });
    const block = await teacher.put(`/api/v1/passport/learners/${learnerId}/blocked/${comp.C111!.id}`);
    expect(block.statusCode, block.body).toBe(200);
    expect(block.json().blocked[0]).toMatchObject({ competencyCode: 'C111', teacher: { lastName: 'PROF' } });
    const refused = await learner.post('/api/v1/passport/situations', input('C111'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('passport.competency_blocked');
    // Moving another situation onto the blocked competency is refused too.
    const other = await create('C323', { title: 'À déplacer' });
    const moved = await learner.put(`/api/v1/passport/situations/${other.id}`, { ...input('C111'), version: other.version });
    expect(moved.json().error.code).toBe('passport.competency_blocked');
    // The situation already on it can still be edited.
    expect((await learner.put(`/api/v1/passport/situations/${existing.id}`, { ...input('C111', { title: 'Corrigé' }), version: existing.version })).statusCode).toBe(200);
    const listed = (await list(learner)).json();
    expect(listed.blocked.map((b: { competencyCode: string }) => b.competencyCode)).toEqual(['C111']);
    expect(listed.items.find((i: { id: string }) => i.id === existing.id).blocked).toBe(true);
    // Only the learner's teachers block.
    expect((await otherTeacher.put(`/api/v1/passport/learners/${learnerId}/blocked/${comp.C323!.id}`)).statusCode).toBe(404);
    expect((await teacher.delete(`/api/v1/passport/learners/${learnerId}/blocked/${comp.C111!.id}`)).statusCode).toBe(204);
    expect((await learner.post('/api/v1/passport/situations', input('C111'))).statusCode).toBe(201);
  });
});

describe('passport (versions)', () => {
  it('answers 409 to one of two concurrent saves of the same version', async () => {
    const s = await create('C323', { title: 'Concurrente' });
    const [a, b] = await Promise.all([
      learner.put(`/api/v1/passport/situations/${s.id}`, { ...input('C323', { title: 'Onglet A' }), version: s.version }),
      learner.put(`/api/v1/passport/situations/${s.id}`, { ...input('C323', { title: 'Onglet B' }), version: s.version }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const lost = a.statusCode === 409 ? a : b;
    expect(lost.json().error).toMatchObject({ code: 'passport.version_conflict' });
    expect((await learner.delete(`/api/v1/passport/situations/${s.id}?version=${s.version}`)).statusCode).toBe(409);
  });
});

describe('passport (attachments)', () => {
  let situationId: string;
  beforeAll(async () => {
    situationId = (await create('C323', { title: 'Avec photo' })).id;
  });
  const upload = (client: TestClient, filename: string, content: Uint8Array | string) =>
    client.request({ method: 'POST', url: `/api/v1/passport/situations/${situationId}/attachments`, ...multipart([{ field: 'file', filename, content }]) });

  it('accepts a phone photo and serves it only as a download, to those who may read', async () => {
    const res = await upload(learner, 'photo.png', tinyPng(16, 16));
    expect(res.statusCode, res.body).toBe(201);
    const att = res.json().attachments[0];
    expect(att).toMatchObject({ filename: 'photo.png', part: 'common', mediaType: 'image/png' });
    for (const client of [learner, teacher, parent]) {
      const dl = await client.get(`/api/v1/passport/situations/${situationId}/attachments/${att.id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(dl.rawPayload, tinyPng(16, 16))).toBe(0);
    }
    expect((await otherTeacher.get(`/api/v1/passport/situations/${situationId}/attachments/${att.id}`)).statusCode).toBe(404);
    // The teacher's and the parent's downloads are in the audit log, the learner's is not.
    const reads = await ctx.db.selectFrom('audit_log').select('details').where('action', '=', 'passport.read').where('target_id', '=', learnerId).execute();
    expect(reads.filter((r) => r.details?.includes('"attachment"'))).toHaveLength(2);
    expect((await list(learner, '?title=photo')).json().items[0].attachmentCount).toBe(1);
  });

  it('refuses what is not a PDF, ZIP, JPEG or PNG, and a misnamed file', async () => {
    expect((await upload(learner, 'programme.exe', Buffer.from('MZ\x90\x00binary'))).json().error.code).toBe('files.unsupported_type');
    expect((await upload(learner, 'photo.jpg', tinyPng(4, 4))).json().error.code).toBe('files.extension_mismatch');
    expect((await upload(learner, 'vide.pdf', '')).statusCode).toBe(400);
  });

  it('files an attachment under the BEP part when asked', async () => {
    const boundary = '----passportpart';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="part"\r\n\r\nbep\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bep.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n`),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const res = await learner.request({ method: 'POST', url: `/api/v1/passport/situations/${situationId}/attachments`, payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attachments.find((a: { filename: string }) => a.filename === 'bep.pdf').part).toBe('bep');
  });
});

describe('passport (teacher)', () => {
  it('reviews; the review shows in the learner’s list, and a later change is marked', async () => {
    const s = await create('C323', { title: 'À évaluer', complexityIds: comp.C323!.complexityIds.slice(0, 1) });
    const review = await teacher.post(`/api/v1/passport/situations/${s.id}/reviews`, { level: 'RP', appraisal: 'Bon travail' });
    expect(review.statusCode, review.body).toBe(201);
    const item = (await list(learner, '?title=%C3%A0%20%C3%A9valuer')).json().items[0];
    expect(item.lastReview).toMatchObject({ level: 'RP', appraisal: 'Bon travail', teacher: { lastName: 'PROF' } });
    expect(item.changedSinceReview).toBe(false);
    ctx.advance(60_000);
    const detail = (await learner.get(`/api/v1/passport/situations/${s.id}`)).json();
    await learner.put(`/api/v1/passport/situations/${s.id}`, { ...input('C323', { title: 'À évaluer', doneText: 'Complété' }), version: detail.version });
    expect((await list(teacher, '?title=%C3%A0%20%C3%A9valuer')).json().items[0].changedSinceReview).toBe(true);
    // A parent reads but does not review; another teacher neither.
    expect((await parent.post(`/api/v1/passport/situations/${s.id}/reviews`, { level: 'RT' })).statusCode).toBe(403);
    expect((await otherTeacher.post(`/api/v1/passport/situations/${s.id}/reviews`, { level: 'RT' })).statusCode).toBe(404);
  });

  it('adjusts complexities and hazards without marking the entry as changed by the learner', async () => {
    const s = await create('C323', { title: 'Ajustée' });
    const res = await teacher.put(`/api/v1/passport/situations/${s.id}/items`, { complexityIds: comp.C323!.complexityIds.slice(0, 2), hazardIds: comp.C323!.hazardIds.slice(0, 1), version: s.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ complexityIds: comp.C323!.complexityIds.slice(0, 2), hazardIds: comp.C323!.hazardIds.slice(0, 1), version: s.version + 1 });
    expect((await teacher.put(`/api/v1/passport/situations/${s.id}/items`, { complexityIds: [], hazardIds: [], version: s.version })).statusCode).toBe(409);
  });

  it('lists the teacher’s classes and learners; audits reads by others than the learner', async () => {
    const classes = (await teacher.get('/api/v1/passport/classes')).json().classes;
    expect(classes).toHaveLength(1);
    expect(classes[0].learners.map((l: { id: string }) => l.id)).toEqual([learnerId]);
    expect((await otherTeacher.get('/api/v1/passport/classes')).json().classes).toEqual([]);
    const count = async () => (await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'passport.read').where('target_id', '=', learnerId).execute()).length;
    const before = await count();
    await list(learner);
    expect(await count()).toBe(before);
    await list(teacher);
    await list(parent);
    expect(await count()).toBe(before + 2);
  });
});

describe('passport (CCF extract)', () => {
  it('writes a PDF a commission can read: situations, parts, reviews, attachments', async () => {
    const s = await create('C312', { title: 'Relance client Dupré', place: 'Cabinet Martin', doneText: 'J’ai rédigé la relance.' });
    await teacher.post(`/api/v1/passport/situations/${s.id}/reviews`, { level: 'RT', appraisal: 'Courrier impeccable' });
    await learner.request({ method: 'POST', url: `/api/v1/passport/situations/${s.id}/attachments`, ...multipart([{ field: 'file', filename: 'relance-photo.png', content: tinyPng(12, 12) }]) });
    const res = await teacher.get(`/api/v1/passport/learners/${learnerId}/extract.pdf?pole=3`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment; filename="passeport-DURAND-Lea-pole-3.pdf"');
    const text = pdfText(res.rawPayload);
    for (const expected of ['Passeport professionnel', 'DURAND Léa', 'Pôle 3', 'Relance client Dupré', 'Cabinet Martin', 'J’ai rédigé la relance.', 'Réussite totale', 'Courrier impeccable', 'relance-photo.png', 'Partie BAC PRO', 'Partie BEP MSA']) {
      expect(text).toContain(expected);
    }
    // Pôle 3 only: the situation of pôle 1 (C111) is not in it.
    expect(text).not.toContain('Avant le blocage');
    expect(pdfText((await teacher.get(`/api/v1/passport/learners/${learnerId}/extract.pdf`)).rawPayload)).toContain('Corrigé');
    expect((await otherTeacher.get(`/api/v1/passport/learners/${learnerId}/extract.pdf`)).statusCode).toBe(404);
    const extracts = await ctx.db.selectFrom('audit_log').select(['actor_id', 'details']).where('action', '=', 'passport.extract').where('target_id', '=', learnerId).execute();
    expect(extracts).toHaveLength(2);
  });

  it('zips the class’s extracts', async () => {
    const res = await teacher.get(`/api/v1/passport/classes/${divisionId}/extracts.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(entries)).toEqual(['passeport-DURAND-Lea.pdf']);
    expect(pdfText(Buffer.from(entries['passeport-DURAND-Lea.pdf']!))).toContain('Relance client Dupré');
  });
});

/** The PDF's text through poppler's pdftotext (pdfkit writes glyph ids with a TTF font). */
function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-pdf-'));
  try {
    const file = path.join(dir, 'x.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('passport demo', () => {
  it('gives demo.apprenant BEP situations, a photo, two reviews at different levels with items, and a blocked competency', async () => {
    const { seedDemo } = await import('../demo/demo.seed.ts');
    await seedDemo(ctx.deps);
    const est = await ctx.db.selectFrom('establishments').select('id').where('uai', '=', '0869999X').executeTakeFirstOrThrow();
    const user = (login: string) => ctx.db.selectFrom('users').select('id').where('establishment_id', '=', est.id).where('login', '=', login).executeTakeFirstOrThrow();
    const learnerRow = await user('demo.apprenant');
    const teacherRow = await user('demo.enseignant');
    const mine = await ctx.db.selectFrom('passport_situations').selectAll().where('learner_id', '=', learnerRow.id).where('place', '!=', 'Entreprise').execute();
    expect(mine).toHaveLength(6);
    expect(mine.filter((s) => s.bep_activity_id)).toHaveLength(2);
    const reviews = await ctx.db.selectFrom('passport_reviews').selectAll().where('situation_id', 'in', mine.map((s) => s.id)).where('teacher_id', '=', teacherRow.id).execute();
    expect(new Set(reviews.map((r) => r.level)).size).toBe(2);
    for (const r of reviews) {
      const items = await ctx.db.selectFrom('passport_items').selectAll().where('owner_id', '=', r.situation_id).execute();
      expect(items.some((i) => i.complexity_id) && items.some((i) => i.hazard_id)).toBe(true);
    }
    const photos = await ctx.db.selectFrom('passport_attachments as a').innerJoin('files as f', 'f.id', 'a.file_id').select(['f.media_type', 'f.id']).where('a.situation_id', 'in', mine.map((s) => s.id)).execute();
    expect(photos.map((p) => p.media_type)).toEqual(['image/png']);
    const blocked = await ctx.db.selectFrom('blocked_competencies').selectAll().where('learner_id', '=', learnerRow.id).execute();
    expect(blocked.map((b) => b.teacher_id)).toEqual([teacherRow.id]);
  });
});
