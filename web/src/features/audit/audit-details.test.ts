import { describe, expect, it } from 'vitest';
import { detailLines, valueText } from './audit-details.ts';

describe('detailLines', () => {
  it('says a user creation in French', () => {
    expect(detailLines({ login: 'marie.curie', profiles: ['teacher'], classes: ['2GA1', '1GA1'], email: null, mailsQueued: 0 })).toEqual([
      'Identifiant : marie.curie',
      'Profils : enseignant',
      'Classes : 2GA1, 1GA1',
      'Adresse électronique : (vide)',
      'Courriels : 0',
    ]);
  });

  it('lists each change of an edit with its before and after', () => {
    expect(
      detailLines({
        login: 'ines.martin',
        changes: { email: { from: null, to: 'ines@exemple.fr' }, profiles: { from: ['learner'], to: ['learner', 'parent'] } },
      }),
    ).toEqual(['Identifiant : ines.martin', 'Adresse électronique : (vide) → ines@exemple.fr', 'Profils : apprenant → apprenant, parent']);
  });

  it('names the delivery of a parent reset and keeps unknown keys readable', () => {
    expect(detailLines({ login: 'p.dupont', delivery: 'letter', somethingNew: true })).toEqual([
      'Identifiant : p.dupont',
      'Remise : par lettre',
      'somethingNew : oui',
    ]);
  });

  it('summarises calculation settings instead of dumping them', () => {
    expect(detailLines({ settings: { mastery: { method: 'mean' } } })).toEqual(['Paramètres de calcul enregistrés']);
    expect(detailLines(null)).toEqual([]);
  });
});

describe('valueText', () => {
  it('writes numbers the French way and nested objects as pairs', () => {
    expect(valueText(1234)).toBe('1\u202f234');
    expect(valueText({ created: 3, hidden: 1 })).toBe('Créés : 3 ; Masqués : 1');
    expect(valueText([])).toBe('(aucun)');
  });
});
