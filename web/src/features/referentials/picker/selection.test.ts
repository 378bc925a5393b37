import type { Competency } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { moveSelection, selectCompetency, toggleItem, unselectCompetency, type CompetencySelection } from './selection.ts';

const competency: Competency = {
  id: 'k',
  code: 'C112',
  label: 'Passer commande',
  criterion: null,
  toComplete: false,
  version: 1,
  position: 1,
  complexities: [
    { id: 'c1', label: 'Un', position: 1 },
    { id: 'c2', label: 'Deux', position: 2 },
  ],
  hazards: [{ id: 'h1', label: 'Aléa', position: 1 }],
};

const sel = (id: string, complexityIds: string[] = [], hazardIds: string[] = []): CompetencySelection => ({ competencyId: id, complexityIds, hazardIds });

describe('competency selection', () => {
  it('adds at the end, or replaces in single mode', () => {
    expect(selectCompetency([sel('a')], 'b', true)).toEqual([sel('a'), sel('b')]);
    expect(selectCompetency([sel('a')], 'b', false)).toEqual([sel('b')]);
    expect(selectCompetency([sel('a', ['x'])], 'a', true)).toEqual([sel('a', ['x'])]);
    expect(unselectCompetency([sel('a'), sel('b')], 'a')).toEqual([sel('b')]);
  });

  it('keeps ticked items in the referential order', () => {
    let value = [sel('k')];
    value = toggleItem(value, competency, 'complexities', 'c2', true);
    value = toggleItem(value, competency, 'complexities', 'c1', true);
    value = toggleItem(value, competency, 'hazards', 'h1', true);
    expect(value).toEqual([sel('k', ['c1', 'c2'], ['h1'])]);
    expect(toggleItem(value, competency, 'complexities', 'c1', false)).toEqual([sel('k', ['c2'], ['h1'])]);
  });

  it('moves a selection up and down', () => {
    const value = [sel('a'), sel('b'), sel('c')];
    expect(moveSelection(value, 2, 0).map((s) => s.competencyId)).toEqual(['c', 'a', 'b']);
    expect(moveSelection(value, 0, 1).map((s) => s.competencyId)).toEqual(['b', 'a', 'c']);
    expect(moveSelection(value, 0, 9).map((s) => s.competencyId)).toEqual(['b', 'c', 'a']);
  });
});
