import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestClient, type TestContext } from '../../../test/harness.ts';
import { makeEstablishment } from '../../../test/factories.ts';
import { makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const details = (version: number, extra: Record<string, unknown> = {}) => ({
  version,
  name: 'Lycée professionnel Marcel Pagnol',
  address: '12 avenue de Paris',
  postalCode: '86000',
  town: 'Poitiers',
  phone: '05 49 12 34 56',
  email: 'ce.0861234a@ac-poitiers.fr',
  headName: 'M. Jean Proviseur',
  website: 'www.lycee-pagnol.fr',
  ...extra,
});

describe('Paramètres: the establishment details', () => {
  it('shows the details, the calculation defaults, the version and what is missing', async () => {
    const est = await makeEstablishment(ctx.deps, { name: 'Lycée Sans Adresse' });
    const { client } = await signedIn(ctx, est);
    const res = await client.get('/api/v1/settings');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.establishment).toMatchObject({ uai: est.uai, name: 'Lycée Sans Adresse', email: null });
    expect(body.missing).toEqual(['email']);
    expect(body.settings.mastery).toMatchObject({ method: 'weighted_recent', window: 6, inProgressThreshold: 40, acquiredThreshold: 60 });
    expect(body.settings.ccf).toMatchObject({ readyMasteryPercent: 70, almostReadyMasteryPercent: 50 });
    expect(body.loginUrl).toBe(`${ctx.config.publicUrl}/${est.uai}`);
    expect(body.version).toBe(1);
  });

  it('saves them (« Valider »), normalises the web site, audits the changes', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client, user } = await signedIn(ctx, est);
    const res = await client.put('/api/v1/settings/establishment', details(1));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.establishment).toEqual({
      uai: est.uai,
      name: 'Lycée professionnel Marcel Pagnol',
      address: '12 avenue de Paris',
      postalCode: '86000',
      town: 'Poitiers',
      phone: '05 49 12 34 56',
      email: 'ce.0861234a@ac-poitiers.fr',
      headName: 'M. Jean Proviseur',
      website: 'https://www.lycee-pagnol.fr',
    });
    expect(body.missing).toEqual([]);
    expect(body.version).toBe(2);
    // Empty strings clear optional fields; the UAI is not editable.
    const cleared = await client.put('/api/v1/settings/establishment', details(2, { address: '', phone: '', website: '', uai: '0000000A' }));
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().establishment).toMatchObject({ uai: est.uai, address: null, phone: null, website: null });
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('actor_id', '=', user.id).where('action', '=', 'settings.establishment_updated').execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]!.details!).changes.email).toEqual({ from: null, to: 'ce.0861234a@ac-poitiers.fr' });
  });

  it('validates every field and says which', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    for (const bad of [
      { name: '' },
      { name: '   ' },
      { email: 'pas-une-adresse' },
      { postalCode: '8600' },
      { phone: 'appelez-nous' },
      { website: 'javascript:alert(1)' },
      { website: 'ftp://lycee.fr' },
      { version: 'x' },
    ]) {
      const res = await client.put('/api/v1/settings/establishment', details(1, bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
      expect(res.json().error.details.fields.length).toBeGreaterThan(0);
    }
    expect((await client.get('/api/v1/settings')).json().version).toBe(1);
  });

  it('refuses a stale version with 409 and the current version', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    expect((await client.put('/api/v1/settings/establishment', details(1))).statusCode).toBe(200);
    const stale = await client.put('/api/v1/settings/establishment', details(1, { town: 'Niort' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'common.version_conflict', details: { currentVersion: 2 } });
    expect((await client.get('/api/v1/settings')).json().establishment.town).toBe('Poitiers');
  });
});

describe('Paramètres: the calculation settings', () => {
  it('saves the method and thresholds, keeps unknown keys, shares the version', async () => {
    const est = await makeEstablishment(ctx.deps);
    await ctx.db.updateTable('establishments').set({ settings: JSON.stringify({ futureModule: { on: true } }) }).where('id', '=', est.id).execute();
    const { client } = await signedIn(ctx, est);
    const res = await client.put('/api/v1/settings/calculation', {
      version: 1,
      mastery: { method: 'decaying', window: 8, bestOf: 3, decayLatestPercent: 70, inProgressThreshold: 35, acquiredThreshold: 65, minEvidence: 3 },
      ccf: { readyMasteryPercent: 80, almostReadyMasteryPercent: 60, minEvidence: 5 },
      retentionDaysAfterLeaving: 365,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.mastery).toMatchObject({ method: 'decaying', window: 8, inProgressThreshold: 35, acquiredThreshold: 65 });
    expect(res.json().settings.retentionDaysAfterLeaving).toBe(365);
    expect(res.json().version).toBe(2);
    const row = await ctx.db.selectFrom('establishments').select('settings').where('id', '=', est.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings)).toMatchObject({ futureModule: { on: true }, mastery: { method: 'decaying' } });
    // Details saved with the version read before the calculation save are stale.
    expect((await client.put('/api/v1/settings/establishment', details(1))).statusCode).toBe(409);
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('establishment_id', '=', est.id).where('action', '=', 'settings.calculation_updated').execute();
    expect(audit).toHaveLength(1);
  });

  it('fills in defaults for omitted values and refuses inconsistent or out-of-range thresholds', async () => {
    const est = await makeEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const partial = await client.put('/api/v1/settings/calculation', { version: 1, mastery: { method: 'mean' } });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().settings.mastery).toMatchObject({ method: 'mean', window: 6, acquiredThreshold: 60 });

    const order = await client.put('/api/v1/settings/calculation', { version: 2, mastery: { inProgressThreshold: 70, acquiredThreshold: 60 } });
    expect(order.statusCode).toBe(400);
    expect(order.json().error.code).toBe('settings.mastery_thresholds_order');
    expect(order.json().error.message).toMatch(/seuil « acquis »/);
    const ccf = await client.put('/api/v1/settings/calculation', { version: 2, ccf: { readyMasteryPercent: 40, almostReadyMasteryPercent: 50 } });
    expect(ccf.json().error.code).toBe('settings.ccf_thresholds_order');
    for (const bad of [{ mastery: { method: 'magic' } }, { mastery: { acquiredThreshold: 101 } }, { mastery: { window: 0 } }, { retentionDaysAfterLeaving: 5 }]) {
      const res = await client.put('/api/v1/settings/calculation', { version: 2, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error.code).toBe('common.validation');
    }
  });
});

describe('Paramètres: who may', () => {
  it('is for administrators only (401, then 403 for the other profiles)', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    expect((await new TestClient(ctx.app).get('/api/v1/settings')).statusCode).toBe(401);
    for (const profile of ['teacher', 'learner', 'parent'] as const) {
      const { client } = await signedIn(ctx, est, [profile]);
      for (const res of [
        await client.get('/api/v1/settings'),
        await client.put('/api/v1/settings/establishment', details(1)),
        await client.put('/api/v1/settings/calculation', { version: 1 }),
      ]) {
        expect(res.statusCode, profile).toBe(403);
        expect(res.json().error.code).toBe('common.forbidden');
      }
    }
    // A teacher who also administers may.
    const { client } = await signedIn(ctx, est, ['teacher', 'administrator']);
    expect((await client.get('/api/v1/settings')).statusCode).toBe(200);
  });

  it("never shows or changes another establishment's settings", async () => {
    const a = await makeReadyEstablishment(ctx.deps, 'Lycée A');
    const b = await makeReadyEstablishment(ctx.deps, 'Lycée B');
    const { client } = await signedIn(ctx, b);
    expect((await client.get('/api/v1/settings')).json().establishment.name).toBe('Lycée B');
    expect((await client.put('/api/v1/settings/establishment', details(1, { name: 'Piraté' }))).statusCode).toBe(200);
    const rowA = await ctx.db.selectFrom('establishments').select(['name', 'version']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(rowA).toEqual({ name: 'Lycée A', version: 1 });
  });
});
