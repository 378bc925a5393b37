import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../test/harness.ts';
import { uniqueUai } from '../../../../test/factories.ts';
import { exportUsers } from '../../users/users.usecases.ts';
import { seedSynthetic } from './seed.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('cerise seed (synthetic data at scale)', () => {
  it('creates the establishment and N learners with their parents through the import, and is idempotent', async () => {
    const uai = uniqueUai();
    const first = await seedSynthetic(ctx.deps, { uai, learners: 120 });
    expect(first.establishmentCreated).toBe(true);
    expect(first.learners.created.learners).toBe(120);
    expect(first.learners.created.parents).toBeGreaterThan(150);
    expect(first.teachers.created.teachers).toBeGreaterThanOrEqual(8);
    const users = await exportUsers(ctx.deps, uai, { profile: 'learner' });
    expect(users).toHaveLength(120);
    expect(new Set(users.flatMap((u) => u.divisions)).size).toBe(Math.ceil(120 / 28));
    const again = await seedSynthetic(ctx.deps, { uai, learners: 120 });
    expect(again.establishmentCreated).toBe(false);
    expect(again.learners.created.learners + again.learners.updated.learners + again.learners.hidden.learners).toBe(0);
  });
});
