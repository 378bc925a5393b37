import { describe, expect, it } from 'vitest';
import { buildAssertion, jointureSuffix, normaliseAttributes, parseVector } from './sso.attributes.ts';

describe('attributes', () => {
  it('splits values joined by « ; », trims, drops empties and duplicates', () => {
    expect(normaliseAttributes({ a: 'x; y;;x', b: ['1', '2;3'], c: '', d: null })).toEqual({ a: ['x', 'y'], b: ['1', '2', '3'] });
  });

  it('reads vectors, join keys and UAIs, and compares names without case', () => {
    expect(parseVector('2|Lefèvre|Hélène|100|0861234a')).toEqual({ profile: 2, lastName: 'Lefèvre', firstName: 'Hélène', eleveId: '100', uai: '0861234A' });
    expect(parseVector('9|a|b|c|d')).toBeNull();
    expect(parseVector('1|a|b')).toBeNull();
    expect(jointureSuffix('AC-ORLEANS-TOURS$1234')).toBe('1234');
    expect(jointureSuffix('5678')).toBe('5678');
    const a = buildAssertion('cas', ' lea ', { entelevestructrattachid: '70001', ENTPersonStructRattachRNE: '0861234a;0000001b', ENTEleveINE: '123456789ab', nom: 'Durand', prenom: 'Léa' });
    expect(a).toMatchObject({ subject: 'lea', eleveIds: ['70001'], uais: ['0861234A', '0000001B'], ines: ['123456789AB'], lastName: 'Durand', firstName: 'Léa' });
  });

  it('uses the attribute map: a subject attribute and custom names', () => {
    const a = buildAssertion('cas', 'internal-1', { uid: 'lea.d', monId: '42' }, { subject: ['uid'], eleveId: ['monId'] });
    expect(a.subject).toBe('lea.d');
    expect(a.eleveIds).toEqual(['42']);
  });
});
