import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ORIGIN, type TestContext } from '../../../../test/harness.ts';
import { makeUser } from '../../../../test/factories.ts';
import { BrowserJar } from '../../../../test/sso/browser-jar.ts';
import { followToCallback, OIDC_CLIENT, startOidcServer, type TestOidcServer } from '../../../../test/sso/oidc-server.ts';
import { makeReadyEstablishment } from '../../users/users.fixtures.ts';
import { newId, nowIso } from '../../../util/ids.ts';

let ctx: TestContext;
let op: TestOidcServer;
let est: { id: string; uai: string };
let providerId: string;
const callbackPath = () => `/api/v1/auth/sso/${est.uai}/${providerId}/oidc/callback`;

beforeAll(async () => {
  ctx = await createTestApp();
  est = await makeReadyEstablishment(ctx.deps);
  providerId = newId();
  // The client's redirect URI must be registered before the provider exists: the row is made here with its id.
  op = await startOidcServer([`${TEST_ORIGIN}${callbackPath()}`]);
  const at = nowIso(ctx.deps.now());
  const settings = { issuer: op.issuer, clientId: OIDC_CLIENT.clientId, clientSecret: OIDC_CLIENT.clientSecret, scopes: ['openid', 'profile', 'email', 'fim', 'educonnect'] };
  await ctx.db
    .insertInto('sso_providers')
    .values({ id: providerId, establishment_id: est.id, kind: 'oidc', label: 'Guichet agents', enabled: 1, profiles: '["teacher","learner"]', settings: JSON.stringify(settings), idp_key: `oidc:${op.issuer}`, created_at: at, updated_at: at, version: 1 })
    .execute();
});
afterAll(async () => {
  await op.close();
  await ctx.close();
});

/** The button, the provider (cookies carried by followToCallback), then the callback in the same browser. */
async function oidcLogin(sub: string, claims: Record<string, unknown>, jar = new BrowserJar(ctx)) {
  op.signInAs(sub, claims);
  const start = (await jar.inject('GET', `/api/v1/auth/sso/${est.uai}/${providerId}/oidc/login`)).headers.location as string;
  expect(start.startsWith(op.issuer)).toBe(true);
  const back = await followToCallback(start, `${TEST_ORIGIN}${callbackPath()}`);
  const res = await jar.inject('GET', `${back.pathname}${back.search}`);
  return { jar, res, back, location: res.headers.location as string };
}

const refusals = async () =>
  (await ctx.db.selectFrom('audit_log').select('details').where('establishment_id', '=', est.id).where('action', '=', 'sso.refused').orderBy('at').orderBy('id').execute()).map((r) => JSON.parse(r.details!).detail);

describe('OpenID Connect login through oidc-provider on 127.0.0.1', () => {
  it('signs a learner in by the plain INE of ÉduConnect-shaped userinfo', async () => {
    const learner = await makeUser(ctx.deps, est.id, { profiles: ['learner'], national_id: '1234567890A' });
    const { jar, location } = await oidcLogin('ec-oidc-learner', { FrEduCtEleveINE: '1234567890a', FrEduCtEleveUAI: est.uai });
    expect(location).toBe(`/${est.uai}/accueil`);
    expect((await jar.inject('GET', '/api/v1/auth/me')).json().user.id).toBe(learner.id);
    const link = await ctx.db.selectFrom('external_identities').selectAll().where('user_id', '=', learner.id).execute();
    expect(link).toMatchObject([{ provider_id: providerId, subject: 'ec-oidc-learner', rule: 'ine' }]);
  });

  it('never matches an agent on the e-mail alone: a FIM agent with only sub, rne and email is refused, the sub shown', async () => {
    await makeUser(ctx.deps, est.id, { profiles: ['teacher'], email: 'agent.dupuis@ac-test.fr' });
    const { jar, location } = await oidcLogin('fim-agent-7', { rne: est.uai, email: 'agent.dupuis@ac-test.fr', family_name: 'Dupuis', given_name: 'Marc' });
    expect(location).toBe(`/${est.uai}/connexion-ent`);
    expect((await jar.inject('GET', '/api/v1/auth/sso/choose')).json()).toMatchObject({ kind: 'refusal', subject: 'fim-agent-7', reason: 'unknown' });
  });

  it('refuses a callback in another browser (state cookie), and the same callback twice', async () => {
    await makeUser(ctx.deps, est.id, { profiles: ['learner'], national_id: '2234567890B' });
    op.signInAs('ec-oidc-2', { FrEduCtEleveINE: '2234567890B' });
    const jar = new BrowserJar(ctx);
    const start = (await jar.inject('GET', `/api/v1/auth/sso/${est.uai}/${providerId}/oidc/login`)).headers.location as string;
    const back = await followToCallback(start, `${TEST_ORIGIN}${callbackPath()}`);
    const stranger = await new BrowserJar(ctx).inject('GET', `${back.pathname}${back.search}`);
    expect(stranger.headers.location).toBe(`/${est.uai}/connexion-ent`);
    const ok = await jar.inject('GET', `${back.pathname}${back.search}`);
    expect(ok.headers.location).toBe(`/${est.uai}/accueil`);
    // The state cookie is spent and the state consumed: the same callback again is refused.
    jar.cookies.set('cerise_sso_state', back.searchParams.get('state')!);
    const again = await jar.inject('GET', `${back.pathname}${back.search}`);
    expect(again.headers.location).toBe(`/${est.uai}/connexion-ent`);
    expect((await refusals()).slice(-2)).toEqual(['oidc_unknown_state', 'oidc_unknown_state']);
  });

  it('shows the refusal page when the provider cannot be reached', async () => {
    const id = newId();
    const at = nowIso(ctx.deps.now());
    await ctx.db
      .insertInto('sso_providers')
      .values({ id, establishment_id: est.id, kind: 'oidc', label: 'Injoignable', enabled: 1, profiles: '["teacher"]', settings: JSON.stringify({ issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' }), idp_key: 'oidc:none', created_at: at, updated_at: at, version: 1 })
      .execute();
    const jar = new BrowserJar(ctx);
    const res = await jar.inject('GET', `/api/v1/auth/sso/${est.uai}/${id}/oidc/login`);
    expect(res.headers.location).toBe(`/${est.uai}/connexion-ent`);
    expect((await jar.inject('GET', '/api/v1/auth/sso/choose')).json()).toMatchObject({ kind: 'refusal', reasonMessage: expect.stringContaining('ne répond pas') });
  });
});
