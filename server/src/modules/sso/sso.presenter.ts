import type { ExternalIdentity, Provider, PublicProvider } from '@cerise/common';
import { parseJson, providerProfiles, providerUrls } from './sso.providers.ts';
import type { ProviderRow } from './sso.repository.ts';

/** A provider for Paramètres: settings without the OIDC client secret, and the URLs to give the IdP. */
export function presentProvider(publicUrl: string, uai: string, row: ProviderRow, linkedCount: number): Provider {
  const settings = { ...((parseJson(row.settings) as Record<string, unknown> | null) ?? {}) };
  if (row.kind === 'oidc') {
    settings.clientSecretSet = typeof settings.clientSecret === 'string' && settings.clientSecret.length > 0;
    delete settings.clientSecret;
  }
  const urls = providerUrls(publicUrl, uai, row);
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    enabled: row.enabled === 1,
    profiles: providerProfiles(row),
    settings,
    version: row.version,
    loginUrl: urls.loginUrl,
    spMetadataUrl: urls.spMetadataUrl,
    serviceUrl: urls.serviceUrl,
    linkedCount,
  };
}

/** A login button: the path the browser follows (same origin). */
export function presentPublicProvider(uai: string, row: ProviderRow): PublicProvider {
  return { id: row.id, kind: row.kind, label: row.label, loginUrl: providerUrls('', uai, row).loginUrl };
}

type IdentityWithProvider = {
  id: string;
  provider_id: string;
  provider_label: string;
  provider_kind: 'cas' | 'saml' | 'oidc';
  subject: string;
  rule: ExternalIdentity['rule'];
  linked_at: string;
  linked_by_user_id: string | null;
};

export function presentIdentity(
  row: IdentityWithProvider,
  linkers: ReadonlyMap<string, { id: string; login: string; last_name: string; first_name: string }>,
): ExternalIdentity {
  const by = row.linked_by_user_id ? linkers.get(row.linked_by_user_id) : undefined;
  return {
    id: row.id,
    providerId: row.provider_id,
    providerLabel: row.provider_label,
    providerKind: row.provider_kind,
    subject: row.subject,
    rule: row.rule,
    linkedAt: row.linked_at,
    linkedBy: by ? { id: by.id, login: by.login, lastName: by.last_name, firstName: by.first_name } : null,
  };
}
