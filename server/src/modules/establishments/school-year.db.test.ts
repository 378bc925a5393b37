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
  it('is the establishment\'s own year: imports of another year go into that year without switching the screens', async () => {
    const est = await makeEstablishment(ctx.deps, { uai: '0865555P' });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2026-2027');
    const admin = await clientFor(ctx, await makeUser(ctx.deps, est.id, { profiles: ['administrator'] }));
    // Next year's files, imported early (June): stored under 2027-2028, the screens stay on 2026-2027.
    const next = makeSchool({ uai: '0865555P', schoolYear: 2027, learners: 10 });
    await importDirect(ctx.deps, next.uai, 'teachers', { teachers: { name: 'sts.xml', bytes: generateSiecleFiles(next).sts } }, { dryRun: false });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2026-2027');
    const res = await admin.get('/api/v1/divisions');
    expect(res.json().schoolYear).toBe('2026-2027');
    expect(res.json().divisions).toEqual([]);
    const stored = await ctx.db.selectFrom('divisions').select('school_year').where('establishment_id', '=', est.id).execute();
    expect(new Set(stored.map((d) => d.school_year))).toEqual(new Set(['2027-2028']));
  });

  it('falls back to the latest year with classes for an establishment that has no year stored', async () => {
    const est = await makeEstablishment(ctx.deps, { uai: '0865556P' });
    await ctx.db.updateTable('establishments').set({ school_year: null }).where('id', '=', est.id).execute();
    const s = makeSchool({ uai: '0865556P', schoolYear: 2024, learners: 10 });
    await importDirect(ctx.deps, s.uai, 'teachers', { teachers: { name: 'sts.xml', bytes: generateSiecleFiles(s).sts } }, { dryRun: false });
    expect(await activeSchoolYear(ctx.db, est.id, ctx.deps.now())).toBe('2024-2025');
  });
});
