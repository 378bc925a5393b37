import { MODULES, PROFILES } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { fr } from './fr.ts';
import { interpolate, t } from './t.ts';

function leaves(node: unknown, path: string[] = []): Array<[string, unknown]> {
  if (typeof node !== 'object' || node === null) return [[path.join('.'), node]];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, [...path, k]));
}

describe('t', () => {
  it('reads a message and fills its parameters', () => {
    expect(t('home.greeting', { name: 'Zoé Martin' })).toBe('Bonjour Zoé Martin');
    expect(t('password.tooShort', { min: 8 })).toBe('Le mot de passe doit contenir au moins 8 caractères.');
    expect(t('app.name')).toBe('Cerise Pro');
  });

  it('writes numbers the French way and leaves unknown placeholders', () => {
    expect(interpolate('{n} apprenants', { n: 1234 })).toBe('1\u202f234 apprenants');
    expect(interpolate('{a} et {b}', { a: 'x' })).toBe('x et {b}');
  });

  it('has a non-empty French text for every key', () => {
    for (const [key, value] of leaves(fr)) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim().length, key).toBeGreaterThan(0);
    }
  });

  it('names every module and profile', () => {
    for (const m of MODULES) {
      expect(t(`modules.${m}.title`)).not.toBe('');
      expect(t(`modules.${m}.description`)).not.toBe('');
    }
    for (const p of PROFILES) expect(t(`profiles.${p}`)).not.toBe('');
  });
});
