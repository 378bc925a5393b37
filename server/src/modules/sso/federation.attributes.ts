/**
 * SAML and OpenID Connect attributes → `ExternalAssertion` (docs/sso.md « SAML / ÉduConnect »,
 * « OpenID Connect »), through the common `buildAssertion` (sso.attributes.ts). What is specific
 * here: the protocol's default attribute names (ÉduConnect OIDs
 * `urn:oid:1.3.6.1.4.1.20326.10.999.1.N`, FIM claims), values of any JSON or XML shape turned into
 * strings, `FrEduRne` values `UAI$UAJ$…` reduced to their UAI, and a logout URL kept only in HTTPS
 * (or on the loopback, for the test suite).
 */
import type { AttributeMap } from '@cerise/common';
import { buildAssertion, type RawAttributes } from './sso.attributes.ts';
import type { ExternalAssertion, SsoProtocol } from './sso.types.ts';

export const EDUCONNECT_OID = (n: number) => `urn:oid:1.3.6.1.4.1.20326.10.999.1.${n}`;

/** ÉduConnect's attributes (docs/sso.md): 57 id, 64 INE hash (kept, never matched), 72 UAI, 7 affiliation, 5 logout URL. */
export const EDUCONNECT_OIDS = { affiliation: EDUCONNECT_OID(7), id: EDUCONNECT_OID(57), ineHash: EDUCONNECT_OID(64), uai: EDUCONNECT_OID(72), logoutUrl: EDUCONNECT_OID(5) } as const;

/** SAML defaults: ÉduConnect first, then the académie federations' names. */
export const SAML_DEFAULT_MAP: Partial<AttributeMap> = {
  subject: [EDUCONNECT_OIDS.id, 'FrEduCtId'],
  uai: [EDUCONNECT_OIDS.uai, 'ENTPersonStructRattachRNE', 'FrEduRne'],
  lastName: ['sn', 'urn:oid:2.5.4.4'],
  firstName: ['givenName', 'urn:oid:2.5.4.42'],
  logoutUrl: [EDUCONNECT_OIDS.logoutUrl, 'FrEduUrlRetour'],
};

/** OpenID Connect defaults: ÉduConnect's userinfo (plain INE, UAI) and FIM's (`rne`, `FrEduRne`). */
export const OIDC_DEFAULT_MAP: Partial<AttributeMap> = {
  ine: ['FrEduCtEleveINE'],
  uai: ['FrEduCtEleveUAI', 'rne', 'FrEduRne'],
  lastName: ['family_name', 'sn'],
  firstName: ['given_name', 'givenName'],
  logoutUrl: ['FrEduUrlRetour'],
};

const MAX_VALUES = 50;

/** Any released value (string, number, array, XML node `{_: text}`) → strings; anything else dropped. */
export function toRawAttributes(raw: Record<string, unknown>): RawAttributes {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.length > 200) continue;
    const values: string[] = [];
    const push = (v: unknown): void => {
      if (values.length >= MAX_VALUES) return;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values.push(String(v));
      else if (Array.isArray(v)) v.forEach(push);
      else if (v && typeof v === 'object' && '_' in v) push((v as { _: unknown })._);
    };
    push(value);
    if (values.length) out[name] = values;
  }
  return out;
}

/** Each key the provider's settings fill wins; otherwise the protocol's default; otherwise the common default. */
export function mergeMaps(protocolDefault: Partial<AttributeMap>, fromSettings: Partial<AttributeMap> | undefined): Partial<AttributeMap> {
  const out: Partial<AttributeMap> = { ...protocolDefault };
  for (const [k, v] of Object.entries(fromSettings ?? {}) as [keyof AttributeMap, string[] | undefined][]) if (v && v.length > 0) out[k] = v;
  return out;
}

const UAI = /^[0-9]{7}[A-Z]$/;
const safeLogout = (u: string | null) => {
  if (!u) return null;
  try {
    const url = new URL(u);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(url.hostname)) ? u : null;
  } catch {
    return null;
  }
};

/** The assertion, or null when there is no usable subject. */
export function federationAssertion(
  protocol: Extract<SsoProtocol, 'saml' | 'oidc'>,
  raw: Record<string, unknown>,
  map: Partial<AttributeMap>,
  fallbackSubject: string | null,
): ExternalAssertion | null {
  const a = buildAssertion(protocol, fallbackSubject ?? '', toRawAttributes(raw), map);
  if (!a.subject || a.subject.length > 255) return null;
  return {
    ...a,
    uais: [...new Set(a.uais.map((u) => u.split('$')[0]!.trim().toUpperCase()).filter((u) => UAI.test(u)))],
    logoutUrl: safeLogout(a.logoutUrl),
  };
}
