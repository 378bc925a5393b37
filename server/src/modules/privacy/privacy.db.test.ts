import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { purgeDeparted } from './privacy.usecases.ts';

let ctx: TestContext;
let est: { id: string; uai: string };
let admin: TestClient;
beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeEstablishment(ctx.deps);
  const a = await makeUser(ctx.deps, est.id, { profiles: ['administrator'] });
  admin = new TestClient(ctx.app);
  await admin.login(est.uai, a.login, DEFAULT_PASSWORD);
});
afterAll(() => ctx.close());

describe('RGPD export of one person', () => {
  it('gives the administrator a ZIP of everything held, without secrets, and audits it', async () => {
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], birth_date: '2009-02-03', email: 'eleve@example.org', source: 'siecle', external_id: 'eleve:1' });
    const res = await admin.request({ method: 'GET', url: `/api/v1/privacy/users/${learner.id}/export` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain(`donnees-${learner.login}.zip`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const data = JSON.parse(strFromU8(files['donnees.json']!));
    expect(data.account).toMatchObject({ login: learner.login, birthDate: '2009-02-03', email: 'eleve@example.org', profiles: ['learner'], siecleId: 'eleve:1' });
    expect(JSON.stringify(data)).not.toMatch(/argon2|password_hash|initial_secret/);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', learner.id).execute();
    expect(audit.map((a) => a.action)).toContain('privacy.export');
  });

  it('is refused to other profiles and hidden from other establishments', async () => {
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    const teacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
    const t = new TestClient(ctx.app);
    await t.login(est.uai, teacher.login, DEFAULT_PASSWORD);
    expect((await t.get(`/api/v1/privacy/users/${learner.id}/export`)).statusCode).toBe(403);
    const other = await makeEstablishment(ctx.deps);
    const otherAdmin = await makeUser(ctx.deps, other.id, { profiles: ['administrator'] });
    const o = new TestClient(ctx.app);
    await o.login(other.uai, otherAdmin.login, DEFAULT_PASSWORD);
    expect((await o.get(`/api/v1/privacy/users/${learner.id}/export`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/privacy/users/pas-un-id/export')).statusCode).toBe(400);
  });
});

describe('retention of people who left', () => {
  it('keeps everyone by default, and deletes only those gone longer than the setting', async () => {
    const e = await makeEstablishment(ctx.deps);
    const old = await makeUser(ctx.deps, e.id, { profiles: ['learner'], source: 'siecle', hidden_at: '2025-01-01T00:00:00.000Z', left_at: '2025-01-01T00:00:00.000Z' });
    const recent = await makeUser(ctx.deps, e.id, { profiles: ['learner'], source: 'siecle', hidden_at: '2026-11-01T00:00:00.000Z', left_at: '2026-11-01T00:00:00.000Z' });
    const present = await makeUser(ctx.deps, e.id, { profiles: ['learner'], source: 'siecle' });
    expect((await purgeDeparted(ctx.deps, { dryRun: false })).find((r) => r.uai === e.uai)).toBeUndefined();
    await ctx.db.updateTable('establishments').set({ settings: JSON.stringify({ retentionDaysAfterLeaving: 365 }) }).where('id', '=', e.id).execute();
    const dry = await purgeDeparted(ctx.deps, { dryRun: true });
    expect(dry.find((r) => r.uai === e.uai)?.logins).toEqual([old.login]);
    await purgeDeparted(ctx.deps, { dryRun: false });
    const left = (await ctx.db.selectFrom('users').select('id').where('establishment_id', '=', e.id).execute()).map((r) => r.id).sort();
    expect(left).toEqual([recent.id, present.id].sort());
  });
});
