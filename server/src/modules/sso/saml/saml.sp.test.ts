import { describe, expect, it } from 'vitest';
import { buildSamlResponse, idpMetadataXml, requestIdFromLoginUrl, TEST_IDP_ENTITY_ID, TEST_KEYS, type ResponseOptions } from '../../../../test/sso/saml-idp.ts';
import { EDUCONNECT_OID } from '../federation.attributes.ts';
import { parseIdpMetadata, SamlMetadataError } from './saml.metadata.ts';
import { consumeSamlResponse, samlLoginUrl, samlSpMetadata, SamlRefusal, type SamlIdpSettings, type SamlRequestStore, type SamlSpIdentity } from './saml.sp.ts';

/** In-memory stand-in for the `sso_states` store (the database one is tested in saml.db.test.ts). */
function memoryStore(): SamlRequestStore & { ids: Map<string, { at: string; consumed: boolean }> } {
  const ids = new Map<string, { at: string; consumed: boolean }>();
  return {
    ids,
    save: async (id, at) => void ids.set(id, { at, consumed: false }),
    pending: async (id) => (ids.get(id) && !ids.get(id)!.consumed ? ids.get(id)!.at : null),
    consume: async (id) => {
      const row = ids.get(id);
      if (!row || row.consumed) return false;
      row.consumed = true;
      return true;
    },
  };
}

const base = 'https://cerise.example.fr/api/v1/auth/sso/0869999X/p1/saml';
const sp: SamlSpIdentity = { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, privateKey: TEST_KEYS.spKey, certificate: TEST_KEYS.spCert };
const meta = parseIdpMetadata(idpMetadataXml());
const idp: SamlIdpSettings = { idpEntityId: meta.entityId, ssoUrl: meta.ssoUrl, idpCertificates: meta.signingCertificates };

const learnerAttrs = {
  [EDUCONNECT_OID(57)]: ['ec-7f3a2b'],
  [EDUCONNECT_OID(64)]: ['0123456789abcdef0123456789abcdef'],
  [EDUCONNECT_OID(72)]: ['0869999x'],
  [EDUCONNECT_OID(7)]: ['eleve2d'],
  [EDUCONNECT_OID(5)]: ['https://educonnect.test.invalid/logout'],
  sn: ['Lefèvre'],
  givenName: ['Zoé'],
};

async function round(opts: Partial<ResponseOptions>, store = memoryStore(), settings = idp) {
  const url = await samlLoginUrl(settings, sp, store);
  const requestId = await requestIdFromLoginUrl(url);
  const response = await buildSamlResponse({ spEntityId: sp.entityId, acsUrl: sp.acsUrl, inResponseTo: requestId, attributes: learnerAttrs, signResponse: true, ...opts });
  return { store, requestId, response, run: () => consumeSamlResponse(settings, sp, store, response) };
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SamlRefusal) return e.reason;
    throw e;
  }
  throw new Error('accepted');
}

describe('IdP metadata', () => {
  it('reads the entityID, the redirect SSO URL, every signing certificate (rollover) and the logout URL, not the encryption key', () => {
    const m = parseIdpMetadata(idpMetadataXml([TEST_KEYS.idpCert, TEST_KEYS.idp2Cert]));
    expect(m.entityId).toBe(TEST_IDP_ENTITY_ID);
    expect(m.ssoUrl).toBe('https://idp.test.invalid/idp/profile/SAML2/Redirect/SSO');
    expect(m.ssoBinding).toBe('redirect');
    expect(m.signingCertificates).toHaveLength(2);
    expect(m.sloUrl).toBe('https://idp.test.invalid/idp/profile/SAML2/Redirect/SLO');
  });
  it('refuses a DOCTYPE, a document without an IdP, and garbage', () => {
    expect(() => parseIdpMetadata('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).toThrow(SamlMetadataError);
    expect(() => parseIdpMetadata('<EntityDescriptor entityID="x"/>')).toThrow(SamlMetadataError);
    expect(() => parseIdpMetadata('pas du xml <')).toThrow(SamlMetadataError);
  });
});

describe('SAML response → ExternalAssertion', () => {
  it('reads the ÉduConnect OIDs: id as subject, UAI upper-cased, logout URL; the INE hash stays an attribute, never an INE', async () => {
    const { run } = await round({});
    const { assertion } = await run();
    expect(assertion.subject).toBe('ec-7f3a2b');
    expect(assertion.uais).toEqual(['0869999X']);
    expect(assertion.logoutUrl).toBe('https://educonnect.test.invalid/logout');
    expect(assertion.ines).toEqual([]);
    expect(assertion.attributes[EDUCONNECT_OID(64)]).toEqual(['0123456789abcdef0123456789abcdef']);
    expect(assertion.attributes[EDUCONNECT_OID(7)]).toEqual(['eleve2d']);
    expect([assertion.lastName, assertion.firstName]).toEqual(['Lefèvre', 'Zoé']);
  });

  it('reads a parent with two FrEduVecteur values (children in two establishments)', async () => {
    const { run } = await round({
      attributes: { [EDUCONNECT_OID(57)]: ['ec-parent-1'], FrEduVecteur: ['2|MARTIN|Claire|123456|0869999X', '1|MARTIN|Claire|654321|0861234a'] },
    });
    const { assertion } = await run();
    expect(assertion.vectors).toEqual([
      { profile: 2, lastName: 'MARTIN', firstName: 'Claire', eleveId: '123456', uai: '0869999X' },
      { profile: 1, lastName: 'MARTIN', firstName: 'Claire', eleveId: '654321', uai: '0861234A' },
    ]);
    expect(assertion.eleveIds).toEqual([]); // a parent's vectors are the children's ids, not theirs
    expect(assertion.vectors.map((v) => v.uai)).toEqual(['0869999X', '0861234A']);
  });

  it('accepts a signed assertion in an unsigned response, and an encrypted signed assertion', async () => {
    expect((await (await round({ signResponse: false, signAssertion: true })).run()).assertion.subject).toBe('ec-7f3a2b');
    expect((await (await round({ signResponse: false, signAssertion: true, encrypt: true })).run()).assertion.subject).toBe('ec-7f3a2b');
    expect((await (await round({ signResponse: true, encrypt: true })).run()).assertion.subject).toBe('ec-7f3a2b');
  });

  it('accepts a response signed with the second certificate during a rollover, refuses an unknown key', async () => {
    const rollover = { ...idp, idpCertificates: [TEST_KEYS.idpCert, TEST_KEYS.idp2Cert] };
    expect((await (await round({ signingKey: 'idp2' }, memoryStore(), rollover)).run()).assertion.subject).toBe('ec-7f3a2b');
    expect(await refusal((await round({ signingKey: 'idp2' })).run())).toBe('bad_signature');
  });

  it('refuses an unsigned response (neither the response nor the assertion signed)', async () => {
    expect(await refusal((await round({ signResponse: false, signAssertion: false })).run())).toBe('unsigned');
  });

  it('refuses an expired assertion', async () => {
    expect(await refusal((await round({ notBefore: -900, notOnOrAfter: -600, issueInstant: -900 })).run())).toBe('expired');
  });

  it('accepts a clock 90 s off either way (default skew 2 min), refuses 3 min off', async () => {
    // IdP clock ahead: NotBefore 90 s in our future.
    expect((await (await round({ notBefore: 90, issueInstant: 90 })).run()).assertion.subject).toBe('ec-7f3a2b');
    // IdP clock behind: NotOnOrAfter 90 s in our past.
    expect((await (await round({ notBefore: -400, notOnOrAfter: -90, issueInstant: -400 })).run()).assertion.subject).toBe('ec-7f3a2b');
    expect(await refusal((await round({ notBefore: 180, issueInstant: 180 })).run())).toBe('not_yet_valid');
    expect(await refusal((await round({ notBefore: -400, notOnOrAfter: -180, issueInstant: -400 })).run())).toBe('expired');
  });

  it('applies a configured skew (0 s refuses what 2 min accepted)', async () => {
    expect(await refusal((await round({ notBefore: 90, issueInstant: 90 }, memoryStore(), { ...idp, clockSkewSeconds: 0 })).run())).toBe('not_yet_valid');
  });

  it('refuses a wrong audience, a wrong destination, another issuer', async () => {
    expect(await refusal((await round({ audience: 'https://other-sp.example.fr/metadata' })).run())).toBe('wrong_audience');
    expect(await refusal((await round({ destination: 'https://other-sp.example.fr/acs' })).run())).toBe('wrong_destination');
    expect(await refusal((await round({ issuer: 'https://evil.test.invalid/idp' })).run())).toBe('wrong_issuer');
  });

  it('refuses a replayed response (InResponseTo consumed once) and a response to a request never sent', async () => {
    const { run } = await round({});
    await run();
    expect(await refusal(run())).toBe('unknown_request');
    const store = memoryStore();
    const stray = await buildSamlResponse({ spEntityId: sp.entityId, acsUrl: sp.acsUrl, inResponseTo: '_never-sent', attributes: learnerAttrs, signResponse: true });
    expect(await refusal(consumeSamlResponse(idp, sp, store, stray))).toBe('unknown_request');
    const unsolicited = await buildSamlResponse({ spEntityId: sp.entityId, acsUrl: sp.acsUrl, inResponseTo: null, attributes: learnerAttrs, signResponse: true });
    expect(await refusal(consumeSamlResponse(idp, sp, store, unsolicited))).toBe('unknown_request');
  });

  it('lets only one of two simultaneous copies of a response through', async () => {
    const { run } = await round({});
    const results = await Promise.allSettled([run(), run()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses garbage without throwing anything else', async () => {
    expect(await refusal(consumeSamlResponse(idp, sp, memoryStore(), '!!!'))).toBe('invalid');
    expect(await refusal(consumeSamlResponse(idp, sp, memoryStore(), Buffer.from('<x').toString('base64')))).toBe('invalid');
  });

  it('publishes SP metadata with our entityID, the POST ACS and the encryption certificate', () => {
    const xml = samlSpMetadata(idp, sp);
    expect(xml).toContain(`entityID="${sp.entityId}"`);
    expect(xml).toContain(`Location="${sp.acsUrl}"`);
    expect(xml).toContain('use="encryption"');
  });
});
