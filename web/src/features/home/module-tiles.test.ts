import { MODULES, modulesForProfiles, PROFILES } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { homeTiles, MODULES_IN_PREPARATION } from './module-tiles.ts';

describe('home tiles', () => {
  it('links every module of every profile: all eight modules are built', () => {
    expect(MODULES_IN_PREPARATION).toEqual([]);
    for (const profile of PROFILES) {
      const tiles = homeTiles('0861234A', modulesForProfiles([profile]));
      expect(tiles.length).toBeGreaterThan(0);
      for (const tile of tiles) expect(tile.href).toMatch(/^\/0861234A\/[a-z-]+$/);
    }
    expect(homeTiles('0861234A', ['users', 'dashboard']).map((t) => t.href)).toEqual(['/0861234A/utilisateurs', '/0861234A/tableau-de-bord']);
  });

  it('draws a module still in preparation without a link', () => {
    const tiles = homeTiles('0861234A', [...MODULES], ['passport']);
    expect(tiles.find((t) => t.module === 'passport')?.href).toBeNull();
    expect(tiles.filter((t) => t.href === null)).toHaveLength(1);
  });

  it('shows only the modules of the user’s profiles', () => {
    expect(homeTiles('0861234A', modulesForProfiles(['learner'])).map((t) => t.module)).toEqual(['evaluations', 'passport', 'dashboard']);
  });
});
