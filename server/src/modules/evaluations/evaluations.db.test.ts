import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from '../../../test/harness.ts';
import { createThroughApi, makeSchool, type School } from './evaluations.test-support.ts';

let ctx: TestContext;
let s: School;
beforeAll(async () => {
  ctx = await createTestApp();
  s = await makeSchool(ctx, 4);
});
afterAll(() => ctx.close());

describe(`evaluations: definition and reading (${testEngine})`, () => {
  it('creates an evaluation with ordered competencies, their complexities and hazards, and learners', async () => {
    const e = await createThroughApi(s, { competencies: 3 });
    expect(e.version).toBe(1);
    expect(e.canEdit).toBe(true);
    expect(e.competencies.map((c: { code: string }) => c.code)).toEqual(s.competencies.slice(0, 3).map((c) => c.code));
    expect(e.competencies[0].complexities).toHaveLength(s.competencies[0]!.complexityIds.length > 0 ? 1 : 0);
    expect(e.learners).toHaveLength(4);
    expect(e.learners[0].classCodes).toEqual(['1GA1']);
    expect(e.results).toEqual([]);
  });

  it('defaults the date to today and refuses invalid input with a French message', async () => {
    const base = { title: 'Sans date', competencies: [{ competencyId: s.competencies[0]!.id }], learnerIds: [s.learners[0]!.id] };
    const ok = await s.author.post('/api/v1/evaluations', base);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().evaluatedOn).toBe('2026-11-28');
    for (const bad of [
      { ...base, title: '   ' },
      { ...base, evaluatedOn: '2026-02-30' },
      { ...base, competencies: [] },
      { ...base, learnerIds: [s.learners[0]!.id, s.learners[0]!.id] },
    ]) {
      const res = await s.author.post('/api/v1/evaluations', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const foreign = await s.author.post('/api/v1/evaluations', { ...base, learnerIds: [s.ids.colleague] });
    expect(foreign.json().error.code).toBe('evaluations.unknown_learner');
    const unknownItem = await s.author.post('/api/v1/evaluations', { ...base, competencies: [{ competencyId: s.competencies[0]!.id, complexityIds: [s.competencies[1]!.complexityIds[0] ?? 'x'] }] });
    expect(unknownItem.statusCode).toBe(400);
  });

  it('lets co-authors edit, colleagues and administrators read, strangers see nothing', async () => {
    const e = await createThroughApi(s, { coauthors: [s.ids.colleague] });
    const asColleague = await s.colleague.get(`/api/v1/evaluations/${e.id}`);
    expect(asColleague.json().canEdit).toBe(true);
    expect(asColleague.json().isAuthor).toBe(false);
    expect((await s.admin.get(`/api/v1/evaluations/${e.id}`)).json().canEdit).toBe(false);
    expect((await s.stranger.get(`/api/v1/evaluations/${e.id}`)).statusCode).toBe(404);
    // The co-author may change the title, not the co-authors, nor delete.
    const renamed = await s.colleague.patch(`/api/v1/evaluations/${e.id}`, { version: 1, title: 'Renommée' });
    expect(renamed.statusCode).toBe(200);
    const coauthors = await s.colleague.patch(`/api/v1/evaluations/${e.id}`, { version: 2, coauthorIds: [] });
    expect(coauthors.json().error.code).toBe('evaluations.author_only');
    expect((await s.colleague.delete(`/api/v1/evaluations/${e.id}?version=2`)).statusCode).toBe(403);
    // Without the co-authorship, the colleague (who teaches the class) reads only.
    await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 2, coauthorIds: [] });
    const readOnly = await s.colleague.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: s.learners[0]!.id, evaluationCompetencyId: e.competencies[0].id, level: 'RT', baseVersion: null }] });
    expect(readOnly.statusCode).toBe(403);
    expect(readOnly.json().error.code).toBe('evaluations.read_only');
  });

  it('refuses a stale definition with 409 and asks before removing what has results', async () => {
    const e = await createThroughApi(s, { competencies: 3 });
    const col = e.competencies[2].id;
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, {
      cells: s.learners.slice(0, 2).map((l) => ({ learnerId: l.id, evaluationCompetencyId: col, level: 'RP', baseVersion: null })),
    });
    const stale = await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 7, title: 'X' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('evaluations.version_conflict');
    const keep = e.competencies.slice(0, 2).map((c: { competencyId: string }) => ({ competencyId: c.competencyId }));
    const ask = await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 1, competencies: keep });
    expect(ask.statusCode).toBe(409);
    expect(ask.json().error).toMatchObject({ code: 'evaluations.results_would_be_lost', details: { results: 2, competencies: 1, learners: 0 } });
    const done = await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 1, competencies: [...keep].reverse(), confirmLoss: true });
    expect(done.statusCode).toBe(200);
    expect(done.json().competencies.map((c: { competencyId: string }) => c.competencyId)).toEqual([...keep].reverse().map((c) => c.competencyId));
    expect(done.json().results).toEqual([]);
  });

  it("moves the results' date with the evaluation's date", async () => {
    const e = await createThroughApi(s);
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: s.learners[0]!.id, evaluationCompetencyId: e.competencies[0].id, level: 'TE', baseVersion: null }] });
    await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 1, evaluatedOn: '2026-10-05' });
    const rows = await ctx.db.selectFrom('results').select('evaluated_on').where('evaluation_id', '=', e.id).execute();
    expect(rows.map((r) => r.evaluated_on)).toEqual(['2026-10-05']);
  });

  it('lists my evaluations filtered by title words, date digits and class, and deletes with an audit entry', async () => {
    const e = await createThroughApi(s, { title: 'Gestion des stocks 42' });
    const byTitle = (await s.author.get('/api/v1/evaluations?title=STOCKS%2042')).json();
    expect(byTitle.items.map((i: { id: string }) => i.id)).toEqual([e.id]);
    expect((await s.author.get('/api/v1/evaluations?title=stocks&date=20/11')).json().total).toBe(1);
    expect((await s.author.get('/api/v1/evaluations?title=stocks&date=21/11')).json().total).toBe(0);
    expect((await s.author.get(`/api/v1/evaluations?title=stocks&classId=${s.divisionId}`)).json().items[0].classCodes).toEqual(['1GA1']);
    expect((await s.author.get('/api/v1/evaluations?title=%25')).json().total).toBe(0);
    expect((await s.stranger.get('/api/v1/evaluations?title=stocks')).json().total).toBe(0);
    expect((await s.author.delete(`/api/v1/evaluations/${e.id}?version=1`)).statusCode).toBe(204);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'target_id']).where('target_id', '=', e.id).execute();
    expect(audit).toEqual([{ action: 'evaluations.deleted', target_id: e.id }]);
  });

  it('shows learners and parents only visible evaluations that include them, and only their own results and comment', async () => {
    const e = await createThroughApi(s, { visible: false, learners: 3, title: 'Visible plus tard' });
    const [l0, l1] = [s.learners[0]!, s.learners[1]!];
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, {
      cells: [
        { learnerId: l0.id, evaluationCompetencyId: e.competencies[0].id, level: 'RT', baseVersion: null },
        { learnerId: l1.id, evaluationCompetencyId: e.competencies[0].id, level: 'TE', baseVersion: null },
      ],
    });
    await s.author.put(`/api/v1/evaluations/${e.id}/learners/${l0.id}/comment`, { comment: 'Très bon accueil', version: 1 });
    await s.author.put(`/api/v1/evaluations/${e.id}/learners/${l1.id}/comment`, { comment: 'Secret de l1', version: 1 });
    const hidden = await s.learner.get(`/api/v1/learner-evaluations/${e.id}?learnerId=${l0.id}`);
    expect(hidden.statusCode).toBe(404);
    await s.author.patch(`/api/v1/evaluations/${e.id}`, { version: 1, isVisible: true });
    const mine = (await s.learner.get(`/api/v1/learner-evaluations/${e.id}?learnerId=${l0.id}`)).json();
    expect(mine.comment).toBe('Très bon accueil');
    expect(mine.competencies.map((c: { level: string | null }) => c.level)).toEqual(['RT', null]);
    expect(JSON.stringify(mine)).not.toContain('Secret de l1');
    expect((await s.parent.get(`/api/v1/learner-evaluations/${e.id}?learnerId=${l0.id}`)).json().comment).toBe('Très bon accueil');
    expect((await s.parent.get(`/api/v1/learner-evaluations/${e.id}?learnerId=${l1.id}`)).statusCode).toBe(404);
    expect((await s.learner.get(`/api/v1/learner-evaluations/${e.id}?learnerId=${l1.id}`)).statusCode).toBe(404);
    const list = (await s.learner.get(`/api/v1/learner-evaluations?learnerId=${l0.id}&title=visible`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([e.id]);
    expect(list.items[0].resultCount).toBe(1);
    expect((await s.parent.get('/api/v1/learner-evaluations/people')).json().learners.map((p: { id: string }) => p.id)).toEqual([l0.id]);
    // A learner not in the evaluation sees nothing of it.
    const outsider = s.learners[3]!;
    const other = await createThroughApi(s, { visible: true, learners: 1 });
    const res = await s.otherLearner.get(`/api/v1/learner-evaluations/${other.id}?learnerId=${s.learners[1]!.id}`);
    expect(res.statusCode).toBe(404);
    void outsider;
  });

  it('prints a blank sheet with the names and competency codes (parsed back with pdftotext)', async () => {
    const e = await createThroughApi(s, { competencies: 9 });
    const res = await s.author.get(`/api/v1/evaluations/${e.id}/sheet.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-sheet-'));
    const file = path.join(dir, 'sheet.pdf');
    fs.writeFileSync(file, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(text).toContain('Accueil physique et téléphonique');
    expect(text).toContain('20/11/2026');
    for (const l of s.learners) expect(text).toContain(`${l.last_name} ${l.first_name}`);
    for (const c of s.competencies.slice(0, 9)) expect(text).toContain(c.code);
    expect(text).toContain('Commentaire');
    expect(text).toContain('Réussite totale');
  });
});
