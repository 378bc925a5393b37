import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { makeUser } from '../../../test/factories.ts';
import { makeReadyEstablishment, signedIn } from '../users/users.fixtures.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const cas = (label: string, extra: Record<string, unknown> = {}) => ({
  kind: 'cas',
  label,
  enabled: true,
  profiles: ['learner'],
  settings: { serverUrl: 'https://cas.e-lyco.fr', ...extra },
});

describe('Paramètres → « Connexion ENT / ÉduConnect »', () => {
  it('creates, edits with a version, lists publicly only enabled providers, and deletes with the links', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const created = await client.post('/api/v1/sso/providers', cas("l'ENT", { preset: 'kosmos_elyco' }));
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      kind: 'cas',
      label: "l'ENT",
      enabled: true,
      version: 1,
      serviceUrl: `http://localhost:3000/api/v1/auth/sso/${est.uai}/${p.id}/cas/callback`,
      loginUrl: `http://localhost:3000/api/v1/auth/sso/${est.uai}/${p.id}/cas/login`,
      spMetadataUrl: null,
      settings: { serverUrl: 'https://cas.e-lyco.fr', validatePath: '/p3/serviceValidate', loginPath: '/login', logoutUrl: null, preset: 'kosmos_elyco' },
    });
    const settings = (await client.get('/api/v1/sso/settings')).json();
    expect(settings.providers.map((x: { id: string }) => x.id)).toEqual([p.id]);
    expect(settings.casPresets[0]).toMatchObject({ id: 'manuel', serverUrl: null });
    expect(settings.casPresets.length).toBeGreaterThanOrEqual(4);

    const pub = await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${est.uai}/providers` });
    expect(pub.json()).toEqual({ providers: [{ id: p.id, kind: 'cas', label: "l'ENT", loginUrl: `/api/v1/auth/sso/${est.uai}/${p.id}/cas/login` }] });

    const edit = await client.put(`/api/v1/sso/providers/${p.id}`, { ...cas("l'ENT", { preset: 'kosmos_elyco' }), enabled: false, version: 1 });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ enabled: false, version: 2 });
    const stale = await client.put(`/api/v1/sso/providers/${p.id}`, { ...cas('Autre'), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'sso.version_conflict', details: { currentVersion: 2 } });
    const kind = await client.put(`/api/v1/sso/providers/${p.id}`, { kind: 'oidc', label: 'x', enabled: true, profiles: ['teacher'], settings: { issuer: 'https://fim.example', clientId: 'c' }, version: 2 });
    expect(kind.json().error.code).toBe('sso.kind_unchanged');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${est.uai}/providers` })).json()).toEqual({ providers: [] });
    // A disabled provider's login route is closed.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${est.uai}/${p.id}/cas/login` })).statusCode).toBe(404);

    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    expect((await client.post(`/api/v1/sso/users/${learner.id}/identities`, { providerId: p.id, subject: 'x1' })).statusCode).toBe(201);
    expect((await client.delete(`/api/v1/sso/providers/${p.id}`)).statusCode).toBe(204);
    expect(await ctx.db.selectFrom('external_identities').selectAll().where('user_id', '=', learner.id).execute()).toEqual([]);
    const actions = (await ctx.db.selectFrom('audit_log').select('action').where('establishment_id', '=', est.id).where('action', 'like', 'sso.%').orderBy('at').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['sso.provider_created', 'sso.provider_updated', 'sso.linked', 'sso.provider_deleted']);
  });

  it('refuses plain HTTP servers other than the loopback, and never sends an OIDC client secret back', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client } = await signedIn(ctx, est);
    const http = await client.post('/api/v1/sso/providers', { ...cas('ENT'), settings: { serverUrl: 'http://cas.ent.example' } });
    expect(http.statusCode).toBe(400);
    expect(http.json().error.code).toBe('common.validation');
    expect((await client.post('/api/v1/sso/providers', { ...cas('ENT'), settings: { serverUrl: 'http://127.0.0.1:9/cas' } })).statusCode).toBe(201);
    const oidc = await client.post('/api/v1/sso/providers', { kind: 'oidc', label: 'Guichet agents', enabled: true, profiles: ['teacher'], settings: { issuer: 'https://fim.ac-test.fr', clientId: 'cerise', clientSecret: 'tres-secret' } });
    expect(oidc.statusCode).toBe(201);
    expect(oidc.json().settings).toMatchObject({ clientSecretSet: true });
    expect(JSON.stringify(oidc.json())).not.toContain('tres-secret');
    // An edit without the secret keeps it.
    const edit = await client.put(`/api/v1/sso/providers/${oidc.json().id}`, { kind: 'oidc', label: 'Guichet', enabled: true, profiles: ['teacher'], settings: { issuer: 'https://fim.ac-test.fr', clientId: 'cerise' }, version: 1 });
    expect(edit.json().settings.clientSecretSet).toBe(true);
    const row = await ctx.db.selectFrom('sso_providers').select('settings').where('id', '=', oidc.json().id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.settings).clientSecret).toBe('tres-secret');
  });
});

describe('Identifiants ENT on a user’s page', () => {
  it('links by hand, copies the login, refuses an identifier taken by another account, unlinks, and audits each', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const { client, user: admin } = await signedIn(ctx, est);
    const p = (await client.post('/api/v1/sso/providers', cas('ENT'))).json();
    const a = await makeUser(ctx.deps, est.id, { profiles: ['learner'], login: 'lea.durand' });
    const b = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    const linked = await client.post(`/api/v1/sso/users/${a.id}/identities`, { providerId: p.id, subject: ' 12345 ' });
    expect(linked.statusCode).toBe(201);
    expect(linked.json().identities).toMatchObject([{ providerId: p.id, providerLabel: 'ENT', providerKind: 'cas', subject: '12345', rule: 'admin', linkedBy: { id: admin.id } }]);
    const taken = await client.post(`/api/v1/sso/users/${b.id}/identities`, { providerId: p.id, subject: '12345' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('sso.identity_taken');
    expect((await client.post(`/api/v1/sso/users/${a.id}/identities`, { providerId: p.id, subject: '12345' })).json().error.code).toBe('sso.identity_exists');
    const copied = await client.post(`/api/v1/sso/users/${b.id}/identities/copy-login`, { providerId: p.id });
    expect(copied.json().identities).toMatchObject([{ subject: b.login, rule: 'copy_login' }]);
    const id = linked.json().identities[0].id;
    // Another user's link through this user's address: not found.
    expect((await client.delete(`/api/v1/sso/users/${b.id}/identities/${id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/v1/sso/users/${a.id}/identities/${id}`)).statusCode).toBe(204);
    expect((await client.get(`/api/v1/sso/users/${a.id}/identities`)).json()).toEqual({ identities: [] });
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'details', 'target_id']).where('establishment_id', '=', est.id).where('action', 'in', ['sso.linked', 'sso.unlinked']).orderBy('at').orderBy('id').execute();
    expect(audit.map((r) => [r.action, r.target_id, JSON.parse(r.details!).subject])).toEqual([
      ['sso.linked', a.id, '12345'],
      ['sso.linked', b.id, b.login],
      ['sso.unlinked', a.id, '12345'],
    ]);
  });
});
