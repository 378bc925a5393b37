import type { AttributeMap } from '@cerise/common';
import type { ExternalAssertion, FrEduVector, SsoProtocol } from './sso.types.ts';

/*
 * From what an identity provider released to an `ExternalAssertion` (docs/sso.md « Attributs lus »).
 * Pure: every protocol adapter (CAS, SAML, OIDC) calls `buildAssertion` once it has verified the
 * answer. Attribute shapes vary between ENTs: multi-valued, Jasig-style, values joined by `;`
 * (docs/sso.md « Pièges connus »), so every value is split on `;` and trimmed, and names are
 * compared without case.
 */

/** Raw attributes as a protocol library gives them: a string, several strings, or nothing. */
export type RawAttributes = Record<string, string | readonly string[] | null | undefined>;

/** Splits `;`-joined values, trims, drops empties and duplicates, keeps names as sent. */
export function normaliseAttributes(raw: RawAttributes): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const values = (typeof value === 'string' ? [value] : value).flatMap((v) => String(v).split(';'));
    const clean = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && v.length <= 1000))];
    if (clean.length === 0) continue;
    out[name] = [...(out[name] ?? []), ...clean.filter((v) => !(out[name] ?? []).includes(v))];
  }
  return out;
}

/** The values of the first attribute of `names` that was released (names compared without case). */
export function readAttribute(attributes: Record<string, string[]>, names: readonly string[]): string[] {
  const byLower = new Map(Object.entries(attributes).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of names) {
    const values = byLower.get(name.toLowerCase());
    if (values && values.length > 0) return values;
  }
  return [];
}

/** `profil|nom|prénom|eleve_id|uai` → a vector, or null when it is not one. */
export function parseVector(value: string): FrEduVector | null {
  const parts = value.split('|').map((p) => p.trim());
  if (parts.length < 5) return null;
  const [profile, lastName, firstName, eleveId, uai] = parts as [string, string, string, string, string];
  const n = Number(profile);
  if (!Number.isInteger(n) || n < 1 || n > 4 || !eleveId || !uai) return null;
  return { profile: n, lastName, firstName, eleveId, uai: uai.toUpperCase() };
}

/** `AC-ORLEANS-TOURS$1234` → `1234`; a value without `$` is taken whole. */
export function jointureSuffix(value: string): string | null {
  const suffix = value.includes('$') ? value.slice(value.lastIndexOf('$') + 1) : value;
  const s = suffix.trim();
  return s.length > 0 ? s : null;
}

const uniq = (values: readonly string[]) => [...new Set(values)];

/** The default attribute names per key: what ENTs (CAS), EduConnect and the académies' guichets release. */
export const DEFAULT_ATTRIBUTE_MAP: AttributeMap = {
  subject: [],
  eleveId: ['ENTEleveStructRattachId', 'TSSCONETID'],
  ine: ['ENTEleveINE', 'INE', 'FrEduCtEleveINE'],
  stsId: [],
  jointure: ['ENTPersonJointure'],
  vector: ['FrEduVecteur'],
  uai: ['ENTPersonStructRattachRNE', 'ENTPersonStructRattachUAI', 'rne', 'FrEduCtEleveUAI'],
  lastName: ['nom', 'sn', 'ENTPersonNom'],
  firstName: ['prenom', 'givenName', 'ENTPersonPrenom'],
  logoutUrl: [],
};

/** Each key of `map` when it names attributes, otherwise the default names. */
export function effectiveMap(map: Partial<AttributeMap> | undefined): AttributeMap {
  const out = { ...DEFAULT_ATTRIBUTE_MAP };
  for (const key of Object.keys(out) as (keyof AttributeMap)[]) {
    const names = map?.[key];
    if (names && names.length > 0) out[key] = names;
  }
  return out;
}

/**
 * Builds the assertion from a verified answer. `subject` is the protocol's own id (`cas:user`,
 * NameID, `sub`), replaced by the `subject` attribute when the map names one that was released.
 */
export function buildAssertion(protocol: SsoProtocol, subject: string, raw: RawAttributes, map?: Partial<AttributeMap>): ExternalAssertion {
  const attributes = normaliseAttributes(raw);
  const m = effectiveMap(map);
  const read = (key: keyof AttributeMap) => readAttribute(attributes, m[key]);
  const subjectAttr = m.subject.length > 0 ? readAttribute(attributes, m.subject)[0] : undefined;
  const vectors = read('vector')
    .map(parseVector)
    .filter((v): v is FrEduVector => v !== null);
  const logoutUrl = read('logoutUrl').find((v) => /^https?:\/\//.test(v)) ?? null;
  return {
    protocol,
    subject: (subjectAttr ?? subject).trim(),
    attributes,
    eleveIds: uniq(read('eleveId')),
    ines: uniq(read('ine').map((v) => v.toUpperCase())),
    stsIds: uniq(read('stsId')),
    personIds: [],
    jointureIds: uniq(read('jointure').map(jointureSuffix).filter((v): v is string => v !== null)),
    vectors,
    uais: uniq(read('uai').map((v) => v.toUpperCase())),
    lastName: read('lastName')[0] ?? null,
    firstName: read('firstName')[0] ?? null,
    logoutUrl,
  };
}
