import { describe, expect, it } from 'vitest';
import { draftOf, inputOf, newDraft, splitNames } from './provider-draft.ts';

describe('provider form draft', () => {
  it('starts each kind from its defaults and sends empty optional URLs as null', () => {
    const d = newDraft('cas');
    expect(d.settings).toMatchObject({ validatePath: '/p3/serviceValidate', loginPath: '/login' });
    const input = inputOf({ ...d, label: "  l'ENT ", settings: { ...d.settings, serverUrl: 'https://cas.e-lyco.fr', logoutUrl: '' } });
    expect(input).toMatchObject({ kind: 'cas', label: "l'ENT", settings: { serverUrl: 'https://cas.e-lyco.fr', logoutUrl: null } });
  });

  it('never sends back the answer-only secret flag, nor an empty secret (the stored one is kept)', () => {
    const d = draftOf({
      id: 'p',
      kind: 'oidc',
      label: 'Guichet',
      enabled: true,
      profiles: ['teacher'],
      settings: { issuer: 'https://fim.example', clientId: 'c', clientSecretSet: true },
      version: 3,
      loginUrl: '',
      spMetadataUrl: null,
      serviceUrl: null,
      linkedCount: 0,
    });
    const input = inputOf({ ...d, settings: { ...d.settings, clientSecret: '' } });
    expect(input.settings).not.toHaveProperty('clientSecretSet');
    expect(input.settings).not.toHaveProperty('clientSecret');
  });

  it('reads attribute names separated by commas', () => {
    expect(splitNames(' uid, ENTPersonJointure ,, ')).toEqual(['uid', 'ENTPersonJointure']);
  });
});
