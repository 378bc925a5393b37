import { FileButton, Group, NumberInput, PasswordInput, Stack, Text, Textarea, TextInput, Button } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import type { KindFieldsProps } from './ProviderKindFields.tsx';

/*
 * The SAML and OpenID Connect parts of the provider form (docs/sso.md « SAML / ÉduConnect »,
 * « OpenID Connect »). SAML: the IdP's metadata file fills the entity id, the login address and
 * the signing certificates; each can also be typed. OIDC: issuer, client id and secret (write-only).
 */

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Certificates pasted one after the other (PEM blocks, or bare base64 separated by blank lines). */
export function splitCertificates(text: string): string[] {
  const pem = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  if (pem) return pem.map((c) => c.trim());
  return text
    .split(/\n\s*\n/)
    .map((c) => c.replace(/\s+/g, ''))
    .filter((c) => c.length > 0);
}

const pemOf = (base64: string) => `-----BEGIN CERTIFICATE-----\n${(base64.replace(/\s+/g, '').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----`;

/** entityID, SSO location (Redirect, else POST), signing certificates and SLO of an IdP metadata document, or null. */
export function readIdpMetadata(xml: string): { idpEntityId: string; ssoUrl: string; idpCerts: string[]; logoutUrl: string | null } | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  const byName = (root: Element | Document, name: string) => [...root.getElementsByTagNameNS('*', name)];
  const idp = byName(doc, 'IDPSSODescriptor')[0];
  const entity = idp?.closest('*|EntityDescriptor') ?? byName(doc, 'EntityDescriptor')[0];
  if (!idp || !entity) return null;
  const sso = byName(idp, 'SingleSignOnService');
  const location = (binding: string) => sso.find((s) => s.getAttribute('Binding')?.endsWith(binding))?.getAttribute('Location') ?? null;
  const certs = byName(idp, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => byName(k, 'X509Certificate').map((c) => pemOf(c.textContent ?? '')));
  const slo = byName(idp, 'SingleLogoutService').find((s) => s.getAttribute('Binding')?.endsWith('HTTP-Redirect'))?.getAttribute('Location') ?? null;
  return { idpEntityId: entity.getAttribute('entityID') ?? '', ssoUrl: location('HTTP-Redirect') ?? location('HTTP-POST') ?? '', idpCerts: [...new Set(certs)], logoutUrl: slo };
}

export function SamlFields({ settings, onChange, errors }: KindFieldsProps) {
  const [certText, setCertText] = useState(() => list(settings.idpCerts).join('\n\n'));
  const [fileError, setFileError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const onFile = async (file: File | null) => {
    if (!file) return;
    const xml = await file.text();
    const meta = readIdpMetadata(xml);
    if (!meta || !meta.idpEntityId || !meta.ssoUrl || meta.idpCerts.length === 0) {
      setFileError(t('ssoImport.saml.metadataUnreadable'));
      return;
    }
    setFileError(null);
    setLoaded(file.name);
    setCertText(meta.idpCerts.join('\n\n'));
    onChange({ idpMetadataXml: xml.length <= 500_000 ? xml : null, idpEntityId: meta.idpEntityId, ssoUrl: meta.ssoUrl, idpCerts: meta.idpCerts, ...(meta.logoutUrl ? { logoutUrl: meta.logoutUrl } : {}) });
  };
  return (
    <Stack gap="sm">
      <Text size="sm">{t('ssoImport.saml.intro')}</Text>
      <Group gap="sm" align="center">
        <FileButton onChange={(f) => void onFile(f)} accept=".xml,application/xml,text/xml,application/samlmetadata+xml">
          {(props) => (
            <Button variant="outline" leftSection={<IconFileUpload size={18} aria-hidden="true" />} {...props}>
              {t('ssoImport.saml.metadataFile')}
            </Button>
          )}
        </FileButton>
        {loaded && <Text size="sm">{t('ssoImport.saml.metadataLoaded', { name: loaded })}</Text>}
      </Group>
      {fileError && (
        <Text size="sm" c="red.8" role="alert">
          {fileError}
        </Text>
      )}
      <TextInput
        label={t('ssoImport.saml.metadataUrl')}
        description={t('ssoImport.saml.metadataUrlHint')}
        type="url"
        value={str(settings.idpMetadataUrl)}
        onChange={(e) => onChange({ idpMetadataUrl: e.currentTarget.value.trim() })}
      />
      <TextInput label={t('ssoImport.saml.entityId')} required value={str(settings.idpEntityId)} error={errors.idpEntityId} onChange={(e) => onChange({ idpEntityId: e.currentTarget.value.trim() })} />
      <TextInput label={t('ssoImport.saml.ssoUrl')} required type="url" value={str(settings.ssoUrl)} error={errors.ssoUrl} onChange={(e) => onChange({ ssoUrl: e.currentTarget.value.trim() })} />
      <Textarea
        label={t('ssoImport.saml.certs')}
        description={t('ssoImport.saml.certsHint')}
        required
        autosize
        minRows={4}
        maxRows={12}
        className="admin-mono"
        value={certText}
        error={errors.idpCerts}
        onChange={(e) => {
          setCertText(e.currentTarget.value);
          onChange({ idpCerts: splitCertificates(e.currentTarget.value) });
        }}
      />
      <NumberInput
        label={t('ssoImport.saml.clockSkew')}
        description={t('ssoImport.saml.clockSkewHint')}
        min={0}
        max={600}
        value={typeof settings.clockSkewSeconds === 'number' ? settings.clockSkewSeconds : 120}
        onChange={(v) => onChange({ clockSkewSeconds: typeof v === 'number' ? v : 120 })}
      />
      <TextInput label={t('ssoImport.saml.logoutUrl')} type="url" value={str(settings.logoutUrl)} onChange={(e) => onChange({ logoutUrl: e.currentTarget.value.trim() })} />
    </Stack>
  );
}

export function OidcFields({ settings, onChange, errors }: KindFieldsProps) {
  const [scopes, setScopes] = useState(() => list(settings.scopes).join(' '));
  return (
    <Stack gap="sm">
      <TextInput label={t('ssoImport.oidc.issuer')} description={t('ssoImport.oidc.issuerHint')} required type="url" value={str(settings.issuer)} error={errors.issuer} onChange={(e) => onChange({ issuer: e.currentTarget.value.trim() })} />
      <TextInput label={t('ssoImport.oidc.clientId')} required value={str(settings.clientId)} error={errors.clientId} onChange={(e) => onChange({ clientId: e.currentTarget.value.trim() })} />
      <PasswordInput
        label={t('ssoImport.oidc.clientSecret')}
        description={settings.clientSecretSet ? t('ssoImport.oidc.clientSecretKept') : t('ssoImport.oidc.clientSecretHint')}
        value={str(settings.clientSecret)}
        autoComplete="new-password"
        onChange={(e) => onChange({ clientSecret: e.currentTarget.value })}
      />
      <TextInput
        label={t('ssoImport.oidc.scopes')}
        description={t('ssoImport.oidc.scopesHint')}
        value={scopes}
        onChange={(e) => {
          setScopes(e.currentTarget.value);
          onChange({ scopes: e.currentTarget.value.split(/[\s,]+/).filter(Boolean) });
        }}
      />
      <TextInput label={t('ssoImport.oidc.logoutUrl')} type="url" value={str(settings.logoutUrl)} onChange={(e) => onChange({ logoutUrl: e.currentTarget.value.trim() })} />
    </Stack>
  );
}
