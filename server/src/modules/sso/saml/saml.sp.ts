/**
 * The service provider side of SAML 2 (docs/sso.md « SAML / ÉduConnect »), on
 * `@node-saml/node-saml`. One SP per provider of an establishment: its entityID is its metadata
 * URL `/api/v1/auth/sso/<UAI>/<provider>/saml/metadata`, its ACS `/…/saml/acs` (HTTP-POST).
 *
 * What is checked on a response: the signature of the response or of the assertion (either is
 * enough; an unsigned one is refused) against the IdP's certificates (several during a
 * rollover), the issuer, the audience (our entityID), the Destination (our ACS), the time bounds
 * with a clock skew (2 min by default), `InResponseTo` against a request we sent and did not see
 * answered yet (consumed once: a replay is refused), and encrypted assertions are decrypted with
 * the SP key.
 */
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { SaxesParser } from 'saxes';
import type { ExternalAssertion } from '../sso.types.ts';
import type { AttributeMap } from '@cerise/common';
import { federationAssertion, mergeMaps, SAML_DEFAULT_MAP } from '../federation.attributes.ts';
import { certificateToPem } from './saml.metadata.ts';

export const DEFAULT_CLOCK_SKEW_SECONDS = 120;
/** How long an AuthnRequest may wait for its answer. */
export const SAML_REQUEST_TTL_MS = 10 * 60 * 1000;

export interface SamlIdpSettings {
  idpEntityId: string;
  ssoUrl: string;
  /** Base64 DER or PEM, several during a rollover. */
  idpCertificates: string[];
  clockSkewSeconds?: number;
  attributeMap?: Partial<AttributeMap>;
}

export interface SamlSpIdentity {
  /** = the SP metadata URL. */
  entityId: string;
  acsUrl: string;
  /** PEM, to decrypt encrypted assertions (and offered as the encryption certificate in the metadata). */
  privateKey: string | null;
  certificate: string | null;
}

/** Where AuthnRequest ids wait for their answer (backed by `sso_states`, purpose `saml_request`). */
export interface SamlRequestStore {
  save(requestId: string, issuedAt: string): Promise<void>;
  /** The request's issue instant, when it is pending (sent, not answered, not expired). */
  pending(requestId: string): Promise<string | null>;
  /** Mark it answered; true only for the first caller (a replay gets false). */
  consume(requestId: string): Promise<boolean>;
}

export type SamlRefusalReason =
  | 'unsigned'
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'wrong_destination'
  | 'expired'
  | 'not_yet_valid'
  | 'unknown_request'
  | 'replayed'
  | 'idp_error'
  | 'no_subject'
  | 'invalid';

export class SamlRefusal extends Error {
  constructor(readonly reason: SamlRefusalReason, readonly detail: string) {
    super(`${reason}: ${detail}`);
  }
}

/** node-saml's CacheProvider over the store, remembering whether this response won the consumption. */
class StoreCache implements CacheProvider {
  readonly outcome = new Map<string, boolean>();
  constructor(private readonly store: SamlRequestStore) {}
  async saveAsync(key: string, value: string) {
    await this.store.save(key, value);
    return { value, createdAt: Date.now() };
  }
  async getAsync(key: string) {
    return this.store.pending(key);
  }
  async removeAsync(key: string | null) {
    if (!key) return null;
    if (!this.outcome.has(key)) this.outcome.set(key, await this.store.consume(key));
    return key;
  }
}

function samlFor(idp: SamlIdpSettings, sp: SamlSpIdentity, cache: CacheProvider): SAML {
  return new SAML({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    entryPoint: idp.ssoUrl,
    idpIssuer: idp.idpEntityId,
    idpCert: idp.idpCertificates.map(certificateToPem),
    audience: sp.entityId,
    // Either the response or the assertion must be signed (node-saml then requires the other
    // only when the first is missing); an unsigned response with an unsigned assertion is refused.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: (idp.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
    cacheProvider: cache,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    ...(sp.privateKey ? { decryptionPvk: sp.privateKey } : {}),
  });
}

/** The address to send the browser to (HTTP-Redirect binding), the request id saved as pending. */
export async function samlLoginUrl(idp: SamlIdpSettings, sp: SamlSpIdentity, store: SamlRequestStore, relayState = ''): Promise<string> {
  const saml = samlFor(idp, sp, new StoreCache(store));
  return saml.getAuthorizeUrlAsync(relayState, undefined, {});
}

/** The SP metadata document (entityID, POST ACS, encryption certificate when there is one). */
export function samlSpMetadata(idp: SamlIdpSettings, sp: SamlSpIdentity): string {
  const saml = samlFor(idp, sp, new StoreCache({ save: async () => {}, pending: async () => null, consume: async () => false }));
  return saml.generateServiceProviderMetadata(sp.certificate, sp.certificate ? [] : null);
}

function classify(message: string): SamlRefusalReason {
  const m = message.toLowerCase();
  if (m.includes('inresponseto') || m.includes('subjectinresponseto')) return 'unknown_request';
  if (m.includes('not yet valid')) return 'not_yet_valid';
  if (m.includes('expired') || m.includes('subject confirmation')) return 'expired';
  if (m.includes('audience')) return 'wrong_audience';
  if (m.includes('unknown saml issuer')) return 'wrong_issuer';
  if (m.includes('provider returned')) return 'idp_error';
  if (m.includes('signature')) return 'bad_signature';
  return 'invalid';
}

/** The `Destination` of the Response element, if any (read without building a tree). */
function responseDestination(xml: string): string | null {
  let destination: string | null = null;
  let seenRoot = false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('doctype', () => {
    throw new SamlRefusal('invalid', 'doctype');
  });
  parser.on('opentag', (tag) => {
    if (seenRoot) return;
    seenRoot = true;
    const d = tag.attributes['Destination'];
    destination = typeof d === 'string' ? d : null;
  });
  parser.write(xml).close();
  return destination;
}

/** Does the XML carry any Signature at all? (to tell "unsigned" from "badly signed"). */
const hasSignature = (xml: string) => /<(?:[A-Za-z0-9_-]+:)?Signature[\s>]/.test(xml);

/**
 * Verify a POSTed `SAMLResponse` (base64) and turn it into an assertion, or throw `SamlRefusal`.
 * Audit and matching are the caller's.
 */
export async function consumeSamlResponse(
  idp: SamlIdpSettings,
  sp: SamlSpIdentity,
  store: SamlRequestStore,
  samlResponse: string,
): Promise<{ assertion: ExternalAssertion; nameId: string; sessionIndex: string | null }> {
  if (!samlResponse || samlResponse.length > 1_000_000 || !/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) throw new SamlRefusal('invalid', 'not base64');
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  let destination: string | null;
  try {
    destination = responseDestination(xml);
  } catch {
    throw new SamlRefusal('invalid', 'not xml');
  }
  if (destination !== null && destination !== sp.acsUrl) throw new SamlRefusal('wrong_destination', destination.slice(0, 200));

  const cache = new StoreCache(store);
  const saml = samlFor(idp, sp, cache);
  let profile: Profile | null;
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const reason = classify(message);
    if (reason === 'bad_signature' && !hasSignature(xml)) throw new SamlRefusal('unsigned', message);
    throw new SamlRefusal(reason, message.slice(0, 300));
  }
  if (!profile) throw new SamlRefusal('invalid', 'no profile');
  // node-saml checks the issuer of logout messages only: the assertion's is checked here.
  if (profile.issuer !== idp.idpEntityId) throw new SamlRefusal('wrong_issuer', String(profile.issuer).slice(0, 200));
  const requestId = typeof profile['inResponseTo'] === 'string' ? profile['inResponseTo'] : null;
  if (!requestId) throw new SamlRefusal('unknown_request', 'no InResponseTo');
  // Consumed exactly once, even when two copies of one response arrive together.
  const won = cache.outcome.has(requestId) ? cache.outcome.get(requestId)! : await store.consume(requestId);
  if (!won) throw new SamlRefusal('replayed', requestId.slice(0, 100));

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const assertion = federationAssertion('saml', attributes, mergeMaps(SAML_DEFAULT_MAP, idp.attributeMap), profile.nameID ?? null);
  if (!assertion) throw new SamlRefusal('no_subject', 'no subject');
  return { assertion, nameId: profile.nameID, sessionIndex: profile.sessionIndex ?? null };
}
