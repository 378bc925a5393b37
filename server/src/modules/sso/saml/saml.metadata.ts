/**
 * Reading an identity provider's SAML 2 metadata (docs/sso.md « SAML / ÉduConnect »): its
 * entityID, where to send the AuthnRequest, its signing certificates (several during a key
 * rollover) and its logout address. Parsed with saxes, no tree, no DOCTYPE (so no entity
 * expansion), bounded in size.
 */
import { SaxesParser } from 'saxes';

export interface IdpMetadata {
  entityId: string;
  /** SingleSignOnService, HTTP-Redirect preferred, else HTTP-POST. */
  ssoUrl: string;
  ssoBinding: 'redirect' | 'post';
  /** Base64 DER of every signing certificate (`use="signing"` or no `use`). */
  signingCertificates: string[];
  /** SingleLogoutService (HTTP-Redirect), offered to the user on logout. */
  sloUrl: string | null;
}

export class SamlMetadataError extends Error {
  constructor(readonly reason: 'invalid_xml' | 'no_idp' | 'no_sso_url' | 'no_certificate' | 'too_large' | 'several_idps') {
    super(reason);
  }
}

export const MAX_METADATA_BYTES = 2 * 1024 * 1024;
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** Parse IdP metadata (an EntityDescriptor, or an EntitiesDescriptor holding exactly one IdP, or the one whose entityID is asked). */
export function parseIdpMetadata(xml: string, wantedEntityId?: string): IdpMetadata {
  if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES) throw new SamlMetadataError('too_large');
  const found: IdpMetadata[] = [];
  let entityId: string | null = null;
  let current: { redirect: string | null; post: string | null; certs: string[]; slo: string | null } | null = null;
  let keyUse: string | null = null;
  let inCert = false;
  let certText = '';
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('doctype', () => {
    throw new SamlMetadataError('invalid_xml');
  });
  parser.on('opentag', (tag) => {
    const name = local(tag.name);
    const attr = (n: string) => {
      const v = tag.attributes[n];
      return typeof v === 'string' ? v : null;
    };
    if (name === 'EntityDescriptor') entityId = attr('entityID');
    else if (name === 'IDPSSODescriptor') current = { redirect: null, post: null, certs: [], slo: null };
    else if (current && name === 'KeyDescriptor') keyUse = attr('use') ?? 'signing';
    else if (current && name === 'X509Certificate' && keyUse === 'signing') {
      inCert = true;
      certText = '';
    } else if (current && name === 'SingleSignOnService') {
      if (attr('Binding') === REDIRECT) current.redirect ??= attr('Location');
      if (attr('Binding') === POST) current.post ??= attr('Location');
    } else if (current && name === 'SingleLogoutService' && attr('Binding') === REDIRECT) current.slo ??= attr('Location');
  });
  parser.on('text', (t) => {
    if (inCert) certText += t;
  });
  parser.on('closetag', (tag) => {
    const name = local(tag.name);
    if (name === 'X509Certificate' && inCert) {
      inCert = false;
      const cert = certText.replace(/\s+/g, '');
      if (cert && current && !current.certs.includes(cert)) current.certs.push(cert);
    } else if (name === 'KeyDescriptor') keyUse = null;
    else if (name === 'IDPSSODescriptor' && current) {
      if (entityId) {
        const url = current.redirect ?? current.post;
        found.push({
          entityId,
          ssoUrl: url ?? '',
          ssoBinding: current.redirect ? 'redirect' : 'post',
          signingCertificates: current.certs,
          sloUrl: current.slo,
        });
      }
      current = null;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof SamlMetadataError) throw e;
    throw new SamlMetadataError('invalid_xml');
  }
  const candidates = wantedEntityId ? found.filter((f) => f.entityId === wantedEntityId) : found;
  if (candidates.length === 0) throw new SamlMetadataError('no_idp');
  if (candidates.length > 1) throw new SamlMetadataError('several_idps');
  const idp = candidates[0]!;
  if (!/^https?:\/\//.test(idp.ssoUrl)) throw new SamlMetadataError('no_sso_url');
  if (idp.signingCertificates.length === 0) throw new SamlMetadataError('no_certificate');
  return idp;
}

/** A base64 DER certificate as PEM (node-saml's `idpCert` accepts either; PEM is what people paste). */
export function certificateToPem(base64Der: string): string {
  const body = base64Der.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Normalise a pasted certificate (PEM or bare base64) to bare base64 DER, or null when it is not one. */
export function normaliseCertificate(text: string): string | null {
  const body = text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length < 200) return null;
  return body;
}
