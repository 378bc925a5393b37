import type { Competency, ReferentialTree } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { indexTree, searchCompetencies, searchKey } from './referentials.search.ts';

function competency(code: string, label: string): Competency {
  return { id: code, code, label, criterion: null, toComplete: false, version: 1, position: 1, complexities: [], hazards: [] };
}

const tree: ReferentialTree = {
  id: 'r',
  code: 'GA',
  title: 'GA',
  source: null,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
  counts: { poles: 2, classes: 2, situations: 4, competencies: 4, toComplete: 0, bepActivities: 0 },
  bep: null,
  examUnits: [],
  bepActivities: [],
  poles: [
    {
      id: 'p1', code: '1', title: 'Relations externes', generalAptitude: null, position: 1, examUnitId: null,
      classes: [
        {
          id: 'c11', code: '1.1', title: 'Fournisseurs', transversalCriterion: null, position: 1,
          situations: [
            { id: 's111', code: '1.1.1', title: 'Tenue des dossiers', position: 1, competencies: [competency('C111', 'Actualiser une base')] },
            { id: 's112', code: '1.1.2', title: "Traitement des ordres d’achat, des commandes", position: 2, competencies: [competency('C112', 'Passer commande')] },
            { id: 's115', code: '1.1.5', title: 'Suivi des créances', position: 3, competencies: [competency('C115', 'Relancer')] },
          ],
        },
      ],
    },
    {
      id: 'p2', code: '2', title: 'Personnel', generalAptitude: null, position: 2, examUnitId: null,
      classes: [
        {
          id: 'c21', code: '2.1', title: 'Gestion courante', transversalCriterion: null, position: 1,
          situations: [{ id: 's211', code: '2.1.1', title: 'Dossiers des salariés', position: 1, competencies: [competency('C211', 'Actualiser des dossiers')] }],
        },
      ],
    },
  ],
};

const index = indexTree(tree);
const codes = (query: string) => searchCompetencies(index, query).map((e) => e.competency.code);

describe('competency search', () => {
  it('finds a situation by its code, and a class by its code without matching 2.1.1', () => {
    expect(codes('1.1.2')).toEqual(['C112']);
    expect(codes('1.1')).toEqual(['C111', 'C112', 'C115']);
    expect(codes('c112')).toEqual(['C112']);
    expect(codes('2')).toEqual(['C211']);
  });

  it('finds words without accents, case or apostrophe differences', () => {
    expect(codes('commandes')).toEqual(['C112']);
    expect(codes('creances')).toEqual(['C115']);
    expect(codes("D'ACHAT")).toEqual(['C112']);
    expect(codes('actualiser dossiers')).toEqual(['C111', 'C211']);
    expect(codes('actualiser salaries')).toEqual(['C211']);
  });

  it('matches nothing on an empty query', () => {
    expect(codes('   ')).toEqual([]);
    expect(searchKey('Évaluation’s  test')).toBe('evaluation s test');
  });
});
