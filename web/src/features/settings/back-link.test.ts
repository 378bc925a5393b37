import { describe, expect, it } from 'vitest';
import { backStateFor, backToOf, moduleOfPathname } from './back-link.ts';

describe('back link of the pages reached from several modules', () => {
  it('knows the module of an address', () => {
    expect(moduleOfPathname('/0861234A/utilisateurs')).toBe('users');
    expect(moduleOfPathname('/0861234A/acces')).toBe('access');
    expect(moduleOfPathname('/0861234A/parametres/courriels')).toBe('settings');
    expect(moduleOfPathname('/0861234A/accueil')).toBeNull();
  });

  it('carries the page a link was clicked on, filters included, and reads it back', () => {
    const state = backStateFor({ pathname: '/0861234A/utilisateurs', search: '?profil=teacher' });
    expect(state).toEqual({ backTo: { module: 'users', pathname: '/0861234A/utilisateurs', search: '?profil=teacher' } });
    expect(backToOf(state)).toEqual(state!.backTo);
    expect(backStateFor({ pathname: '/0861234A/accueil', search: '' })).toBeUndefined();
  });

  it('ignores a state that is not a page of the application', () => {
    expect(backToOf(null)).toBeNull();
    expect(backToOf({ backTo: 'x' })).toBeNull();
    expect(backToOf({ backTo: { module: 'users', pathname: '//evil.example/utilisateurs', search: '' } })).toBeNull();
    expect(backToOf({ backTo: { module: 'access', pathname: '/0861234A/utilisateurs', search: '' } })).toBeNull();
    expect(backToOf({ backTo: { module: 'users', pathname: '/0861234A/utilisateurs', search: 'x' } })?.search).toBe('');
  });
});
