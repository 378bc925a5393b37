import { LEGACY_MODULE_PATHS, MODULE_PATHS, MODULES } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { LEGACY_PATHS, modernPathname } from './legacy-paths.ts';

describe('modernPathname', () => {
  it('sends each old module address to its French one, keeping the rest of the path', () => {
    expect(modernPathname('/0861234A/users')).toBe('/0861234A/utilisateurs');
    expect(modernPathname('/0861234A/imports/0190-abc')).toBe('/0861234A/importer/0190-abc');
    expect(modernPathname('/0861234A/settings/courriels')).toBe('/0861234A/parametres/courriels');
    expect(modernPathname('/0861234A/passport/apprenants/42/')).toBe('/0861234A/passeport/apprenants/42/');
    expect(modernPathname('/0861234A/dashboard')).toBe('/0861234A/tableau-de-bord');
    expect(modernPathname('/0861234A/access')).toBe('/0861234A/acces');
  });

  it('leaves every other address alone', () => {
    expect(modernPathname('/0861234A/utilisateurs')).toBeNull();
    expect(modernPathname('/0861234A/scenarios/nouveau')).toBeNull();
    expect(modernPathname('/0861234A')).toBeNull();
    expect(modernPathname('/')).toBeNull();
    expect(modernPathname('/users')).toBeNull();
  });

  it('has French, lowercase, accent-free module paths, none of them an old one', () => {
    for (const m of MODULES) expect(MODULE_PATHS[m]).toMatch(/^[a-z]+(-[a-z]+)*$/);
    const modern = new Set(Object.values(MODULE_PATHS));
    for (const legacy of LEGACY_PATHS) expect(modern.has(legacy)).toBe(false);
    expect(LEGACY_PATHS).toHaveLength(Object.keys(LEGACY_MODULE_PATHS).length);
  });
});
