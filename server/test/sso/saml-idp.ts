/**
 * A test SAML identity provider: builds Responses the way ÉduConnect or an académie federation
 * would, signed with the fixture keys of `keys/` by xml-crypto (response, assertion, both or
 * neither), optionally with an encrypted assertion. Test-only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignedXml } from 'xml-crypto';
// xml-encryption comes with node-saml (which decrypts with it); the test IdP encrypts with it.
import xmlenc from 'xml-encryption';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'keys');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

export const TEST_KEYS = {
  idpKey: read('idp.key'),
  idpCert: read('idp.crt'),
  idp2Key: read('idp2.key'),
  idp2Cert: read('idp2.crt'),
  spKey: read('sp.key'),
  spCert: read('sp.crt'),
};

export const TEST_IDP_ENTITY_ID = 'https://idp.test.invalid/idp/shibboleth';

export interface ResponseOptions {
  spEntityId: string;
  acsUrl: string;
  inResponseTo: string | null;
  nameId?: string;
  attributes?: Record<string, string[]>;
  /** Offsets from now, in seconds. */
  notBefore?: number;
  notOnOrAfter?: number;
  issueInstant?: number;
  audience?: string;
  destination?: string | null;
  issuer?: string;
  signResponse?: boolean;
  signAssertion?: boolean;
  encrypt?: boolean;
  /** The SP certificate to encrypt for (default: the fixture SP key of `keys/`). */
  encryptFor?: string;
  /** Which key signs: the registered one, or a key the SP does not know. */
  signingKey?: 'idp' | 'idp2';
}

const iso = (offsetSeconds: number) => new Date(Date.now() + offsetSeconds * 1000).toISOString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const id = () => `_${crypto.randomBytes(16).toString('hex')}`;

function sign(xml: string, elementLocalName: 'Response' | 'Assertion', which: 'idp' | 'idp2'): string {
  const sig = new SignedXml({
    privateKey: which === 'idp' ? TEST_KEYS.idpKey : TEST_KEYS.idp2Key,
    publicCert: which === 'idp' ? TEST_KEYS.idpCert : TEST_KEYS.idp2Cert,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[local-name(.)='${elementLocalName}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, {
    location: { reference: `//*[local-name(.)='${elementLocalName}']/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

function encrypt(assertionXml: string, certificate: string): Promise<string> {
  return new Promise((resolve, reject) => {
    xmlenc.encrypt(
      assertionXml,
      {
        rsa_pub: certificate,
        pem: certificate,
        encryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (err: Error | null, result: string) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** A base64 `SAMLResponse` as the IdP would POST it to the ACS. */
export async function buildSamlResponse(o: ResponseOptions): Promise<string> {
  const issuer = o.issuer ?? TEST_IDP_ENTITY_ID;
  const notBefore = iso(o.notBefore ?? -30);
  const notOnOrAfter = iso(o.notOnOrAfter ?? 300);
  const instant = iso(o.issueInstant ?? 0);
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${esc(o.inResponseTo)}"` : '';
  const attrs = Object.entries(o.attributes ?? {})
    .map(
      ([name, values]) =>
        `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${values
          .map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${esc(v)}</saml:AttributeValue>`)
          .join('')}</saml:Attribute>`,
    )
    .join('');
  let assertion =
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${instant}">` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${esc(o.nameId ?? 'AAdzZWNyZXQx')}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${esc(o.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${esc(o.audience ?? o.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="${id()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const signer = o.signingKey ?? 'idp';
  if (o.signAssertion) assertion = sign(assertion, 'Assertion', signer);
  if (o.encrypt) assertion = `<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${await encrypt(assertion, o.encryptFor ?? TEST_KEYS.spCert)}</saml:EncryptedAssertion>`;
  const destination = o.destination === null ? '' : ` Destination="${esc(o.destination ?? o.acsUrl)}"`;
  let response =
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id()}" Version="2.0" IssueInstant="${instant}"${destination}${inResponseTo}>` +
    `<saml:Issuer>${esc(issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  if (o.signResponse) response = sign(response, 'Response', signer);
  return Buffer.from(response, 'utf8').toString('base64');
}

/** IdP metadata as ÉduConnect publishes it (entityID, SSO redirect + POST, signing certificates, SLO). */
export function idpMetadataXml(certs: string[] = [TEST_KEYS.idpCert], ssoUrl = 'https://idp.test.invalid/idp/profile/SAML2/Redirect/SSO', entityId = TEST_IDP_ENTITY_ID): string {
  const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const keys = certs
    .map((c) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(entityId)}">` +
    `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${keys}` +
    `<md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body(TEST_KEYS.spCert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.test.invalid/idp/profile/SAML2/Redirect/SLO"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(ssoUrl.replace('Redirect', 'POST'))}"/>` +
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(ssoUrl)}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`
  );
}

/** The AuthnRequest id inside a HTTP-Redirect login URL (deflated, base64). */
export async function requestIdFromLoginUrl(url: string): Promise<string> {
  const zlib = await import('node:zlib');
  const request = new URL(url).searchParams.get('SAMLRequest')!;
  const xml = zlib.inflateRawSync(Buffer.from(request, 'base64')).toString('utf8');
  return /ID="([^"]+)"/.exec(xml)![1]!;
}
