// Single sign-on tables (migration 0007): providers per establishment, external identities, states.
import type { Flag } from './foundation.ts';

export type SsoProviderKind = 'cas' | 'saml' | 'oidc';

/** An identity provider of one establishment (docs/sso.md). */
export interface SsoProvidersTable {
  id: string;
  establishment_id: string;
  kind: SsoProviderKind;
  label: string;
  enabled: Flag;
  /** JSON array of the profiles it serves (`learner`, `parent`, `teacher`, `administrator`). */
  profiles: string;
  /** JSON, kind-specific (`SsoProviderSettings` in common/src/sso.schemas.ts). */
  settings: string;
  /** The IdP itself (CAS server URL, SAML IdP entity id, OIDC issuer), normalised; see `idpKeyOf` in sso.providers.ts. */
  idp_key: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** How an external identity came to be linked to an account. */
export type ExternalIdentityRule = 'existing' | 'eleve_id' | 'ine' | 'sts_id' | 'parent_vector' | 'admin' | 'import' | 'copy_login';

/** (provider, subject) → account; unique per (provider, subject). */
export interface ExternalIdentitiesTable {
  id: string;
  establishment_id: string;
  user_id: string;
  provider_id: string;
  subject: string;
  rule: ExternalIdentityRule;
  linked_by_user_id: string | null;
  linked_at: string;
}

/**
 * One short-lived protocol state: CAS login, SAML AuthnRequest id (InResponseTo, replay refusal),
 * OIDC state/nonce/PKCE verifier, a pending multi-account choice, a refusal to show. `id` is the
 * SHA-256 of the random token the browser or the IdP carries; consumed once.
 */
export type SsoStatePurpose = 'cas' | 'saml_request' | 'oidc' | 'choice' | 'refusal';

export interface SsoStatesTable {
  id: string;
  establishment_id: string;
  provider_id: string | null;
  purpose: SsoStatePurpose;
  /** JSON, purpose-specific. */
  data: string;
  created_at: string;
  expires_at: string;
  consumed_at: string | null;
}

/** The SAML SP key pair of a SAML provider (PEM), made at first use (saml/saml.keys.ts). */
export interface SsoSpKeysTable {
  /** Every durable table has an `id` (backups page on it). */
  id: string;
  provider_id: string;
  establishment_id: string;
  private_key: string;
  certificate: string;
  created_at: string;
}

export interface SsoTables {
  sso_providers: SsoProvidersTable;
  external_identities: ExternalIdentitiesTable;
  sso_states: SsoStatesTable;
  sso_sp_keys: SsoSpKeysTable;
}
