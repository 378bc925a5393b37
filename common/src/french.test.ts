import { describe, expect, it } from 'vitest';
import { deName, elides, legalGuardianTitle, salutation } from './french.ts';

describe('deName', () => {
  it('elides before a vowel, accented or capital', () => {
    expect(deName('Adam')).toBe("d'Adam");
    expect(deName('Élise')).toBe("d'Élise");
    expect(deName('ÉMILIE MARTIN')).toBe("d'ÉMILIE MARTIN");
    expect(deName('Œdipe')).toBe("d'Œdipe");
    expect(deName('Yves')).toBe("d'Yves");
  });
  it('elides before a mute h, not before a consonant or a consonant y', () => {
    expect(deName('Hugo')).toBe("d'Hugo");
    expect(deName('Hélène')).toBe("d'Hélène");
    expect(deName('Paul')).toBe('de Paul');
    expect(deName('Yannick')).toBe('de Yannick');
    expect(deName(' Inès ')).toBe("d'Inès");
  });
  it('never elides an empty word', () => {
    expect(elides('')).toBe(false);
  });
});

describe('civility', () => {
  it('gives the feminine for Mme, the masculine for M., and both or the generic form otherwise', () => {
    expect(legalGuardianTitle('Mme')).toBe('Responsable légale');
    expect(legalGuardianTitle('M.')).toBe('Responsable légal');
    expect(salutation('Mme')).toBe('Madame,');
    expect(salutation('M.')).toBe('Monsieur,');
    expect(salutation(null)).toBe('Madame, Monsieur,');
  });
});
