/**
 * OpenID Connect login (docs/sso.md « OpenID Connect »): PKCE verifier and nonce kept in
 * `sso_states` (purpose `oidc`) under the SHA-256 of `state`, consumed at the callback; the
 * callback must come back to the browser that started it (state cookie), then the common
 * matching and session (sso.login.usecases.ts).
 */
import type { AnonymousContext } from '../../../context.ts';
import type { Deps } from '../../../deps.ts';
import { nowIso } from '../../../util/ids.ts';
import { completeSsoLogin, refuseSso, startSsoLogin, type SsoOutcome, type SsoTarget } from '../sso.login.usecases.ts';
import { oidcSettings, providerUrls } from '../sso.providers.ts';
import * as repo from '../sso.repository.ts';
import { stateIdOf } from '../sso.tokens.ts';
import { consumeOidcCallback, OIDC_STATE_TTL_MS, oidcLoginUrl, OidcRefusal, type OidcPending, type OidcSettings, type OidcStateStore } from './oidc.client.ts';

function settingsOf(target: SsoTarget): OidcSettings {
  const s = oidcSettings(target.provider);
  return { issuer: s.issuer, clientId: s.clientId, clientSecret: s.clientSecret ?? '', scope: s.scopes.join(' '), attributeMap: s.attributeMap };
}

function stateStore(deps: Deps, ctx: AnonymousContext, target: SsoTarget): OidcStateStore {
  const at = () => nowIso(ctx.at);
  return {
    async save(state, data) {
      await repo.createState(deps.db, {
        id: stateIdOf(state),
        establishment_id: target.establishment.id,
        provider_id: target.provider.id,
        purpose: 'oidc',
        data: JSON.stringify(data),
        created_at: at(),
        expires_at: nowIso(new Date(ctx.at.getTime() + OIDC_STATE_TTL_MS)),
      });
    },
    async take(state) {
      const row = await repo.consumeState(deps.db, stateIdOf(state), 'oidc', at());
      if (!row || row.provider_id !== target.provider.id) return null;
      return JSON.parse(row.data) as OidcPending;
    },
  };
}

/** The provider's authorization URL, and the state to bind to this browser (cookie). */
export async function startOidcLogin(deps: Deps, ctx: AnonymousContext, uai: string, providerId: string): Promise<{ redirectUrl: string; state: string }> {
  const target = await startSsoLogin(deps, uai, providerId, 'oidc');
  const redirectUri = providerUrls(deps.config.publicUrl, target.establishment.uai, target.provider).oidcRedirectUrl!;
  try {
    const redirectUrl = await oidcLoginUrl(settingsOf(target), redirectUri, deps.config.publicUrl, stateStore(deps, ctx, target), ctx.at.getTime());
    return { redirectUrl, state: new URL(redirectUrl).searchParams.get('state')! };
  } catch (e) {
    if (e instanceof OidcRefusal) {
      deps.log.warn({ provider: target.provider.id, reason: e.reason, detail: e.detail }, 'sso.oidc_refused');
      const outcome = await refuseSso(deps, ctx, { ...target, subject: null, reason: 'protocol', detail: `oidc_${e.reason}`, messageCode: `sso.oidc_${e.reason}` });
      throw new OidcStartRefused(outcome);
    }
    throw e;
  }
}

/** Discovery failed before the browser left: the route shows the refusal page instead. */
export class OidcStartRefused extends Error {
  constructor(readonly outcome: SsoOutcome) {
    super('oidc start refused');
  }
}

export async function finishOidcLogin(
  deps: Deps,
  ctx: AnonymousContext,
  input: { uai: string; providerId: string; query: Record<string, string>; browserState: string | undefined; userAgent: string | null; previousSessionToken: string | null },
): Promise<SsoOutcome> {
  const target = await startSsoLogin(deps, input.uai, input.providerId, 'oidc');
  const urls = providerUrls(deps.config.publicUrl, target.establishment.uai, target.provider);
  const callback = new URL(urls.oidcRedirectUrl!);
  for (const [k, v] of Object.entries(input.query)) if (typeof v === 'string') callback.searchParams.set(k, v);
  const refuse = (reason: string) => refuseSso(deps, ctx, { ...target, subject: null, reason: 'protocol', detail: `oidc_${reason}`, messageCode: `sso.oidc_${reason}` });
  // Login CSRF: the callback's state must be the one this browser was given.
  if (!input.browserState || input.browserState !== input.query['state']) return refuse('unknown_state');
  try {
    const { assertion } = await consumeOidcCallback(settingsOf(target), callback, deps.config.publicUrl, stateStore(deps, ctx, target), ctx.at.getTime());
    return await completeSsoLogin(deps, ctx, { ...target, assertion, userAgent: input.userAgent, previousSessionToken: input.previousSessionToken });
  } catch (e) {
    if (!(e instanceof OidcRefusal)) throw e;
    deps.log.warn({ provider: target.provider.id, reason: e.reason, detail: e.detail }, 'sso.oidc_refused');
    return refuse(e.reason);
  }
}
