import { describe, expect, it } from 'vitest';
import { ccfVerdict, describeCcfReason, describeEp1, ep1Status, type CcfUnitInput } from './ccf.ts';
import { EstablishmentSettingsSchema } from './settings.ts';

const t = EstablishmentSettingsSchema.parse({}).ccf; // ready 70, almost 50, min evidence 6
const classes = [
  { id: 'k1', label: '1.1 Fournisseurs' },
  { id: 'k2', label: '1.2 Clients' },
];
const comp = (id: string, classId: string, state: 'acquired' | 'in_progress' | 'not_acquired' | 'insufficient', evidenceCount = 3) => ({ id, label: id, classId, state, evidenceCount });
const full: CcfUnitInput = {
  classes,
  competencies: [comp('C1', 'k1', 'acquired'), comp('C2', 'k1', 'acquired'), comp('C3', 'k2', 'acquired'), comp('C4', 'k2', 'acquired')],
  classesWithPassportSuccess: new Set(['k1', 'k2']),
  classesWithHardSuccess: new Set(['k1', 'k2']),
};

describe('CCF decision aid (docs/design.md §6)', () => {
  it('says « prêt » when every condition holds, with no reason', () => {
    expect(ccfVerdict(full, t)).toEqual({ verdict: 'ready', acquiredPercent: 100, evidenceCount: 12, reasons: [] });
  });

  it('names the classes lacking a passport situation reviewed as a success (bientôt prêt)', () => {
    const r = ccfVerdict({ ...full, classesWithPassportSuccess: new Set(['k1']) }, t);
    expect(r.verdict).toBe('almost_ready');
    expect(r.reasons).toEqual([{ kind: 'classes_without_passport_success', classes: ['1.2 Clients'] }]);
    expect(describeCcfReason(r.reasons[0]!)).toContain('1.2 Clients');
  });

  it('does not hold back a learner whose share of « acquis » reaches the « prêt » threshold', () => {
    const some = ccfVerdict({ ...full, competencies: [comp('C1', 'k1', 'acquired'), comp('C2', 'k1', 'acquired'), comp('C3', 'k2', 'in_progress'), comp('C4', 'k2', 'acquired')] }, t);
    expect(some).toMatchObject({ verdict: 'ready', acquiredPercent: 75, reasons: [] });
  });

  it('below the « prêt » share but above « bientôt prêt »', () => {
    const r = ccfVerdict({ ...full, competencies: [comp('C1', 'k1', 'acquired'), comp('C2', 'k1', 'not_acquired'), comp('C3', 'k2', 'in_progress'), comp('C4', 'k2', 'acquired')] }, t);
    expect(r.acquiredPercent).toBe(50);
    expect(r.verdict).toBe('almost_ready');
    expect(r.reasons).toEqual([{ kind: 'competencies_below_acquired', competencies: ['C2', 'C3'], acquiredPercent: 50, required: 70 }]);
    const low = ccfVerdict({ ...full, competencies: [comp('C1', 'k1', 'acquired'), comp('C2', 'k1', 'not_acquired'), comp('C3', 'k2', 'insufficient'), comp('C4', 'k2', 'in_progress')] }, t);
    expect(low.verdict).toBe('not_yet');
    expect(describeCcfReason(low.reasons[0]!)).toBe('25 % des compétences du pôle sont acquises (70 % demandés). En dessous d’« acquis » : C2 ; C3 ; C4.');
  });

  it('names the classes lacking a success under a complexity or a hazard', () => {
    const r = ccfVerdict({ ...full, classesWithHardSuccess: new Set(['k2']) }, t);
    expect(r.verdict).toBe('almost_ready');
    expect(r.reasons).toEqual([{ kind: 'classes_without_hard_success', classes: ['1.1 Fournisseurs'] }]);
  });

  it('says « pas encore » with too little evidence, whatever the rest', () => {
    const r = ccfVerdict({ ...full, competencies: full.competencies.map((c) => ({ ...c, evidenceCount: 1 })) }, t);
    expect(r.verdict).toBe('not_yet');
    expect(r.reasons).toEqual([{ kind: 'too_little_evidence', count: 4, required: 6 }]);
    expect(describeCcfReason(r.reasons[0]!)).toBe('Trop peu de preuves dans le pôle : 4 pour 6 demandées.');
    expect(describeCcfReason({ kind: 'too_little_evidence', count: 0, required: 1 })).toBe('Trop peu de preuves dans le pôle : 0 pour 1 demandée.');
  });

  it('follows the thresholds of Paramètres', () => {
    const r = ccfVerdict({ ...full, competencies: [comp('C1', 'k1', 'acquired'), comp('C2', 'k1', 'not_acquired'), comp('C3', 'k2', 'acquired'), comp('C4', 'k2', 'acquired')] }, { ...t, readyMasteryPercent: 80 });
    expect(r.verdict).toBe('almost_ready');
    expect(ccfVerdict(full, { ...t, minEvidence: 20 }).verdict).toBe('not_yet');
  });
});

describe('BEP MSA EP1: 9 distinct activities, 3 per dominante', () => {
  const acts = [
    ...['t1', 't2', 't3', 't4'].map((id) => ({ id, domain: 'technique' as const })),
    ...['o1', 'o2', 'o3'].map((id) => ({ id, domain: 'organisationnelle' as const })),
    ...['r1', 'r2', 'r3'].map((id) => ({ id, domain: 'relationnelle' as const })),
  ];
  it('is met with 3 + 3 + 3 distinct activities', () => {
    const s = ep1Status(acts, ['t1', 't2', 't3', 'o1', 'o2', 'o3', 'r1', 'r2', 'r3', 't1', null]);
    expect(s).toMatchObject({ ready: true, distinct: 9, missing: { total: 0 } });
    expect(describeEp1(s)).toContain('La règle de l’EP1 est remplie');
  });
  it('counts an activity once and says what is missing', () => {
    const s = ep1Status(acts, ['t1', 't1', 't2', 't3', 't4', 'o1', 'r1', 'r2']);
    expect(s.distinct).toBe(7);
    expect(s.missing).toEqual({ total: 3, perDomain: { technique: 0, organisationnelle: 2, relationnelle: 1 } });
    expect(describeEp1(s)).toBe('7 activités distinctes sur 9 (technique 4, organisationnelle 1, relationnelle 2). Il manque 3 activités, dont 2 organisationnelles, 1 relationnelle.');
  });
  it('needs 9 even when each dominante has 3', () => {
    expect(ep1Status(acts, ['t1', 't2', 'o1', 'o2', 'o3', 'r1', 'r2', 'r3']).missing.total).toBe(1);
  });
});
