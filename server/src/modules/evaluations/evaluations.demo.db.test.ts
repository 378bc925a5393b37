import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEMO_PASSWORD, DEMO_UAI, seedDemo } from '../demo/demo.seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.deps);
});
afterAll(() => ctx.close());

const signIn = async (login: string) => {
  const c = new TestClient(ctx.app);
  await c.login(DEMO_UAI, login, DEMO_PASSWORD);
  return c;
};

describe(`evaluations demo (${testEngine})`, () => {
  it('gives the demo class about ten evaluations over the year, some visible to demo.apprenant and demo.parent', async () => {
    const teacher = await signIn('demo.enseignant');
    const list = (await teacher.get('/api/v1/evaluations?pageSize=50')).json();
    // Other modules' demo steps may add evaluations of their own (the dashboard's): count ours by title.
    const titles = list.items.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['Accueil physique des visiteurs', 'Compte rendu de réunion', 'Premier accueil téléphonique']));
    expect(new Set(list.items.map((i: { evaluatedOn: string }) => i.evaluatedOn)).size).toBeGreaterThan(5);
    const learner = await signIn('demo.apprenant');
    const me = (await learner.get('/api/v1/learner-evaluations/people')).json().learners[0];
    const mine = (await learner.get(`/api/v1/learner-evaluations?learnerId=${me.id}&pageSize=50`)).json();
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.total).toBeLessThan(list.total);
    const parent = await signIn('demo.parent');
    expect((await parent.get(`/api/v1/learner-evaluations?learnerId=${me.id}&pageSize=50`)).json().total).toBe(mine.total);
    // The dashboard needs variety: every level, and results under complexities and hazards.
    const rows = await ctx.db
      .selectFrom('results as r')
      .leftJoin('evaluation_items as i', 'i.owner_id', 'r.evaluation_competency_id')
      .select(['r.level', 'i.complexity_id', 'i.hazard_id'])
      .where('r.learner_id', '=', me.id)
      .execute();
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['RT', 'RP', 'ECA', 'TE', 'NE', 'ABS']));
    expect(rows.some((r) => r.complexity_id)).toBe(true);
    expect(rows.some((r) => r.hazard_id)).toBe(true);
    const one = (await learner.get(`/api/v1/learner-evaluations/${mine.items[0].id}?learnerId=${me.id}`)).json();
    expect(one.comment).not.toBe('');
  });
});
