import { describe, expect, it } from 'vitest';
import { detailLines, valueText } from './audit-details.ts';

describe('detailLines', () => {
  it('says a user creation in French', () => {
    expect(detailLines({ login: 'marie.curie', profiles: ['teacher'], classes: ['2GA1', '1GA1'], email: null, mailsQueued: 0 })).toEqual([
      'Identifiant : marie.curie',
      'Profils : enseignant',
      'Classes : 2GA1, 1GA1',
      'Adresse électronique : (vide)',
      'Courriels en file d’attente : 0',
    ]);
    expect(detailLines({ login: 'marie.curie', classes: [] })).toEqual(['Identifiant : marie.curie', 'Classes : aucune']);
  });

  it('says an import in words: counts as nouns, zeros left out, no internal name', () => {
    const zero = { divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 };
    const lines = detailLines({
      files: ['sts_emp_0861234A_2026.xml'],
      created: { ...zero, divisions: 3, teachers: 12, heads: 1 },
      updated: { ...zero, groups: 1 },
      hidden: zero,
    });
    expect(lines).toEqual([
      'Fichiers : sts_emp_0861234A_2026.xml',
      "Créés : 3 divisions, 12 enseignants, 1 chef d'établissement",
      'Mis à jour : 1 groupe',
      'Masqués : aucun',
    ]);
    expect(lines.join('\n')).not.toMatch(/groups|teachers|: 0/);
  });

  it('names the fields of an establishment edit, as stored (postal_code, head_name)', () => {
    expect(
      detailLines({ changes: { postal_code: { from: null, to: '86000' }, head_name: { from: 'M. Dupont', to: 'Mme Claire Martin' }, website: { from: null, to: 'https://lycee.fr' } } }),
    ).toEqual(["Code postal : (vide) → 86000", "Chef d'établissement : M. Dupont → Mme Claire Martin", 'Site web : (vide) → https://lycee.fr']);
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
    expect(valueText([])).toBe('aucun');
    expect(valueText([], 'classes')).toBe('aucune');
  });
});
