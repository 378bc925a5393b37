/**
 * OpenID Connect, the relying-party side (docs/sso.md « OpenID Connect »), on `openid-client`:
 * discovery from the issuer, authorization code flow with PKCE (S256), `state` and `nonce`
 * kept server-side in `sso_states` (consumed once), ID token checked by openid-client (issuer,
 * audience, signature, nonce, expiry), then the userinfo claims merged over the ID token's.
 *
 * An `http://` issuer is refused except on the loopback address while the instance itself is not
 * served over HTTPS (the test suite's `oidc-provider`); production issuers are HTTPS.
 */
import * as client from 'openid-client';
import type { ExternalAssertion } from '../sso.types.ts';
import type { AttributeMap } from '@cerise/common';
import { federationAssertion, mergeMaps, OIDC_DEFAULT_MAP } from '../federation.attributes.ts';

export const OIDC_STATE_TTL_MS = 10 * 60 * 1000;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, `openid` always included. */
  scope?: string;
  attributeMap?: Partial<AttributeMap>;
}

/** What waits between the login redirect and the callback (`sso_states`, purpose `oidc`). */
export interface OidcPending {
  codeVerifier: string;
  nonce: string;
}

export interface OidcStateStore {
  save(state: string, data: OidcPending): Promise<void>;
  /** The pending data of this state, consumed (null when unknown, expired or already used). */
  take(state: string): Promise<OidcPending | null>;
}

export type OidcRefusalReason = 'discovery_failed' | 'unknown_state' | 'provider_error' | 'token_refused' | 'no_subject';

export class OidcRefusal extends Error {
  constructor(readonly reason: OidcRefusalReason, readonly detail: string) {
    super(`${reason}: ${detail}`);
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** May openid-client talk plain HTTP to this issuer? Only to loopback, from a non-HTTPS instance (tests, development). */
export function insecureAllowed(issuer: string, publicUrl: string): boolean {
  try {
    const u = new URL(issuer);
    return u.protocol === 'http:' && LOOPBACK.has(u.hostname) && !publicUrl.startsWith('https://');
  } catch {
    return false;
  }
}

const discovered = new Map<string, { at: number; config: client.Configuration }>();

async function configurationFor(settings: OidcSettings, publicUrl: string, now: number): Promise<client.Configuration> {
  const key = JSON.stringify([settings.issuer, settings.clientId, settings.clientSecret]);
  const hit = discovered.get(key);
  if (hit && now - hit.at < DISCOVERY_TTL_MS) return hit.config;
  let issuer: URL;
  try {
    issuer = new URL(settings.issuer);
  } catch {
    throw new OidcRefusal('discovery_failed', 'issuer is not a URL');
  }
  if (issuer.protocol !== 'https:' && !insecureAllowed(settings.issuer, publicUrl)) throw new OidcRefusal('discovery_failed', 'issuer must be https');
  try {
    const config = await client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      insecureAllowed(settings.issuer, publicUrl) ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    discovered.set(key, { at: now, config });
    return config;
  } catch (e) {
    throw new OidcRefusal('discovery_failed', e instanceof Error ? e.message.slice(0, 200) : 'discovery');
  }
}

/** Forget discovered configurations (a provider's settings changed). */
export function forgetOidcConfiguration(): void {
  discovered.clear();
}

/** The provider's authorization URL, with PKCE, state and nonce saved for the callback. */
export async function oidcLoginUrl(settings: OidcSettings, redirectUri: string, publicUrl: string, store: OidcStateStore, now = Date.now()): Promise<string> {
  const config = await configurationFor(settings, publicUrl, now);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await store.save(state, { codeVerifier, nonce });
  const scope = new Set(['openid', ...(settings.scope ?? 'openid profile email').split(/\s+/).filter(Boolean)]);
  return client
    .buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: [...scope].join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    .toString();
}

/**
 * Handle the callback: `callbackUrl` is the full URL the browser came back on (our redirect URI
 * with `code`, `state`, maybe `iss` or `error`). Returns the assertion or throws `OidcRefusal`.
 */
export async function consumeOidcCallback(
  settings: OidcSettings,
  callbackUrl: URL,
  publicUrl: string,
  store: OidcStateStore,
  now = Date.now(),
): Promise<{ assertion: ExternalAssertion; idToken: string | null }> {
  const state = callbackUrl.searchParams.get('state');
  const pending = state && state.length <= 200 ? await store.take(state) : null;
  if (!pending || !state) throw new OidcRefusal('unknown_state', 'state');
  const error = callbackUrl.searchParams.get('error');
  if (error) throw new OidcRefusal('provider_error', error.slice(0, 100));
  const config = await configurationFor(settings, publicUrl, now);
  let claims: Record<string, unknown>;
  let idToken: string | null = null;
  try {
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('no id token');
    idToken = tokens.id_token ?? null;
    let userinfo: Record<string, unknown> = {};
    if (config.serverMetadata().userinfo_endpoint) userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...idClaims, ...userinfo, sub: idClaims.sub };
  } catch (e) {
    throw new OidcRefusal('token_refused', e instanceof Error ? e.message.slice(0, 200) : 'token');
  }
  // Protocol claims are not attributes of the person.
  const { iss: _iss, aud: _aud, exp: _exp, iat: _iat, nonce: _nonce, at_hash: _ah, azp: _azp, auth_time: _at, ...personal } = claims;
  const assertion = federationAssertion('oidc', personal, mergeMaps(OIDC_DEFAULT_MAP, settings.attributeMap), typeof claims['sub'] === 'string' ? claims['sub'] : null);
  if (!assertion) throw new OidcRefusal('no_subject', 'sub');
  return { assertion, idToken };
}

/** The provider's end-session URL, when it has one (offered after a local logout). */
export async function oidcLogoutUrl(settings: OidcSettings, publicUrl: string, idToken: string | null, now = Date.now()): Promise<string | null> {
  try {
    const config = await configurationFor(settings, publicUrl, now);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(config, idToken ? { id_token_hint: idToken } : {}).toString();
  } catch {
    return null;
  }
}
