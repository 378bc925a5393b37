import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../test/harness.ts';
import { makeUser } from '../../../../test/factories.ts';
import { BrowserJar } from '../../../../test/sso/browser-jar.ts';
import { startCasServer, type CasPerson, type TestCasServer } from '../../../../test/sso/cas-server.ts';
import { addGuardian, makeReadyEstablishment, signedIn } from '../../users/users.fixtures.ts';
import { CAS_USER_AGENT } from './cas.client.ts';

let ctx: TestContext;
let cas: TestCasServer;
beforeAll(async () => {
  ctx = await createTestApp();
  cas = await startCasServer();
});
afterAll(async () => {
  await cas.close();
  await ctx.close();
});

type Est = { id: string; uai: string };

async function casProvider(est: Est, p: { profiles?: string[]; label?: string; serverUrl?: string } = {}) {
  const { client } = await signedIn(ctx, est);
  const res = await client.post('/api/v1/sso/providers', {
    kind: 'cas',
    label: p.label ?? 'ENT de la région',
    enabled: true,
    profiles: p.profiles ?? ['learner', 'parent', 'teacher'],
    settings: { serverUrl: p.serverUrl ?? cas.url, logoutUrl: `${cas.url}/logout` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; serviceUrl: string; loginUrl: string };
}

/** A whole CAS login in one browser: the button, the CAS server, the callback. */
async function casLogin(est: Est, providerId: string, person: CasPerson, jar = new BrowserJar(ctx)) {
  cas.nextLogin(person);
  const result = await jar.follow(`/api/v1/auth/sso/${est.uai}/${providerId}/cas/login`);
  return { jar, ...result };
}

async function auditOf(estId: string, action: string) {
  const rows = await ctx.db.selectFrom('audit_log').selectAll().where('establishment_id', '=', estId).where('action', '=', action).orderBy('at').orderBy('id').execute();
  return rows.map((r) => ({ ...r, details: r.details ? JSON.parse(r.details) : null }));
}

describe('CAS login through the test CAS server', () => {
  it('signs a learner in by ELEVE_ID (CAS 3 multi-valued attributes), links the identity, and round-trips the exact service URL', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:70001', last_name: 'Durand', first_name: 'Léa', must_change_password: 1 });
    const provider = await casProvider(est);
    expect(provider.serviceUrl).toBe(`http://localhost:3000/api/v1/auth/sso/${est.uai}/${provider.id}/cas/callback`);
    const before = cas.validations.length;

    const { jar, location, trail } = await casLogin(est, provider.id, {
      user: 'lea.durand42',
      attributes: { ENTEleveStructRattachId: ['70001'], ENTPersonStructRattachRNE: [est.uai.toLowerCase()], ENTEleveClasses: ['2GA1', '2GA-AP'] },
    });
    expect(location).toBe(`/${est.uai}/accueil`);
    expect(trail[1]).toBe(`${cas.url}/login?service=${encodeURIComponent(provider.serviceUrl)}`);
    // The exact service URL: the one given at login is the one validated, and it is the provider's.
    const validation = cas.validations[before]!;
    expect(cas.logins.at(-1)).toBe(provider.serviceUrl);
    expect(validation).toMatchObject({ service: provider.serviceUrl, answer: 'success', userAgent: CAS_USER_AGENT });
    expect(cas.validations.length).toBe(before + 1);

    const me = await jar.inject('GET', '/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    // An SSO session never forces a local password change.
    expect(me.json()).toMatchObject({ user: { id: learner.id, profiles: ['learner'], mustChangePassword: false } });
    const links = await ctx.db.selectFrom('external_identities').selectAll().where('user_id', '=', learner.id).execute();
    expect(links).toMatchObject([{ provider_id: provider.id, subject: 'lea.durand42', rule: 'eleve_id', linked_by_user_id: null }]);
    const logins = await auditOf(est.id, 'sso.login');
    expect(logins.at(-1)).toMatchObject({ actor_id: learner.id, details: { provider: 'ENT de la région', subject: 'lea.durand42', rule: 'eleve_id' } });

    // The next login goes through the link, whatever the attributes.
    const again = await casLogin(est, provider.id, { user: 'lea.durand42' });
    expect(again.location).toBe(`/${est.uai}/accueil`);
    expect((await auditOf(est.id, 'sso.login')).at(-1)!.details.rule).toBe('existing');
    // The IdP's logout URL is offered after logout.
    const info = await again.jar.inject('GET', '/api/v1/auth/sso/logout-info');
    expect(info.json()).toEqual({ logoutUrl: `${cas.url}/logout`, providerLabel: 'ENT de la région' });
  });

  it('reads Jasig-style attributes (INE) and values joined by « ; » (UAIs, every value checked)', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], national_id: '123456789AB' });
    const teacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'], external_id: 'sts:4242' });
    const provider = await casProvider(est);
    const jasig = await casLogin(est, provider.id, { user: 'u-jasig', style: 'jasig', attributes: { ENTEleveINE: ['123456789ab'], ENTPersonStructRattachRNE: [est.uai] } });
    expect(jasig.location).toBe(`/${est.uai}/accueil`);
    expect((await jasig.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(learner.id);

    // AAF join key `ACADEMIE$id` of a teacher, UAIs joined by `;` with the route's one among them.
    const joined = await casLogin(est, provider.id, {
      user: 'u-joined',
      style: 'joined',
      attributes: { ENTPersonJointure: ['AC-POITIERS$4242'], ENTPersonStructRattachRNE: ['0860000Z', est.uai] },
    });
    expect(joined.location).toBe(`/${est.uai}/accueil`);
    expect((await joined.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(teacher.id);
  });

  it('reads attributes released straight under authenticationSuccess (older CAS 2 servers)', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:555' });
    const provider = await casProvider(est);
    const flat = await casLogin(est, provider.id, { user: 'u-flat', style: 'flat', attributes: { TSSCONETID: ['555'] } });
    expect((await flat.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(learner.id);
  });

  it('refuses an unknown identity with the identifier to give the administrator, who links it by hand', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], last_name: 'Martin', first_name: 'Noé' });
    const provider = await casProvider(est);
    const refused = await casLogin(est, provider.id, { user: 'inconnu.42', attributes: { nom: ['Martin'] } });
    expect(refused.location).toBe(`/${est.uai}/connexion-ent`);
    expect(refused.jar.cookies.has('cerise_sid')).toBe(false);
    const page = await refused.jar.inject('GET', '/api/v1/auth/sso/choose');
    expect(page.json()).toEqual({
      kind: 'refusal',
      uai: est.uai,
      providerLabel: 'ENT de la région',
      subject: 'inconnu.42',
      reason: 'unknown',
      reasonMessage: 'Aucun compte de cet établissement ne correspond à cet identifiant.',
      logoutUrl: `${cas.url}/logout`,
    });
    expect((await auditOf(est.id, 'sso.refused')).at(-1)).toMatchObject({ actor_id: null, details: { subject: 'inconnu.42', reason: 'unknown', provider: 'ENT de la région' } });

    const { client } = await signedIn(ctx, est);
    expect((await client.post(`/api/v1/sso/users/${learner.id}/identities`, { providerId: provider.id, subject: 'inconnu.42' })).statusCode).toBe(201);
    const linked = await casLogin(est, provider.id, { user: 'inconnu.42' });
    expect(linked.location).toBe(`/${est.uai}/accueil`);
    expect((await linked.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(learner.id);
  });

  it('refuses a wrong UAI, a hidden account, a learner who left, and a profile the provider does not serve', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:1' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:2', hidden_at: '2026-10-01T00:00:00.000Z' });
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:3', left_at: '2026-11-01T00:00:00.000Z' });
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], external_id: 'sts:9' });
    const provider = await casProvider(est, { profiles: ['learner'] });
    const reasons: string[] = [];
    const people: CasPerson[] = [
      { user: 'a', attributes: { ENTEleveStructRattachId: ['1'], ENTPersonStructRattachRNE: ['0000000A'] } },
      { user: 'b', attributes: { ENTEleveStructRattachId: ['2'] } },
      { user: 'c', attributes: { ENTEleveStructRattachId: ['3'] } },
      { user: 'd', attributes: { ENTPersonJointure: ['AC-X$9'] } },
    ];
    for (const person of people) {
      const r = await casLogin(est, provider.id, person);
      expect(r.location).toBe(`/${est.uai}/connexion-ent`);
      reasons.push((await r.jar.inject('GET', '/api/v1/auth/sso/choose')).json().reason);
    }
    expect(reasons).toEqual(['wrong_uai', 'inactive', 'inactive', 'profile']);
  });

  it('refuses INVALID_SERVICE, a replayed ticket (INVALID_TICKET), and a callback this browser did not start', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:77' });
    const provider = await casProvider(est);
    const person = { user: 'x', attributes: { ENTEleveStructRattachId: ['77'] } };
    const callback = `/api/v1/auth/sso/${est.uai}/${provider.id}/cas/callback`;
    const reasonOf = async (jar: BrowserJar) => (await jar.inject('GET', '/api/v1/auth/sso/choose')).json();

    // A ticket issued for another service.
    const jar1 = new BrowserJar(ctx);
    await jar1.inject('GET', `/api/v1/auth/sso/${est.uai}/${provider.id}/cas/login`);
    const foreign = cas.issueTicket('https://autre-service.example/retour', person);
    const r1 = await jar1.inject('GET', `${callback}?ticket=${foreign}`);
    expect(r1.headers.location).toBe(`/${est.uai}/connexion-ent`);
    expect(cas.validations.at(-1)!.answer).toBe('INVALID_SERVICE');
    expect(await reasonOf(jar1)).toMatchObject({ reason: 'protocol', reasonMessage: expect.stringContaining('adresse de retour') });

    // A ticket used once already.
    const ok = await casLogin(est, provider.id, person);
    expect(ok.location).toBe(`/${est.uai}/accueil`);
    const used = new URL(ok.trail.find((u) => u.includes('ticket='))!, 'http://localhost:3000').searchParams.get('ticket')!;
    const jar2 = new BrowserJar(ctx);
    await jar2.inject('GET', `/api/v1/auth/sso/${est.uai}/${provider.id}/cas/login`);
    await jar2.inject('GET', `${callback}?ticket=${encodeURIComponent(used)}`);
    expect(cas.validations.at(-1)!.answer).toBe('INVALID_TICKET');
    expect(await reasonOf(jar2)).toMatchObject({ reason: 'protocol' });
    expect(jar2.cookies.has('cerise_sid')).toBe(false);

    // A callback without the state of a login started in this browser (login CSRF): no validation at all.
    const count = cas.validations.length;
    const jar3 = new BrowserJar(ctx);
    await jar3.inject('GET', `${callback}?ticket=${cas.issueTicket(provider.serviceUrl, person)}`);
    expect(cas.validations.length).toBe(count);
    expect(await reasonOf(jar3)).toMatchObject({ reason: 'protocol', reasonMessage: expect.stringContaining('expiré ou a déjà servi') });
    const details = (await auditOf(est.id, 'sso.refused')).map((a) => a.details.detail);
    expect(details).toEqual(['INVALID_SERVICE', 'INVALID_TICKET', 'state_invalid']);
  });

  it('signs a parent in by vector (child ELEVE_ID + UAI + accent-folded names) and lets a parent of two establishments choose', async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const b = await makeReadyEstablishment(ctx.deps);
    const childA = await makeUser(ctx.deps, a.id, { profiles: ['learner'], external_id: 'eleve:100' });
    const childB = await makeUser(ctx.deps, b.id, { profiles: ['learner'], external_id: 'eleve:200' });
    const parentA = await makeUser(ctx.deps, a.id, { profiles: ['parent'], external_id: 'resp:1', last_name: 'Lefèvre', first_name: 'Hélène' });
    const parentB = await makeUser(ctx.deps, b.id, { profiles: ['parent'], external_id: 'resp:7', last_name: 'LEFEVRE', first_name: 'Helene' });
    // A homonym in A, guardian of another child: not matched.
    const other = await makeUser(ctx.deps, a.id, { profiles: ['learner'], external_id: 'eleve:101' });
    const homonym = await makeUser(ctx.deps, a.id, { profiles: ['parent'], last_name: 'Lefèvre', first_name: 'Hélène' });
    await addGuardian(ctx.deps, a.id, parentA.id, childA.id);
    await addGuardian(ctx.deps, b.id, parentB.id, childB.id);
    await addGuardian(ctx.deps, a.id, homonym.id, other.id);
    const pa = await casProvider(a, { profiles: ['parent'], label: 'ENT A' });
    // One vector only: the parent of A signs in straight away.
    const single = await casLogin(a, pa.id, { user: 'helene.l', attributes: { FrEduVecteur: [`1|LEFEVRE|Hélène|100|${a.uai}`] } });
    expect(single.location).toBe(`/${a.uai}/accueil`);
    expect((await single.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(parentA.id);

    // B configures the same CAS server: a parent with vectors in both chooses.
    await casProvider(b, { profiles: ['parent'], label: 'ENT B' });
    const both = await casLogin(a, pa.id, {
      user: 'helene.2',
      attributes: { FrEduVecteur: [`2|Lefevre|Helene|100|${a.uai.toLowerCase()}`, `2|LEFÈVRE|HÉLÈNE|200|${b.uai}`] },
    });
    expect(both.location).toBe(`/${a.uai}/connexion-ent`);
    const choice = (await both.jar.inject('GET', '/api/v1/auth/sso/choose')).json();
    expect(choice.kind).toBe('choice');
    expect(choice.candidates.map((c: { uai: string }) => c.uai).sort()).toEqual([a.uai, b.uai].sort());
    const inB = choice.candidates.find((c: { uai: string }) => c.uai === b.uai);
    const chosen = await both.jar.inject('POST', '/api/v1/auth/sso/choose', { candidateId: inB.id });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toEqual({ uai: b.uai });
    expect((await both.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(parentB.id);
    // The choice is used once.
    expect((await both.jar.inject('POST', '/api/v1/auth/sso/choose', { candidateId: inB.id })).statusCode).toBe(404);
    const linkB = await ctx.db.selectFrom('external_identities').selectAll().where('user_id', '=', parentB.id).execute();
    expect(linkB).toMatchObject([{ subject: 'helene.2', rule: 'parent_vector', establishment_id: b.id }]);
  });

  it('refuses a local password for a profile whose local login is off, never for administrators', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    const teacher = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
    const { client, user: admin } = await signedIn(ctx, est);
    const settings = (await client.get('/api/v1/sso/settings')).json();
    const put = await client.put('/api/v1/sso/local-login', { disabledProfiles: ['learner'], version: settings.localLoginVersion });
    expect(put.statusCode).toBe(200);
    expect(put.json().localLoginDisabledProfiles).toEqual(['learner']);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost:3000' }, payload: { uai: est.uai, login: learner.login, password: 'mot-de-passe-test' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toEqual({ code: 'sso.local_login_disabled', message: expect.stringContaining('ENT') });
    const teacherRes = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost:3000' }, payload: { uai: est.uai, login: teacher.login, password: 'mot-de-passe-test' } });
    expect(teacherRes.statusCode).toBe(200);
    const adminRes = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'http://localhost:3000' }, payload: { uai: est.uai, login: admin.login, password: 'mot-de-passe-test' } });
    expect(adminRes.statusCode).toBe(200);
    // Administrators cannot be switched off, and a stale version is a 409.
    expect((await client.put('/api/v1/sso/local-login', { disabledProfiles: ['administrator'], version: settings.localLoginVersion + 1 })).statusCode).toBe(400);
    const stale = await client.put('/api/v1/sso/local-login', { disabledProfiles: [], version: settings.localLoginVersion });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('sso.settings_conflict');
  });
});
