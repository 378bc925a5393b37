import { describe, expect, it } from 'vitest';
import { fr } from './fr.ts';
import { interpolate } from './t.ts';

/** Every text of a part of the catalogue, with its key. */
function texts(node: unknown, key = ''): [string, string][] {
  if (typeof node === 'string') return [[key, node]];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => texts(v, key ? `${key}.${k}` : k));
  return [];
}

describe('French wording of the accounts screens (Gestion des utilisateurs, Accès)', () => {
  const accounts = [...texts(fr.users, 'users'), ...texts(fr.access, 'access')];

  it('never says that mails only queued « sont partis »', () => {
    expect(accounts.filter(([, text]) => /partis? vers/.test(text))).toEqual([]);
  });

  it('never puts « de » before a person’s name without elision: names come as {ofName} (« d’Adam »)', () => {
    expect(accounts.filter(([, text]) => /\bde \{(name|children)\}/.test(text))).toEqual([]);
    expect(interpolate(fr.users.reset.title, { ofName: "d'Adam SOLITAIRE" })).toBe("Réinitialiser le mot de passe d'Adam SOLITAIRE");
  });

  it('assumes no gender (« Il devra ») and writes no « (s) » plural', () => {
    expect(accounts.filter(([, text]) => /\bIl devra\b|\bil devra\b/.test(text))).toEqual([]);
    expect(accounts.filter(([, text]) => text.includes('(s)'))).toEqual([]);
  });

  it('asks for one profile where only one can be chosen', () => {
    expect(fr.admin.userForm.errors.profileRequired).toBe('Choisissez un profil.');
  });
});
