import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from './harness.ts';
import { buildWorld, type World } from './authz/world.ts';
import { clientFor } from './sessions.ts';
import { makeUser } from './factories.ts';

/**
 * Optimistic concurrency (docs/design.md §4): two people save the same thing from the same
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

  it('a user edited by two administrators at once: one wins, the other gets 409 with the current version', async () => {
    const second = await clientFor(ctx, await makeUser(ctx.deps, w.A.id, { profiles: ['administrator'] }));
    const target = w.A.users.teacher.id;
    for (let round = 0; round < 5; round++) {
      const { version } = await ctx.db.selectFrom('users').select('version').where('id', '=', target).executeTakeFirstOrThrow();
      const [a, b] = await Promise.all([
        w.A.clients.administrator.patch(`/api/v1/users/${target}`, { version, email: `a${round}@example.org` }),
        second.patch(`/api/v1/users/${target}`, { version, email: `b${round}@example.org` }),
      ]);
      expect([a.statusCode, b.statusCode].sort(), `${a.body} / ${b.body}`).toEqual([200, 409]);
      const [winner, loser] = a.statusCode === 200 ? [`a${round}`, b] : [`b${round}`, a];
      expect(loser.json().error.code).toBe('common.version_conflict');
      expect(loser.json().error.details.currentVersion).toBe(version + 1);
      const row = await ctx.db.selectFrom('users').select(['email', 'version']).where('id', '=', target).executeTakeFirstOrThrow();
      expect(row.email).toBe(`${winner}@example.org`);
      expect(row.version).toBe(version + 1);
    }
  });

  it("the establishment's settings saved twice from the same version: no lost update", async () => {
    const second = await clientFor(ctx, await makeUser(ctx.deps, w.A.id, { profiles: ['administrator'] }));
    const { version } = await ctx.db.selectFrom('establishments').select('version').where('id', '=', w.A.id).executeTakeFirstOrThrow();
    const body = (name: string) => ({ version, name, address: null, postalCode: null, town: null, phone: null, email: 'ce@ac-test.fr', headName: null, website: null });
    const [a, b] = await Promise.all([
      w.A.clients.administrator.put('/api/v1/settings/establishment', body('Lycée A')),
      second.put('/api/v1/settings/establishment', body('Lycée B')),
    ]);
    expect([a.statusCode, b.statusCode].sort(), `${a.body} / ${b.body}`).toEqual([200, 409]);
    const row = await ctx.db.selectFrom('establishments').select('name').where('id', '=', w.A.id).executeTakeFirstOrThrow();
    expect(row.name).toBe(a.statusCode === 200 ? 'Lycée A' : 'Lycée B');
  });
});
