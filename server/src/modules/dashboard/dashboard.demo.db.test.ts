import type { ClassCcf, LearnerDashboard } from '@cerise/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEMO_PASSWORD, DEMO_UAI, seedDemo } from '../demo/demo.seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemo(ctx.deps);
});
afterAll(() => ctx.close());

describe(`dashboard demo (${testEngine})`, () => {
  it("shows every state on demo.apprenant's dashboard, and one CCF verdict of each kind in 1GA1", async () => {
    const learner = new TestClient(ctx.app);
    await learner.login(DEMO_UAI, 'demo.apprenant', DEMO_PASSWORD);
    const me = (await learner.get('/api/v1/auth/me')).json();
    const d = (await learner.get(`/api/v1/dashboard/learners/${me.id}`)).json() as LearnerDashboard;
    const bars = d.poles.flatMap((p) => p.classes.flatMap((k) => k.competencies));
    expect(new Set(bars.map((b) => b.state))).toEqual(new Set(['acquired', 'in_progress', 'not_acquired', 'insufficient']));
    expect(new Set(bars.flatMap((b) => b.evidence.map((e) => e.notCounted)))).toEqual(new Set([null, 'not_assessable', 'absent', 'outside_window']));
    expect(d.progress.years.length).toBeGreaterThanOrEqual(2);

    const teacher = new TestClient(ctx.app);
    await teacher.login(DEMO_UAI, 'demo.enseignant', DEMO_PASSWORD);
    const divisions = (await teacher.get('/api/v1/dashboard/divisions')).json().divisions as { id: string; code: string }[];
    const ccf = (await teacher.get(`/api/v1/dashboard/divisions/${divisions.find((x) => x.code === '1GA1')!.id}/ccf`)).json() as ClassCcf;
    const e31 = ccf.learners.map((l) => l.units.find((u) => u.unitCode === 'E31')!.verdict);
    expect(new Set(e31)).toEqual(new Set(['ready', 'almost_ready', 'not_yet']));
    expect(ccf.learners.some((l) => l.ep1.ready)).toBe(true);
    expect((await teacher.get('/api/v1/dashboard/filters')).json().filters).toHaveLength(1);
  });
});
