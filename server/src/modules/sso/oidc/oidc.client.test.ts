import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followToCallback, OIDC_CLIENT, startOidcServer, type TestOidcServer } from '../../../../test/sso/oidc-server.ts';
import { consumeOidcCallback, insecureAllowed, OidcRefusal, oidcLoginUrl, type OidcPending, type OidcSettings, type OidcStateStore } from './oidc.client.ts';

/** In-memory stand-in for `sso_states` (the database one is tested in oidc.db.test.ts). */
function memoryStore(): OidcStateStore {
  const states = new Map<string, OidcPending>();
  return {
    save: async (s, d) => void states.set(s, d),
    take: async (s) => {
      const d = states.get(s) ?? null;
      states.delete(s);
      return d;
    },
  };
}

const redirectUri = 'http://localhost:3000/api/v1/auth/sso/0869999X/p2/oidc/callback';
const publicUrl = 'http://localhost:3000';
let op: TestOidcServer;
let settings: OidcSettings;

beforeAll(async () => {
  op = await startOidcServer([redirectUri]);
  settings = { issuer: op.issuer, clientId: OIDC_CLIENT.clientId, clientSecret: OIDC_CLIENT.clientSecret, scope: 'openid profile email fim educonnect' };
});
afterAll(async () => op.close());

async function signIn(sub: string, claims: Record<string, unknown>, store = memoryStore()) {
  op.signInAs(sub, claims);
  const login = await oidcLoginUrl(settings, redirectUri, publicUrl, store);
  const back = await followToCallback(login, redirectUri);
  return { login, back, store };
}

describe('OpenID Connect against oidc-provider on 127.0.0.1', () => {
  it('sends PKCE (S256), state and nonce', async () => {
    const login = new URL(await oidcLoginUrl(settings, redirectUri, publicUrl, memoryStore()));
    expect(login.searchParams.get('code_challenge_method')).toBe('S256');
    expect(login.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(login.searchParams.get('state')).toBeTruthy();
    expect(login.searchParams.get('nonce')).toBeTruthy();
    expect(login.searchParams.get('scope')?.split(' ')).toContain('openid');
  });

  it('FIM-shaped claims (guichet agents): sub as subject, rne or else every FrEduRne UAI, the e-mail kept as an attribute only', async () => {
    const { back, store } = await signIn('agent-42', { rne: '0869999x', FrEduRne: ['0861234A$UAJ$PU$DIR$0869999X$T3$LP$320'], email: 'agent@ac-test.fr', family_name: 'Durand', given_name: 'Élise' });
    const { assertion } = await consumeOidcCallback(settings, back, publicUrl, store);
    expect(assertion.protocol).toBe('oidc');
    expect(assertion.subject).toBe('agent-42');
    expect(assertion.uais).toEqual(['0869999X']); // the first UAI attribute released wins
    const second = await signIn('agent-43', { FrEduRne: ['0861234A$UAJ$PU$DIR$0869999X$T3$LP$320', '0869999X$UAJ$PU$ENS'] });
    expect((await consumeOidcCallback(settings, second.back, publicUrl, second.store)).assertion.uais).toEqual(['0861234A', '0869999X']);
    expect(assertion.attributes['email']).toEqual(['agent@ac-test.fr']);
    expect(assertion.eleveIds).toEqual([]);
    expect(assertion.ines).toEqual([]);
    expect([assertion.lastName, assertion.firstName]).toEqual(['Durand', 'Élise']);
  });

  it('ÉduConnect-shaped userinfo: the plain INE and the UAI', async () => {
    const { back, store } = await signIn('ec-learner-1', { FrEduCtEleveINE: '1234567890a', FrEduCtEleveUAI: '0869999X', family_name: 'Leroy', given_name: 'Noé' });
    const { assertion } = await consumeOidcCallback(settings, back, publicUrl, store);
    expect(assertion.ines).toEqual(['1234567890A']);
    expect(assertion.uais).toEqual(['0869999X']);
  });

  it('refuses a callback whose state is unknown, and the same callback twice (state consumed once)', async () => {
    const { back, store } = await signIn('ec-learner-2', { FrEduCtEleveINE: '2234567890A' });
    const forged = new URL(back);
    forged.searchParams.set('state', 'forged');
    await expect(consumeOidcCallback(settings, forged, publicUrl, store)).rejects.toMatchObject({ reason: 'unknown_state' });
    await consumeOidcCallback(settings, back, publicUrl, store);
    await expect(consumeOidcCallback(settings, back, publicUrl, store)).rejects.toBeInstanceOf(OidcRefusal);
  });

  it('refuses a code redeemed with another verifier (PKCE) and a nonce that does not match', async () => {
    const { back, store } = await signIn('ec-learner-3', {});
    const state = back.searchParams.get('state')!;
    const real = await store.take(state);
    await store.save(state, { codeVerifier: 'x'.repeat(43), nonce: real!.nonce });
    await expect(consumeOidcCallback(settings, back, publicUrl, store)).rejects.toMatchObject({ reason: 'token_refused' });
    const second = await signIn('ec-learner-3', {});
    const s2 = second.back.searchParams.get('state')!;
    const r2 = await second.store.take(s2);
    await second.store.save(s2, { codeVerifier: r2!.codeVerifier, nonce: 'another-nonce' });
    await expect(consumeOidcCallback(settings, second.back, publicUrl, second.store)).rejects.toMatchObject({ reason: 'token_refused' });
  });

  it('refuses a wrong client secret', async () => {
    const wrong = { ...settings, clientSecret: 'pas-le-bon-secret-pas-le-bon-secret-0000000000' };
    op.signInAs('ec-learner-4', {});
    const store = memoryStore();
    const back = await followToCallback(await oidcLoginUrl(wrong, redirectUri, publicUrl, store), redirectUri);
    await expect(consumeOidcCallback(wrong, back, publicUrl, store)).rejects.toMatchObject({ reason: 'token_refused' });
  });

  it('talks plain HTTP only to a loopback issuer from a non-HTTPS instance', () => {
    expect(insecureAllowed('http://127.0.0.1:4000', 'http://localhost:3000')).toBe(true);
    expect(insecureAllowed('http://127.0.0.1:4000', 'https://cerise.example.fr')).toBe(false);
    expect(insecureAllowed('http://idp.example.fr', 'http://localhost:3000')).toBe(false);
  });

  it('refuses an http issuer that is not loopback, and an issuer that does not answer', async () => {
    await expect(oidcLoginUrl({ ...settings, issuer: 'http://idp.example.invalid' }, redirectUri, publicUrl, memoryStore())).rejects.toMatchObject({ reason: 'discovery_failed' });
    await expect(oidcLoginUrl({ ...settings, issuer: 'http://127.0.0.1:9' }, redirectUri, publicUrl, memoryStore())).rejects.toMatchObject({ reason: 'discovery_failed' });
  });
});
