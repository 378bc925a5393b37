/**
 * Attributes released by SAML and OpenID Connect providers → `ExternalAssertion`
 * (docs/sso.md « SAML / ÉduConnect », « OpenID Connect »). Pure: which attribute carries what is
 * the provider's attribute map; the defaults follow ÉduConnect (OIDs
 * `urn:oid:1.3.6.1.4.1.20326.10.999.1.N`) and the académie federations (FrEduVecteur,
 * ENTEleveStructRattachId, TSSCONETID, ENTPersonJointure).
 */
import type { ExternalAssertion, FrEduVector, SsoProtocol } from './sso.types.ts';

export const EDUCONNECT_OID = (n: number) => `urn:oid:1.3.6.1.4.1.20326.10.999.1.${n}`;

/** Which released attributes carry what. Every entry is a list: the first one present wins for names, all are read for keys. */
export interface AttributeMap {
  /** Where the stable subject is read; `NameID` (SAML) or `sub` (OIDC) when empty. */
  subject: string[];
  eleveId: string[];
  /** ENTPersonJointure-style values `ACADEMIE$<id>`: the part after `$` is an ELEVE_ID. */
  jointure: string[];
  /** INE in clear (never a hash). */
  ine: string[];
  stsId: string[];
  uai: string[];
  vector: string[];
  lastName: string[];
  firstName: string[];
  logoutUrl: string[];
}

/** ÉduConnect over SAML: id (.57), UAI (.72), logout URL (.5); the INE comes only hashed (.64), kept as an attribute, never matched. */
export const EDUCONNECT_SAML_MAP: AttributeMap = {
  subject: [EDUCONNECT_OID(57)],
  eleveId: ['ENTEleveStructRattachId', 'TSSCONETID'],
  jointure: ['ENTPersonJointure'],
  ine: [],
  stsId: [],
  uai: [EDUCONNECT_OID(72), 'ENTPersonStructRattachRNE'],
  vector: ['FrEduVecteur'],
  lastName: ['sn', 'urn:oid:2.5.4.4'],
  firstName: ['givenName', 'urn:oid:2.5.4.42'],
  logoutUrl: [EDUCONNECT_OID(5), 'FrEduUrlRetour'],
};

/** OpenID Connect: FIM (guichet agents: `sub`, `rne`, `FrEduRne`) and ÉduConnect userinfo (`FrEduCtEleveINE`, `FrEduCtEleveUAI`). */
export const OIDC_DEFAULT_MAP: AttributeMap = {
  subject: [],
  eleveId: ['ENTEleveStructRattachId', 'TSSCONETID'],
  jointure: ['ENTPersonJointure'],
  ine: ['FrEduCtEleveINE'],
  stsId: [],
  uai: ['FrEduCtEleveUAI', 'rne', 'FrEduRne'],
  vector: ['FrEduVecteur'],
  lastName: ['family_name', 'sn'],
  firstName: ['given_name', 'givenName'],
  logoutUrl: ['FrEduUrlRetour'],
};

/** Names of the known attributes of an ÉduConnect SAML response, for the reader of a refusal or of the docs. */
export const EDUCONNECT_OIDS = { affiliation: EDUCONNECT_OID(7), id: EDUCONNECT_OID(57), ineHash: EDUCONNECT_OID(64), uai: EDUCONNECT_OID(72), logoutUrl: EDUCONNECT_OID(5) } as const;

const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 512;

/** Any released value (string, number, array, nested object with `_`) → trimmed strings, `;`-split. */
export function normaliseAttributes(raw: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name.length > 200) continue;
    const values: string[] = [];
    const push = (v: unknown) => {
      if (values.length >= MAX_VALUES) return;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        for (const part of String(v).split(';')) {
          const t = part.trim();
          if (t && t.length <= MAX_VALUE_LENGTH) values.push(t);
        }
      } else if (Array.isArray(v)) v.forEach(push);
      else if (v && typeof v === 'object' && '_' in v) push((v as { _: unknown })._);
    };
    push(value);
    if (values.length) out[name] = [...new Set(values)];
  }
  return out;
}

const pick = (attrs: Record<string, string[]>, names: string[]): string[] => names.flatMap((n) => attrs[n] ?? []);
const first = (attrs: Record<string, string[]>, names: string[]): string | null => pick(attrs, names)[0] ?? null;

/** `profil|nom|prénom|eleve_id|uai` → a vector, or null when malformed. */
export function parseVector(value: string): FrEduVector | null {
  const parts = value.split('|').map((p) => p.trim());
  if (parts.length < 5) return null;
  const profile = Number(parts[0]);
  if (!Number.isInteger(profile) || profile < 1 || profile > 4 || !parts[3]) return null;
  return { profile, lastName: parts[1]!, firstName: parts[2]!, eleveId: parts[3]!, uai: parts[4]!.toUpperCase() };
}

/** `FrEduRne` values look like `UAI$UAJ$PU$DIR$…`: the UAI is the first field. */
const uaiOf = (value: string) => value.split('$')[0]!.trim().toUpperCase();

/**
 * Build the assertion. `fallbackSubject` is the SAML NameID or the OIDC `sub`; it is used when the
 * map names no subject attribute or none was released. Returns null when there is no subject.
 */
export function toExternalAssertion(
  protocol: SsoProtocol,
  rawAttributes: Record<string, unknown>,
  map: AttributeMap,
  fallbackSubject: string | null,
): ExternalAssertion | null {
  const attributes = normaliseAttributes(rawAttributes);
  const subject = first(attributes, map.subject) ?? fallbackSubject?.trim() ?? null;
  if (!subject || subject.length > 255) return null;
  const vectors = pick(attributes, map.vector)
    .map(parseVector)
    .filter((v): v is FrEduVector => v !== null);
  const learnerVectorIds = vectors.filter((v) => v.profile >= 3).map((v) => v.eleveId);
  const jointureIds = pick(attributes, map.jointure)
    .map((v) => (v.includes('$') ? v.slice(v.lastIndexOf('$') + 1).trim() : ''))
    .filter(Boolean);
  const uais = [...pick(attributes, map.uai).map(uaiOf), ...vectors.map((v) => v.uai)].filter((u) => /^[0-9]{7}[A-Z]$/.test(u));
  const logout = first(attributes, map.logoutUrl);
  return {
    protocol,
    subject,
    attributes,
    eleveIds: [...new Set([...pick(attributes, map.eleveId), ...learnerVectorIds, ...jointureIds])],
    ines: [...new Set(pick(attributes, map.ine).map((i) => i.toUpperCase()))],
    stsIds: [...new Set(pick(attributes, map.stsId))],
    vectors,
    uais: [...new Set(uais)],
    lastName: first(attributes, map.lastName),
    firstName: first(attributes, map.firstName),
    logoutUrl: logout && /^https:\/\//.test(logout) ? logout : null,
  };
}
