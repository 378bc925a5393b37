import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { computeMastery, EstablishmentSettingsSchema, type ClassCcf, type LearnerDashboard } from '@cerise/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { clientFor } from '../../../test/sessions.ts';
import { newId } from '../../util/ids.ts';
import { referentialFacts, seedBlocked, seedEvaluation, seedSituation } from './dashboard.seed.repository.ts';

let ctx: TestContext;
let est: { id: string; uai: string };
let facts: Awaited<ReturnType<typeof referentialFacts>>;
const u: Record<string, { id: string; establishment_id: string; login: string }> = {};
const c: Record<string, TestClient> = {};
let divisionId: string;
const YEAR = '2026-2027';
const at = '2026-11-01T10:00:00.000Z';

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps, { withReferential: true });
  for (const [k, profiles] of [
    ['admin', ['administrator']],
    ['teacher', ['teacher']],
    ['otherTeacher', ['teacher']],
    ['learner', ['learner']],
    ['ready', ['learner']],
    ['almost', ['learner']],
    ['parent', ['parent']],
  ] as const) {
    u[k] = await makeUser(ctx.deps, est.id, { profiles: [...profiles], last_name: k.toUpperCase(), first_name: 'Élise' });
    c[k] = await clientFor(ctx, u[k]!);
  }
  divisionId = newId();
  await ctx.db.insertInto('divisions').values({ id: divisionId, establishment_id: est.id, school_year: YEAR, code: '1GA1', label: null, mef: null, hidden_at: null, created_at: at }).execute();
  for (const k of ['learner', 'ready', 'almost']) {
    await ctx.db.insertInto('memberships').values({ id: newId(), establishment_id: est.id, school_year: YEAR, learner_id: u[k]!.id, division_id: divisionId, group_id: null }).execute();
  }
  await ctx.db.insertInto('teachings').values({ id: newId(), establishment_id: est.id, school_year: YEAR, teacher_id: u.teacher!.id, division_id: divisionId, group_id: null, discipline: 'Gestion' }).execute();
  await ctx.db.insertInto('guardians').values({ id: newId(), establishment_id: est.id, parent_id: u.parent!.id, learner_id: u.learner!.id, level: 1 }).execute();
  facts = await referentialFacts(ctx.db, est.id);
});
afterAll(() => ctx.close());

const itemsOf = (competencyId: string) => ({
  complexityIds: facts.complexities.filter((x) => x.competency_id === competencyId).slice(0, 1).map((x) => x.id),
  hazardIds: facts.hazards.filter((x) => x.competency_id === competencyId).slice(0, 1).map((x) => x.id),
});

describe(`dashboard of a learner (${testEngine})`, () => {
  it('lists every piece of evidence with the weight computeMastery gives it, and why the others did not count', async () => {
    const comp = facts.competencies[0]!;
    const e = (title: string, day: string, level: 'RT' | 'TE' | 'NE' | 'ABS' | 'ECA', withItems = false) =>
      seedEvaluation(ctx.db, {
        establishmentId: est.id,
        authorId: u.teacher!.id,
        title,
        evaluatedOn: day,
        schoolYear: YEAR,
        at,
        competencies: [{ competencyId: comp.id, ...(withItems ? itemsOf(comp.id) : {}) }],
        results: [{ learnerId: u.learner!.id, levels: [level] }],
      });
    await e('Relance client', '2026-09-10', 'TE');
    await e('Commande', '2026-09-20', 'NE');
    await e('Facture', '2026-10-01', 'ABS');
    await e('Devis', '2026-10-05', 'RT', true);
    for (let i = 0; i < 5; i++) await e(`Série ${i}`, `2026-10-1${i}`, 'ECA');
    await seedSituation(ctx.db, { establishmentId: est.id, learnerId: u.learner!.id, competencyId: comp.id, title: 'Stage : accueil', occurredOn: '2026-10-20', at, reviews: [{ teacherId: u.teacher!.id, level: 'RP', reviewedOn: '2026-10-25' }] });

    const res = await c.learner!.get(`/api/v1/dashboard/learners/${u.learner!.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as LearnerDashboard;
    const bar = d.poles.flatMap((p) => p.classes.flatMap((k) => k.competencies)).find((x) => x.id === comp.id)!;
    expect(bar.evidence.map((x) => [x.title, x.level, x.source])).toEqual([
      ['Relance client', 'TE', 'evaluation'],
      ['Commande', 'NE', 'evaluation'],
      ['Facture', 'ABS', 'evaluation'],
      ['Devis', 'RT', 'evaluation'],
      ...[0, 1, 2, 3, 4].map((i) => [`Série ${i}`, 'ECA', 'evaluation']),
      ['Stage : accueil', 'RP', 'passport'],
    ]);
    expect(bar.evidence.slice(0, 3).map((x) => x.notCounted)).toEqual(['outside_window', 'not_assessable', 'absent']);
    expect(bar.evidence[3]!.complexities.length + bar.evidence[3]!.hazards.length).toBe(2);
    // The same pieces given to computeMastery: same weights, same percentage.
    const expected = computeMastery(
      bar.evidence.map((x, i) => ({ id: String(i).padStart(3, '0'), date: x.date, level: x.level, itemCount: x.complexities.length + x.hazards.length })),
      EstablishmentSettingsSchema.parse({}).mastery,
    );
    expect(bar.evidence.map((x) => x.weight)).toEqual(expected.evidence.map((x) => x.weight));
    expect(bar.percent).toBe(expected.percent);
    expect(bar.evidenceCount).toBe(8);
    expect(d.passport).toMatchObject([{ title: 'Stage : accueil', lastReview: { level: 'RP', reviewedOn: '2026-10-25' } }]);
    expect(d.ccf.map((x) => x.unitCode)).toEqual(['E31', 'E32', 'E33']);
  });

  it('shows blocked competencies, and the progress per school year', async () => {
    const comp = facts.competencies[1]!;
    await seedBlocked(ctx.db, { establishmentId: est.id, learnerId: u.learner!.id, competencyId: comp.id, teacherId: u.teacher!.id, at });
    const d = (await c.parent!.get(`/api/v1/dashboard/learners/${u.learner!.id}`)).json() as LearnerDashboard;
    expect(d.blocked.map((b) => b.code)).toEqual([comp.code]);
    expect(d.poles.flatMap((p) => p.classes.flatMap((k) => k.competencies)).find((x) => x.id === comp.id)!.blocked).toBe(true);
    expect(d.progress.years).toEqual([{ schoolYear: YEAR, division: '1GA1' }]);
  });

  it('writes every read by someone other than the learner to the audit log', async () => {
    const count = async () =>
      (await ctx.db.selectFrom('audit_log').select('actor_id').where('action', '=', 'dashboard.learner_viewed').where('target_id', '=', u.learner!.id).execute()).map((r) => r.actor_id);
    const before = await count();
    await c.learner!.get(`/api/v1/dashboard/learners/${u.learner!.id}`);
    expect(await count()).toEqual(before);
    for (const k of ['teacher', 'parent', 'admin']) expect((await c[k]!.get(`/api/v1/dashboard/learners/${u.learner!.id}`)).statusCode).toBe(200);
    expect((await count()).slice(before.length).sort()).toEqual([u.teacher!.id, u.parent!.id, u.admin!.id].sort());
  });

  it('refuses with 404 a teacher who does not teach the learner and a parent of another child', async () => {
    expect((await c.otherTeacher!.get(`/api/v1/dashboard/learners/${u.learner!.id}`)).statusCode).toBe(404);
    expect((await c.parent!.get(`/api/v1/dashboard/learners/${u.ready!.id}`)).statusCode).toBe(404);
    expect((await c.ready!.get(`/api/v1/dashboard/learners/${u.learner!.id}`)).statusCode).toBe(404);
    expect((await c.parent!.get('/api/v1/dashboard/children')).json().children.map((x: { id: string }) => x.id)).toEqual([u.learner!.id]);
  });
});

describe(`CCF decision aid of a class (${testEngine})`, () => {
  it('gives « prêt », « bientôt prêt » and « pas encore » with their reasons', async () => {
    const pole1 = facts.competencies.filter((x) => x.pole_code === facts.competencies[0]!.pole_code);
    const classes = [...new Set(pole1.map((x) => x.class_id))];
    const seedLearner = async (learnerId: string, comps: typeof pole1, passportClasses: string[], passportItems: boolean) => {
      for (const day of ['2026-10-02', '2026-10-03']) {
        await seedEvaluation(ctx.db, {
          establishmentId: est.id,
          authorId: u.teacher!.id,
          title: `Évaluation ${day}`,
          evaluatedOn: day,
          schoolYear: YEAR,
          at,
          competencies: comps.map((x) => ({ competencyId: x.id, ...itemsOf(x.id) })),
          results: [{ learnerId, levels: comps.map(() => 'RT' as const) }],
        });
      }
      for (const cls of passportClasses) {
        const comp = pole1.find((x) => x.class_id === cls)!;
        // Some classes' competencies have no complexity typed yet in the referential: any item makes the case.
        await seedSituation(ctx.db, { establishmentId: est.id, learnerId, competencyId: comp.id, title: 'Situation', occurredOn: '2026-10-04', at, complexityIds: passportItems ? [facts.complexities[0]!.id] : [], reviews: [{ teacherId: u.teacher!.id, level: 'RT', reviewedOn: '2026-10-05' }] });
      }
    };
    await seedLearner(u.ready!.id, pole1, classes, true);
    await seedLearner(u.almost!.id, pole1.slice(0, Math.ceil(pole1.length * 0.6)), classes.slice(1), false);

    const res = await c.teacher!.get(`/api/v1/dashboard/divisions/${divisionId}/ccf`);
    expect(res.statusCode).toBe(200);
    const table = res.json() as ClassCcf;
    const e31 = (id: string) => table.learners.find((l) => l.id === id)!.units.find((x) => x.unitCode === 'E31')!;
    expect(e31(u.ready!.id)).toMatchObject({ verdict: 'ready', acquiredPercent: 100, reasons: [] });
    const almost = e31(u.almost!.id);
    expect(almost.verdict).toBe('almost_ready');
    expect(almost.reasons.join(' ')).toContain('sans situation du passeport évaluée en réussite');
    expect(almost.reasons.join(' ')).toContain('En dessous d’« acquis »');
    expect(almost.reasons.join(' ')).toContain('sans réussite avec au moins une complexité ou un aléa');
    const e33 = table.learners.find((l) => l.id === u.ready!.id)!.units.find((x) => x.unitCode === 'E33')!;
    expect(e33.verdict).toBe('not_yet');
    expect(e33.reasons.join(' ')).toContain('Trop peu de preuves');
    expect(table.learners[0]!.ep1.text).toContain('sur 9');
  });

  it('shows the class overview to its teacher only', async () => {
    const res = await c.teacher!.get(`/api/v1/dashboard/divisions/${divisionId}/overview`);
    expect(res.statusCode).toBe(200);
    expect(res.json().learners).toHaveLength(3);
    expect((await c.otherTeacher!.get(`/api/v1/dashboard/divisions/${divisionId}/overview`)).statusCode).toBe(404);
    expect((await c.teacher!.get('/api/v1/dashboard/divisions')).json().divisions.map((x: { id: string }) => x.id)).toEqual([divisionId]);
    expect((await c.otherTeacher!.get('/api/v1/dashboard/divisions')).json().divisions).toEqual([]);
  });
});

describe(`teachers' filters (${testEngine})`, () => {
  it('belong to their author; a stale save is refused with 409', async () => {
    const ids = facts.competencies.slice(0, 3).map((x) => x.id);
    const created = await c.teacher!.post('/api/v1/dashboard/filters', { name: 'Pôle 1 début', competencyIds: ids });
    expect(created.statusCode).toBe(201);
    const f = created.json();
    expect((await c.otherTeacher!.get('/api/v1/dashboard/filters')).json().filters).toEqual([]);
    expect((await c.otherTeacher!.put(`/api/v1/dashboard/filters/${f.id}`, { name: 'x', competencyIds: ids, version: f.version })).statusCode).toBe(404);
    expect((await c.otherTeacher!.delete(`/api/v1/dashboard/filters/${f.id}`)).statusCode).toBe(404);
    const saved = await c.teacher!.put(`/api/v1/dashboard/filters/${f.id}`, { name: 'Pôle 1', competencyIds: ids.slice(0, 2), version: f.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Pôle 1', competencyIds: ids.slice(0, 2) });
    const stale = await c.teacher!.put(`/api/v1/dashboard/filters/${f.id}`, { name: 'Autre', competencyIds: ids, version: f.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('dashboard.version_conflict');
    expect((await c.teacher!.post('/api/v1/dashboard/filters', { name: 'Pôle 1', competencyIds: ids })).statusCode).toBe(409);
    expect((await c.teacher!.post('/api/v1/dashboard/filters', { name: 'Inconnue', competencyIds: [newId()] })).json().error.code).toBe('dashboard.unknown_competency');
    expect((await c.teacher!.delete(`/api/v1/dashboard/filters/${f.id}`)).statusCode).toBe(204);
    expect((await c.teacher!.get('/api/v1/dashboard/filters')).json().filters).toEqual([]);
  });
});

describe(`PDF export (${testEngine})`, () => {
  it('prints the bars, the evidence counts and the CCF verdicts with their reasons', async () => {
    const res = await c.teacher!.get(`/api/v1/dashboard/learners/${u.almost!.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dash-pdf-')), 'd.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    if (process.env.SHOW_PDF) fs.copyFileSync(file, process.env.SHOW_PDF);
    expect(text).toContain('Tableau de bord — Élise ALMOST');
    expect(text).toContain('E31 (pôle');
    expect(text).toContain('Bientôt prêt');
    expect(text).toMatch(/100 % — Acquis — 2 preuves/);
    expect(text).toContain('Une aide pour l’équipe pédagogique, pas une décision');
  });
});
