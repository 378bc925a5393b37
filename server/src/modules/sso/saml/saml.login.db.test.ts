import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestContext } from '../../../../test/harness.ts';
import { makeUser } from '../../../../test/factories.ts';
import { BrowserJar } from '../../../../test/sso/browser-jar.ts';
import { buildSamlResponse, idpMetadataXml, requestIdFromLoginUrl, TEST_IDP_ENTITY_ID, TEST_KEYS, type ResponseOptions } from '../../../../test/sso/saml-idp.ts';
import { addGuardian, makeReadyEstablishment, signedIn } from '../../users/users.fixtures.ts';
import { EDUCONNECT_OID } from '../federation.attributes.ts';
import { parseIdpMetadata } from './saml.metadata.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

type Est = { id: string; uai: string };
const idp = parseIdpMetadata(idpMetadataXml());

async function samlProvider(est: Est, p: { profiles?: string[]; label?: string } = {}) {
  const { client } = await signedIn(ctx, est);
  const res = await client.post('/api/v1/sso/providers', {
    kind: 'saml',
    label: p.label ?? 'ÉduConnect',
    enabled: true,
    profiles: p.profiles ?? ['learner', 'parent'],
    settings: { idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, idpCerts: [TEST_KEYS.idpCert], logoutUrl: 'https://idp.test.invalid/logout' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; loginUrl: string; spMetadataUrl: string };
}

const base = (est: Est, pid: string) => `/api/v1/auth/sso/${est.uai}/${pid}/saml`;

/** The IdP posts the response to the ACS from its own origin, with the browser's cookies. */
async function postAcs(jar: BrowserJar, est: Est, pid: string, samlResponse: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `${base(est, pid)}/acs`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://idp.test.invalid', cookie: [...jar.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    payload: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: '' }).toString(),
  });
  for (const c of res.cookies) {
    if (c.value === '' || c.maxAge === 0) jar.cookies.delete(c.name);
    else jar.cookies.set(c.name, c.value);
  }
  return res;
}

/** A whole SAML login: the button, the IdP (its response built by the test IdP), the ACS. */
async function samlLogin(est: Est, pid: string, opts: Partial<ResponseOptions>, jar = new BrowserJar(ctx)) {
  const start = await jar.follow(`${base(est, pid)}/login`);
  expect(start.location.startsWith(idp.ssoUrl)).toBe(true);
  const requestId = await requestIdFromLoginUrl(start.location);
  const spEntityId = `${TEST_ORIGIN}${base(est, pid)}/metadata`;
  const response = await buildSamlResponse({ spEntityId, acsUrl: `${TEST_ORIGIN}${base(est, pid)}/acs`, inResponseTo: requestId, signResponse: true, ...opts });
  const res = await postAcs(jar, est, pid, response);
  return { jar, res, response, location: res.headers.location as string };
}

const auditOf = async (estId: string, action: string) =>
  (await ctx.db.selectFrom('audit_log').selectAll().where('establishment_id', '=', estId).where('action', '=', action).orderBy('at').orderBy('id').execute()).map((r) => ({ ...r, details: r.details ? JSON.parse(r.details) : null }));

describe('SAML login through the test IdP', () => {
  it('publishes the SP metadata: entityID = its own URL, the POST ACS, an encryption certificate made for this provider', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const p = await samlProvider(est);
    const res = await ctx.app.inject({ method: 'GET', url: `${base(est, p.id)}/metadata` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    expect(p.spMetadataUrl).toBe(`${TEST_ORIGIN}${base(est, p.id)}/metadata`);
    expect(res.body).toContain(`entityID="${p.spMetadataUrl}"`);
    expect(res.body).toContain(`Location="${TEST_ORIGIN}${base(est, p.id)}/acs"`);
    expect(res.body).toContain('use="encryption"');
    // The same key pair every time (the IdP registered it).
    const again = await ctx.app.inject({ method: 'GET', url: `${base(est, p.id)}/metadata` });
    const certs = (xml: string) => [...xml.matchAll(/X509Certificate>([^<]+)</g)].map((m) => m[1]);
    expect(certs(again.body)).toEqual(certs(res.body));
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/auth/sso/${est.uai}/00000000-0000-7000-8000-000000000000/saml/metadata` })).statusCode).toBe(404);
  });

  it('signs a learner in by ELEVE_ID (académie federation), from an encrypted assertion decrypted with the provider key, and links the identity', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:81001', last_name: 'Morel', first_name: 'Inès' });
    const p = await samlProvider(est);
    const metadata = (await ctx.app.inject({ method: 'GET', url: `${base(est, p.id)}/metadata` })).body;
    const spCert = /use="encryption"[\s\S]*?<(?:ds:)?X509Certificate>([^<]+)</.exec(metadata)![1]!;
    const pem = `-----BEGIN CERTIFICATE-----\n${spCert.replace(/\s+/g, '').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
    const { jar, location } = await samlLogin(est, p.id, {
      signResponse: false,
      signAssertion: true,
      encrypt: true,
      encryptFor: pem,
      attributes: { [EDUCONNECT_OID(57)]: ['ec-ines'], ENTEleveStructRattachId: ['81001'], [EDUCONNECT_OID(72)]: [est.uai] },
    });
    expect(location).toBe(`/${est.uai}/accueil`);
    expect((await jar.inject('GET', '/api/v1/auth/me')).json().user).toMatchObject({ id: learner.id, mustChangePassword: false });
    const links = await ctx.db.selectFrom('external_identities').selectAll().where('user_id', '=', learner.id).execute();
    expect(links).toMatchObject([{ provider_id: p.id, subject: 'ec-ines', rule: 'eleve_id' }]);
    expect((await auditOf(est.id, 'sso.login')).at(-1)).toMatchObject({ actor_id: learner.id, details: { subject: 'ec-ines', rule: 'eleve_id' } });
  });

  it('shows the refusal page with the ÉduConnect id to give the administrator, then signs in once the administrator linked it', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'] });
    const p = await samlProvider(est);
    const attrs = { [EDUCONNECT_OID(57)]: ['ec-unknown-1'], [EDUCONNECT_OID(64)]: ['0123456789abcdef0123456789abcdef'], [EDUCONNECT_OID(72)]: [est.uai] };
    const refused = await samlLogin(est, p.id, { attributes: attrs });
    expect(refused.location).toBe(`/${est.uai}/connexion-ent`);
    const page = (await refused.jar.inject('GET', '/api/v1/auth/sso/choose')).json();
    expect(page).toMatchObject({ kind: 'refusal', subject: 'ec-unknown-1', reason: 'unknown' });
    const { client } = await signedIn(ctx, est);
    const link = await client.post(`/api/v1/sso/users/${learner.id}/identities`, { providerId: p.id, subject: 'ec-unknown-1' });
    expect(link.statusCode, link.body).toBe(201);
    const ok = await samlLogin(est, p.id, { attributes: attrs });
    expect(ok.location).toBe(`/${est.uai}/accueil`);
    expect((await ok.jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(learner.id);
  });

  it('refuses over HTTP, audited with the reason: a replayed response, an unsigned one, an expired one, a wrong audience', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], external_id: 'eleve:81002' });
    const p = await samlProvider(est);
    const attributes = { [EDUCONNECT_OID(57)]: ['ec-replay'], ENTEleveStructRattachId: ['81002'] };
    const first = await samlLogin(est, p.id, { attributes });
    expect(first.location).toBe(`/${est.uai}/accueil`);
    const replay = await postAcs(new BrowserJar(ctx), est, p.id, first.response);
    expect(replay.headers.location).toBe(`/${est.uai}/connexion-ent`);
    for (const opts of [{ signResponse: false }, { notBefore: -900, notOnOrAfter: -600, issueInstant: -900 }, { audience: 'https://autre.example.fr/metadata' }]) {
      const r = await samlLogin(est, p.id, { attributes, ...opts });
      expect(r.location).toBe(`/${est.uai}/connexion-ent`);
    }
    const refusals = (await auditOf(est.id, 'sso.refused')).map((r) => r.details.detail);
    expect(refusals).toEqual(['saml_unknown_request', 'saml_unsigned', 'saml_expired', 'saml_wrong_audience']);
    const page = await new BrowserJar(ctx).inject('GET', '/api/v1/auth/sso/choose');
    expect(page.statusCode).toBe(404);
  });

  it('lets a parent with two FrEduVecteur values (children in two establishments) choose, then signs in where chosen', async () => {
    const a = await makeReadyEstablishment(ctx.deps);
    const b = await makeReadyEstablishment(ctx.deps);
    const childA = await makeUser(ctx.deps, a.id, { profiles: ['learner'], external_id: 'eleve:91001' });
    const childB = await makeUser(ctx.deps, b.id, { profiles: ['learner'], external_id: 'eleve:91002' });
    const parentA = await makeUser(ctx.deps, a.id, { profiles: ['parent'], external_id: 'resp:11', last_name: 'Garnier', first_name: 'Sophie' });
    const parentB = await makeUser(ctx.deps, b.id, { profiles: ['parent'], external_id: 'resp:12', last_name: 'GARNIER', first_name: 'Sophie' });
    await addGuardian(ctx.deps, a.id, parentA.id, childA.id);
    await addGuardian(ctx.deps, b.id, parentB.id, childB.id);
    const pa = await samlProvider(a, { profiles: ['parent'], label: 'ÉduConnect' });
    await samlProvider(b, { profiles: ['parent'], label: 'ÉduConnect' });
    const { jar, location } = await samlLogin(a, pa.id, {
      attributes: { [EDUCONNECT_OID(57)]: ['ec-parent-garnier'], FrEduVecteur: [`1|GARNIER|Sophie|91001|${a.uai}`, `2|Garnier|Sophie|91002|${b.uai}`] },
    });
    expect(location).toBe(`/${a.uai}/connexion-ent`);
    const choice = (await jar.inject('GET', '/api/v1/auth/sso/choose')).json();
    expect(choice.kind).toBe('choice');
    expect(choice.candidates.map((c: { uai: string }) => c.uai).sort()).toEqual([a.uai, b.uai].sort());
    const inB = choice.candidates.find((c: { uai: string }) => c.uai === b.uai);
    const chosen = await jar.inject('POST', '/api/v1/auth/sso/choose', { candidateId: inB.id });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect((await jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(parentB.id);
  });

  it('refuses a response the IdP did not sign with a registered certificate, and a response for another provider', async () => {
    const est = await makeReadyEstablishment(ctx.deps);
    const p1 = await samlProvider(est, { label: 'ÉduConnect 1' });
    const p2 = await samlProvider(est, { label: 'ÉduConnect 2' });
    const attributes = { [EDUCONNECT_OID(57)]: ['ec-x'] };
    const bad = await samlLogin(est, p1.id, { attributes, signingKey: 'idp2' });
    expect(bad.location).toBe(`/${est.uai}/connexion-ent`);
    // A response to p1's request, posted to p2's ACS: destination and audience differ, the request is not p2's.
    const jar = new BrowserJar(ctx);
    const start = await jar.follow(`${base(est, p1.id)}/login`);
    const requestId = await requestIdFromLoginUrl(start.location);
    const spEntityId = `${TEST_ORIGIN}${base(est, p2.id)}/metadata`;
    const crossed = await buildSamlResponse({ spEntityId, acsUrl: `${TEST_ORIGIN}${base(est, p2.id)}/acs`, inResponseTo: requestId, signResponse: true, attributes, issuer: TEST_IDP_ENTITY_ID });
    expect((await postAcs(jar, est, p2.id, crossed)).headers.location).toBe(`/${est.uai}/connexion-ent`);
    const details = (await auditOf(est.id, 'sso.refused')).map((r) => r.details.detail);
    expect(details).toEqual(['saml_bad_signature', 'saml_unknown_request']);
  });
});
