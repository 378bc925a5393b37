/**
 * SAML 2 login (docs/sso.md « SAML / ÉduConnect »): the AuthnRequest's id is kept in `sso_states`
 * (purpose `saml_request`) until its answer consumes it; the POSTed response is verified by
 * saml.sp.ts, then the common matching and session (sso.login.usecases.ts). Every refusal is
 * audited with its reason and shown on the refusal page.
 */
import type { AnonymousContext } from '../../../context.ts';
import type { Deps } from '../../../deps.ts';
import { nowIso } from '../../../util/ids.ts';
import { completeSsoLogin, refuseSso, startSsoLogin, type SsoOutcome, type SsoTarget } from '../sso.login.usecases.ts';
import { providerUrls, samlSettings } from '../sso.providers.ts';
import * as repo from '../sso.repository.ts';
import { stateIdOf } from '../sso.tokens.ts';
import { spKeysFor } from './saml.keys.ts';
import { consumeSamlResponse, SAML_REQUEST_TTL_MS, samlLoginUrl, SamlRefusal, samlSpMetadata, type SamlIdpSettings, type SamlRequestStore, type SamlSpIdentity } from './saml.sp.ts';

function idpOf(target: SsoTarget): SamlIdpSettings {
  const s = samlSettings(target.provider);
  return { idpEntityId: s.idpEntityId, ssoUrl: s.ssoUrl, idpCertificates: s.idpCerts, clockSkewSeconds: s.clockSkewSeconds, attributeMap: s.attributeMap };
}

async function spOf(deps: Deps, target: SsoTarget): Promise<SamlSpIdentity> {
  const urls = providerUrls(deps.config.publicUrl, target.establishment.uai, target.provider);
  const keys = await spKeysFor(deps, target.establishment.id, target.provider.id, `Cerise Pro ${target.establishment.uai}`);
  return { entityId: urls.spMetadataUrl!, acsUrl: urls.acsUrl!, privateKey: keys?.privateKey ?? null, certificate: keys?.certificate ?? null };
}

/** AuthnRequest ids in `sso_states`, keyed by their SHA-256, bound to the provider. */
function requestStore(deps: Deps, ctx: AnonymousContext, target: SsoTarget): SamlRequestStore {
  const at = () => nowIso(ctx.at);
  return {
    async save(requestId, issuedAt) {
      await repo.createState(deps.db, {
        id: stateIdOf(requestId),
        establishment_id: target.establishment.id,
        provider_id: target.provider.id,
        purpose: 'saml_request',
        data: JSON.stringify({ issuedAt }),
        created_at: at(),
        expires_at: nowIso(new Date(ctx.at.getTime() + SAML_REQUEST_TTL_MS)),
      });
    },
    async pending(requestId) {
      if (requestId.length > 200) return null;
      const row = await repo.peekState(deps.db, stateIdOf(requestId), 'saml_request', at());
      if (!row || row.provider_id !== target.provider.id) return null;
      return (JSON.parse(row.data) as { issuedAt: string }).issuedAt;
    },
    async consume(requestId) {
      if (requestId.length > 200) return false;
      const row = await repo.consumeState(deps.db, stateIdOf(requestId), 'saml_request', at());
      return row !== undefined && row.provider_id === target.provider.id;
    },
  };
}

/** The IdP's login address, with a new AuthnRequest. */
export async function startSamlLogin(deps: Deps, ctx: AnonymousContext, uai: string, providerId: string): Promise<string> {
  const target = await startSsoLogin(deps, uai, providerId, 'saml');
  return samlLoginUrl(idpOf(target), await spOf(deps, target), requestStore(deps, ctx, target));
}

/** The SP metadata of this provider (entityID = its own URL), to give to the IdP. */
export async function samlMetadata(deps: Deps, uai: string, providerId: string): Promise<string> {
  const target = await startSsoLogin(deps, uai, providerId, 'saml');
  return samlSpMetadata(idpOf(target), await spOf(deps, target));
}

export async function finishSamlLogin(
  deps: Deps,
  ctx: AnonymousContext,
  input: { uai: string; providerId: string; samlResponse: string | undefined; userAgent: string | null; previousSessionToken: string | null },
): Promise<SsoOutcome> {
  const target = await startSsoLogin(deps, input.uai, input.providerId, 'saml');
  let verified;
  try {
    verified = await consumeSamlResponse(idpOf(target), await spOf(deps, target), requestStore(deps, ctx, target), input.samlResponse ?? '');
  } catch (e) {
    if (!(e instanceof SamlRefusal)) throw e;
    deps.log.warn({ provider: target.provider.id, reason: e.reason, detail: e.detail }, 'sso.saml_refused');
    return refuseSso(deps, ctx, { ...target, subject: null, reason: 'protocol', detail: `saml_${e.reason}`, messageCode: `sso.saml_${e.reason}` });
  }
  return completeSsoLogin(deps, ctx, { ...target, assertion: verified.assertion, userAgent: input.userAgent, previousSessionToken: input.previousSessionToken });
}
