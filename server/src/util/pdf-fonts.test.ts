import { describe, expect, it } from 'vitest';
import { MISSING_GLYPH, printable } from './pdf-fonts.ts';

describe('printable', () => {
  it('keeps every letter DejaVu has: accents, œ, Ł, Greek, Cyrillic, typographic quotes', () => {
    const s = 'Łukasz Ñuñez Œillet — « ça » N’Diaye Ελένη Андрей';
    expect(printable(s)).toBe(s);
  });

  it('composes stacked accents (NFC) and removes control and bidi-override characters', () => {
    expect(printable('Le\u0301a')).toBe('Léa');
    expect(printable('a\u0000b\u202Ec\u0085d')).toBe('abcd');
  });

  it('replaces a character the font lacks visibly, one for one, keeping its neighbours', () => {
    expect(printable('Zoé 👍 Martin')).toBe(`Zoé ${MISSING_GLYPH} Martin`);
    expect(printable('🦊👍ok')).toBe(`${MISSING_GLYPH}${MISSING_GLYPH}ok`);
  });
});
