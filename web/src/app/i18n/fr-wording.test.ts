import { describe, expect, it } from 'vitest';
import { fr } from './fr.ts';

/** Every text of the catalogue, with its key. */
function texts(node: unknown, key = ''): [string, string][] {
  if (typeof node === 'string') return [[key, node]];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

describe('French wording of the catalogue', () => {
  const all = texts(fr);

  it('elides before a vowel (« alors qu’un », never « que un »)', () => {
    expect(all.filter(([, text]) => /\bque (un|une|il|elle|on)\b/i.test(text))).toEqual([]);
  });

  it('never mentions « Cerise Pro d’origine »', () => {
    expect(all.filter(([, text]) => /Cerise Pro d[’']origine/i.test(text))).toEqual([]);
  });

  it('says « Les fichiers ont été refusés » of no single file', () => {
    expect(all.filter(([, text]) => text.includes('Les fichiers ont été refusés'))).toEqual([]);
    expect(fr.imports.refused.oneFile).toBe('Le fichier « {file} » a été refusé');
  });
});
