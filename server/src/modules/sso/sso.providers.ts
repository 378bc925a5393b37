import {
  CasSettingsSchema,
  OidcSettingsSchema,
  PROFILES,
  SamlSettingsSchema,
  type AttributeMap,
  type CasPreset,
  type Profile,
  type SsoKind,
} from '@cerise/common';
import type { ProviderRow } from './sso.repository.ts';

/*
 * Provider settings (docs/sso.md « Configurer un fournisseur »): parsing the stored JSON, the key
 * that identifies the IdP itself across establishments, the URLs the login page and the IdP need,
 * and the CAS presets.
 */

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function providerProfiles(row: Pick<ProviderRow, 'profiles'>): Profile[] {
  const v = parseJson(row.profiles);
  return Array.isArray(v) ? (v.filter((p) => (PROFILES as readonly string[]).includes(p)) as Profile[]) : [];
}

/** The stored settings, parsed for the provider's kind (defaults filled); throws on a corrupt row. */
export function casSettings(row: Pick<ProviderRow, 'settings'>) {
  return CasSettingsSchema.parse(parseJson(row.settings));
}
export function samlSettings(row: Pick<ProviderRow, 'settings'>) {
  return SamlSettingsSchema.parse(parseJson(row.settings));
}
export function oidcSettings(row: Pick<ProviderRow, 'settings'>) {
  return OidcSettingsSchema.parse(parseJson(row.settings));
}

/** The attribute map of any kind's settings (empty keys fall back to the defaults in sso.attributes.ts). */
export function attributeMapOf(row: Pick<ProviderRow, 'settings'>): Partial<AttributeMap> {
  const v = parseJson(row.settings) as { attributeMap?: Partial<AttributeMap> } | null;
  return v?.attributeMap ?? {};
}

/** The provider's logout URL, when its settings give one. */
export function logoutUrlOf(row: Pick<ProviderRow, 'settings'>): string | null {
  const v = parseJson(row.settings) as { logoutUrl?: unknown } | null;
  return typeof v?.logoutUrl === 'string' && /^https?:\/\//.test(v.logoutUrl) ? v.logoutUrl : null;
}

const trimUrl = (u: string) => {
  try {
    const url = new URL(u);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return u.trim();
  }
};

/** What identifies the IdP itself: CAS server URL, SAML IdP entity id, OIDC issuer (normalised). */
export function idpKeyOf(kind: SsoKind, settings: Record<string, unknown>): string {
  if (kind === 'cas' && typeof settings.serverUrl === 'string') return `cas:${trimUrl(settings.serverUrl)}`;
  if (kind === 'saml' && typeof settings.idpEntityId === 'string') return `saml:${settings.idpEntityId.trim()}`;
  if (kind === 'oidc' && typeof settings.issuer === 'string') return `oidc:${trimUrl(settings.issuer)}`;
  return '';
}

/** The URLs of a provider under the public address (docs/sso.md): login button, CAS service, SAML metadata. */
export function providerUrls(publicUrl: string, uai: string, row: Pick<ProviderRow, 'id' | 'kind'>) {
  const base = `${publicUrl}/api/v1/auth/sso/${encodeURIComponent(uai)}/${row.id}`;
  return {
    loginUrl: `${base}/${row.kind}/login`,
    serviceUrl: row.kind === 'cas' ? `${base}/cas/callback` : null,
    spMetadataUrl: row.kind === 'saml' ? `${base}/saml/metadata` : null,
    acsUrl: row.kind === 'saml' ? `${base}/saml/acs` : null,
    oidcRedirectUrl: row.kind === 'oidc' ? `${base}/oidc/callback` : null,
  };
}

/**
 * CAS servers of common ENTs, from SACoche's connector catalogue (`$tab_serveur_cas` in
 * `_inc/tableau_sso.php`, docs/sso.md « Préréglages CAS »): the server root, CAS's standard paths
 * and `/logout`. « Saisie manuelle » leaves every field to the administrator.
 */
const preset = (id: string, label: string, serverUrl: string): CasPreset => ({
  id,
  label,
  serverUrl,
  validatePath: '/p3/serviceValidate',
  loginPath: '/login',
  logoutUrl: `${serverUrl}/logout`,
});

export const CAS_PRESETS: CasPreset[] = [
  { id: 'manuel', label: 'Saisie manuelle', serverUrl: null, validatePath: '/p3/serviceValidate', loginPath: '/login', logoutUrl: null },
  preset('kosmos_auvergne-rhone-alpes', 'ENT Auvergne-Rhône-Alpes (Kosmos)', 'https://cas.ent.auvergnerhonealpes.fr'),
  preset('kosmos_elyco', 'e-lyco, Pays de la Loire (Kosmos)', 'https://cas.e-lyco.fr'),
  preset('kosmos_occitanie', 'Mon ENT Occitanie (Kosmos)', 'https://cas.mon-ent-occitanie.fr'),
  preset('netocentre_orleanstours', 'NetOcentre lycées, Centre-Val de Loire', 'https://lycees.netocentre.fr/cas'),
  preset('laclasse', 'Laclasse.com, Lyon', 'https://www.laclasse.com/sso'),
  preset('toutatice', 'Toutatice, Bretagne', 'https://www.toutatice.fr/idp/profile/cas'),
];
