import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsResponse } from '@cerise/common';
import { createTestApp, testEngine, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { importDirect } from '../siecle/siecle.usecases.ts';
import { generateSiecleFiles, makeSchool } from '../siecle/synthetic/generate.ts';
import { signedIn } from '../users/users.fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const importTeachers = (uai: string, year: number) => {
  const s = makeSchool({ uai, schoolYear: year, learners: 5 });
  return importDirect(ctx.deps, uai, 'teachers', { teachers: { name: `sts_${year}.xml`, bytes: generateSiecleFiles(s).sts } }, { dryRun: false });
};

describe(`Paramètres: the school year (${testEngine})`, () => {
  it('shows the current year, switches to the next one (audited, versioned), and imports of another year never switch it', async () => {
    const est = await makeEstablishment(ctx.deps, { uai: '0867777R' });
    const { client } = await signedIn(ctx, est);
    let settings = (await client.get('/api/v1/settings')).json<SettingsResponse>();
    expect(settings.schoolYear).toEqual({ current: '2026-2027', next: '2027-2028', nextYearClasses: 0 });

    // June: next year's files go into 2027-2028, with the warning; the screens stay on 2026-2027.
    const early = await importTeachers(est.uai, 2027);
    expect(early.warnings.map((w) => w.code)).toContain('siecle.other_school_year');
    settings = (await client.get('/api/v1/settings')).json<SettingsResponse>();
    expect(settings.schoolYear.current).toBe('2026-2027');
    expect(settings.schoolYear.nextYearClasses).toBeGreaterThan(0);
    expect((await client.get('/api/v1/divisions')).json().schoolYear).toBe('2026-2027');

    // A stale version or a year that is not the next one is refused, and changes nothing.
    const stale = await client.post('/api/v1/settings/school-year', { version: settings.version - 1 || 99, schoolYear: '2027-2028' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('common.version_conflict');
    const skip = await client.post('/api/v1/settings/school-year', { version: settings.version, schoolYear: '2028-2029' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error).toMatchObject({ code: 'settings.school_year_not_next', details: { current: '2026-2027', next: '2027-2028' } });
    expect((await client.get('/api/v1/settings')).json<SettingsResponse>().schoolYear.current).toBe('2026-2027');

    // « Passer à l'année 2027-2028 »: the screens now show the classes imported for it.
    const switched = await client.post('/api/v1/settings/school-year', { version: settings.version, schoolYear: '2027-2028' });
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json<SettingsResponse>()).toMatchObject({ version: settings.version + 1, schoolYear: { current: '2027-2028', next: '2028-2029', nextYearClasses: 0 } });
    const divisions = (await client.get('/api/v1/divisions')).json();
    expect(divisions.schoolYear).toBe('2027-2028');
    expect(divisions.divisions.length).toBeGreaterThan(0);
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('establishment_id', '=', est.id).where('action', '=', 'settings.school_year_changed').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details as string)).toEqual({ from: '2026-2027', to: '2027-2028' });

    // The same click again (a second tab) is a conflict, not a second switch.
    const again = await client.post('/api/v1/settings/school-year', { version: settings.version, schoolYear: '2027-2028' });
    expect(again.statusCode).toBe(409);

    // A late import of the former year goes into it, with the warning, and does not switch back.
    const late = await importTeachers(est.uai, 2026);
    expect(late.warnings.find((w) => w.code === 'siecle.other_school_year')?.message).toContain("l'année en cours est 2027-2028");
    expect((await client.get('/api/v1/settings')).json<SettingsResponse>().schoolYear.current).toBe('2027-2028');
    const current = await importTeachers(est.uai, 2027);
    expect(current.warnings.map((w) => w.code)).not.toContain('siecle.other_school_year');
  });

  it('is for administrators only', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est, ['teacher']);
    const res = await client.post('/api/v1/settings/school-year', { version: 1, schoolYear: '2027-2028' });
    expect(res.statusCode).toBe(403);
  });
});
