import type { AttributeMap, Profile, Provider, ProviderInput, SsoKind } from '@cerise/common';

/*
 * The provider form's draft (docs/sso.md « Configurer un fournisseur »): common fields, and the
 * kind-specific settings kept as the API sends them. Each kind's fields edit `settings`
 * (ProviderKindFields.tsx); attribute names are typed as comma-separated lists.
 */

export type ProviderDraft = {
  kind: SsoKind;
  label: string;
  enabled: boolean;
  profiles: Profile[];
  settings: Record<string, unknown>;
};

export const ATTRIBUTE_KEYS = ['subject', 'eleveId', 'ine', 'stsId', 'jointure', 'vector', 'uai', 'lastName', 'firstName', 'logoutUrl'] as const satisfies readonly (keyof AttributeMap)[];

export const DEFAULT_SETTINGS: Record<SsoKind, Record<string, unknown>> = {
  cas: { preset: 'manuel', serverUrl: '', validatePath: '/p3/serviceValidate', loginPath: '/login', logoutUrl: null, attributeMap: {} },
  saml: { preset: 'manuel', idpEntityId: '', ssoUrl: '', idpCerts: [], clockSkewSeconds: 120, wantEncrypted: false, attributeMap: {} },
  oidc: { preset: 'manuel', issuer: '', clientId: '', scopes: ['openid', 'profile'], attributeMap: {} },
};

export function newDraft(kind: SsoKind = 'cas'): ProviderDraft {
  return { kind, label: '', enabled: true, profiles: ['learner', 'parent'], settings: structuredClone(DEFAULT_SETTINGS[kind]) };
}

export function draftOf(p: Provider): ProviderDraft {
  return { kind: p.kind, label: p.label, enabled: p.enabled, profiles: p.profiles, settings: { ...DEFAULT_SETTINGS[p.kind], ...p.settings } };
}

/** `a, b ,c` → ['a', 'b', 'c']. */
export const splitNames = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** What is sent: empty optional URLs as null, answer-only fields dropped. */
export function inputOf(d: ProviderDraft): ProviderInput {
  const settings: Record<string, unknown> = { ...d.settings };
  delete settings.clientSecretSet;
  for (const key of ['logoutUrl', 'idpMetadataUrl', 'idpMetadataXml']) if (settings[key] === '') settings[key] = null;
  if (d.kind === 'oidc' && settings.clientSecret === '') delete settings.clientSecret;
  return { kind: d.kind, label: d.label.trim(), enabled: d.enabled, profiles: d.profiles, settings } as ProviderInput;
}
