import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment, makeUser } from '../../../test/factories.ts';
import { clientFor } from '../../../test/sessions.ts';
import { importDirect } from '../siecle/siecle.usecases.ts';
import { generateSiecleFiles, makeSchool } from '../siecle/synthetic/generate.ts';
import { activeSchoolYear } from './school-year.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the school year the screens show', () => {
  it('is the calendar year before any import, then the latest year imported', async () => {
    const est = await makeEstablishment(ctx.deps, { uai: '0865555P' });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2026-2027');
    // Files of an earlier year (a warning says so): their classes are still what the screens show.
    const s = makeSchool({ uai: '0865555P', schoolYear: 2024, learners: 10 });
    await importDirect(ctx.deps, s.uai, 'teachers', { teachers: { name: 'sts.xml', bytes: generateSiecleFiles(s).sts } }, { dryRun: false });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2024-2025');
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    const res = await admin.get('/api/v1/divisions');
    expect(res.json().schoolYear).toBe('2024-2025');
    expect(res.json().divisions.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(s.divisions.map((d) => d.code)));
    // Next year's files switch the screens to next year.
    const next = makeSchool({ uai: '0865555P', schoolYear: 2027, learners: 10 });
    await importDirect(ctx.deps, s.uai, 'teachers', { teachers: { name: 'sts.xml', bytes: generateSiecleFiles(next).sts } }, { dryRun: false });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2027-2028');
  });
});
