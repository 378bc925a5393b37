import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from './harness.ts';
import { buildWorld, type World } from './authz/world.ts';
import { clientFor } from './sessions.ts';
import { makeUser } from './factories.ts';

/**
 * Optimistic concurrency (DESIGN §4, issue 6): two people save the same thing from the same
 * version at the same moment → one wins, the other gets 409 with the current version, and the
 * loser's change is not silently written.
 */
let ctx: TestContext;
let w: World;
beforeAll(async () => {
  ctx = await createTestApp();
  w = await buildWorld(ctx);
});
afterAll(() => ctx.close());

describe(`concurrent edits (${testEngine})`, () => {
  it('a competency of the referential: one wins, the other gets 409 and its change is not written', async () => {
    const second = await clientFor(ctx, await makeUser(ctx.deps, w.A.id, { profiles: ['administrator'] }));
    const url = `/api/v1/referentials/${w.A.referentialId}/competencies/${w.A.competencyId}/complexities`;
    const { version } = await ctx.db.selectFrom('competencies').select('version').where('id', '=', w.A.competencyId).executeTakeFirstOrThrow();
    for (let round = 0; round < 5; round++) {
      const v = version + round;
      const [a, b] = await Promise.all([
        w.A.clients.administrator.post(url, { label: `Complexité A${round}`, version: v }),
        second.post(url, { label: `Complexité B${round}`, version: v }),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses, `round ${round}: ${a.body} / ${b.body}`).toEqual([201, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().error.code).toBe('referentials.version_conflict');
      expect(loser.json().error.details.currentVersion).toBe(v + 1);
      const labels = (await ctx.db.selectFrom('complexities').select('label').where('competency_id', '=', w.A.competencyId).execute()).map((r) => r.label);
      const winnerLabel = a.statusCode === 201 ? `Complexité A${round}` : `Complexité B${round}`;
      const loserLabel = a.statusCode === 201 ? `Complexité B${round}` : `Complexité A${round}`;
      expect(labels).toContain(winnerLabel);
      expect(labels).not.toContain(loserLabel);
    }
  });
});
