import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from '../../../test/harness.ts';
import { saveHooks } from './evaluations.results.usecases.ts';
import { createThroughApi, makeSchool, type School } from './evaluations.test-support.ts';

let ctx: TestContext;
let s: School;
beforeAll(async () => {
  ctx = await createTestApp();
  s = await makeSchool(ctx, 6);
});
afterAll(() => ctx.close());
afterEach(() => {
  delete saveHooks.midway;
});

type Cell = { learnerId: string; evaluationCompetencyId: string; level: string | null; baseVersion: number | null };
const grid = async (id: string) => {
  const e = (await s.author.get(`/api/v1/evaluations/${id}`)).json();
  return new Map<string, { level: string; version: number }>(e.results.map((r: { learnerId: string; evaluationCompetencyId: string; level: string; version: number }) => [`${r.learnerId}/${r.evaluationCompetencyId}`, r]));
};

describe(`results: per-cell merge and conflicts (${testEngine})`, () => {
  it('keeps both co-authors\' changes to different cells', async () => {
    const e = await createThroughApi(s, { coauthors: [s.ids.colleague] });
    const [a, b] = [s.learners[0]!.id, s.learners[1]!.id];
    const col = e.competencies[0].id;
    const one = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'RT', baseVersion: null }] });
    const two = await s.colleague.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: b, evaluationCompetencyId: col, level: 'ECA', baseVersion: null }] });
    expect(one.json().conflicts).toEqual([]);
    expect(two.json().conflicts).toEqual([]);
    const g = await grid(e.id);
    expect(g.get(`${a}/${col}`)?.level).toBe('RT');
    expect(g.get(`${b}/${col}`)?.level).toBe('ECA');
  });

  it("returns a same-cell change as a conflict with the other's value, saves the rest, and lets the user choose", async () => {
    const e = await createThroughApi(s, { coauthors: [s.ids.colleague] });
    const [a, b] = [s.learners[0]!.id, s.learners[1]!.id];
    const col = e.competencies[0].id;
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'RP', baseVersion: null }] });
    // Both start from version 1 of cell a.
    const first = await s.colleague.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'TE', baseVersion: 1 }] });
    expect(first.json().saved).toEqual([{ learnerId: a, evaluationCompetencyId: col, level: 'TE', version: 2 }]);
    const second = await s.author.put(`/api/v1/evaluations/${e.id}/results`, {
      cells: [
        { learnerId: a, evaluationCompetencyId: col, level: 'RT', baseVersion: 1 },
        { learnerId: b, evaluationCompetencyId: col, level: 'NE', baseVersion: null },
      ],
    });
    const body = second.json();
    expect(body.saved).toEqual([{ learnerId: b, evaluationCompetencyId: col, level: 'NE', version: 1 }]);
    expect(body.conflicts).toHaveLength(1);
    expect(body.conflicts[0]).toMatchObject({ learnerId: a, yours: 'RT', theirs: 'TE', theirVersion: 2, recordedBy: { lastName: 'COLLEGUE' } });
    expect((await grid(e.id)).get(`${a}/${col}`)?.level).toBe('TE');
    // Choosing « mine » resends from their version.
    const chosen = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'RT', baseVersion: 2 }] });
    expect(chosen.json().conflicts).toEqual([]);
    expect((await grid(e.id)).get(`${a}/${col}`)).toMatchObject({ level: 'RT', version: 3 });
  });

  it('is no conflict when both chose the same level, or both emptied the cell', async () => {
    const e = await createThroughApi(s);
    const [a] = [s.learners[0]!.id];
    const col = e.competencies[0].id;
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'ABS', baseVersion: null }] });
    const same = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: 'ABS', baseVersion: null }] });
    expect(same.json().conflicts).toEqual([]);
    await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: null, baseVersion: 1 }] });
    const again = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: a, evaluationCompetencyId: col, level: null, baseVersion: 1 }] });
    expect(again.json()).toMatchObject({ conflicts: [], saved: [{ level: null, version: null }] });
    expect((await grid(e.id)).size).toBe(0);
  });

  it('reports cells of a learner no longer in the evaluation as discarded, and refuses bad levels', async () => {
    const e = await createThroughApi(s, { learners: 2 });
    const outsider = s.learners[5]!.id;
    const res = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: outsider, evaluationCompetencyId: e.competencies[0].id, level: 'RT', baseVersion: null }] });
    expect(res.json().discarded).toEqual([{ learnerId: outsider, evaluationCompetencyId: e.competencies[0].id }]);
    const bad = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: [{ learnerId: outsider, evaluationCompetencyId: e.competencies[0].id, level: 'XX', baseVersion: null }] });
    expect(bad.statusCode).toBe(400);
  });

  it('saves a full grid, then leaves it exactly as before when a save fails half-way', async () => {
    const e = await createThroughApi(s, { competencies: 12 });
    const levels = ['RT', 'RP', 'ECA', 'TE', 'NE', 'ABS'];
    const cells: Cell[] = [];
    for (const [i, l] of s.learners.entries()) {
      for (const [j, c] of e.competencies.entries()) cells.push({ learnerId: l.id, evaluationCompetencyId: c.id, level: levels[(i + j) % 6]!, baseVersion: null });
    }
    const full = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells });
    expect(full.json().saved).toHaveLength(cells.length);
    const before = await grid(e.id);
    // Change every cell (updates) plus empty some, and fail in the middle of the transaction.
    const next = cells.map((c, k) => ({ ...c, level: k % 5 === 0 ? null : levels[(levels.indexOf(c.level!) + 1) % 6]!, baseVersion: 1 }));
    saveHooks.midway = () => {
      throw new Error('crash in the middle of the save');
    };
    const crashed = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: next });
    expect(crashed.statusCode).toBe(500);
    expect(await grid(e.id)).toEqual(before);
    delete saveHooks.midway;
    const ok = await s.author.put(`/api/v1/evaluations/${e.id}/results`, { cells: next });
    expect(ok.json().conflicts).toEqual([]);
    const after = await grid(e.id);
    expect(after.size).toBe(next.filter((c) => c.level !== null).length);
  });

  it('saves comments with their own version and refuses a stale one', async () => {
    const e = await createThroughApi(s);
    const l = s.learners[0]!.id;
    const ok = await s.author.put(`/api/v1/evaluations/${e.id}/learners/${l}/comment`, { comment: 'Bien\nÀ revoir : la prise de notes', version: 1 });
    expect(ok.json()).toEqual({ comment: 'Bien\nÀ revoir : la prise de notes', commentVersion: 2 });
    const stale = await s.author.put(`/api/v1/evaluations/${e.id}/learners/${l}/comment`, { comment: 'Autre', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'evaluations.comment_conflict', details: { commentVersion: 2 } });
  });
});
