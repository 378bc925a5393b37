import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeMastery, RESULT_LEVELS, type Evidence, type ResultLevel } from './mastery.ts';
import { EstablishmentSettingsSchema } from './settings.ts';

const defaults = EstablishmentSettingsSchema.parse({}).mastery;
const ev = (level: ResultLevel, day: number, itemCount = 0, id = `e${day}`): Evidence => ({ id, date: `2026-10-${String(day).padStart(2, '0')}`, level, itemCount });

describe('computeMastery, default method (docs/design.md §5)', () => {
  it('weights by rank and by difficulty of successes', () => {
    // TE (rank 1, w 1), RP with 2 items (rank 2, d 1.5, w 3), RT (rank 3, w 3): (0 + 201 + 300) / 7 = 71.57 → 72
    const r = computeMastery([ev('TE', 1), ev('RP', 2, 2), ev('RT', 3)], defaults);
    expect(r.percent).toBe(72);
    expect(r.state).toBe('acquired');
    expect(r.evidence.map((e) => e.weight)).toEqual([1, 3, 3]);
  });

  it('gives failures in harder conditions no extra weight', () => {
    const easy = computeMastery([ev('RT', 1), ev('TE', 2, 0)], defaults);
    const hard = computeMastery([ev('RT', 1), ev('TE', 2, 4)], defaults);
    expect(hard.percent).toBe(easy.percent);
    expect(easy.percent).toBe(33); // (100×1 + 0×2) / 3 = 33.3
  });

  it('caps the difficulty at 4 items', () => {
    expect(computeMastery([ev('TE', 1), ev('RT', 2, 4)], defaults).percent).toBe(computeMastery([ev('TE', 1), ev('RT', 2, 9)], defaults).percent);
  });

  it('keeps only the last 6 pieces, ordered by date then id', () => {
    const old = [ev('TE', 1), ev('TE', 2)];
    const recent = [3, 4, 5, 6, 7, 8].map((d) => ev('RT', d));
    const r = computeMastery([...recent, ...old], defaults);
    expect(r.percent).toBe(100);
    expect(r.evidence.filter((e) => e.counted)).toHaveLength(6);
    expect(r.evidence[0]!.id).toBe('e1');
  });

  it('never counts NE and ABS, and says « preuves insuffisantes » under 2 pieces', () => {
    const r = computeMastery([ev('NE', 1), ev('ABS', 2), ev('RT', 3)], defaults);
    expect(r.evidenceCount).toBe(1);
    expect(r.percent).toBe(100);
    expect(r.state).toBe('insufficient');
    expect(computeMastery([], defaults)).toMatchObject({ percent: null, state: 'insufficient', evidenceCount: 0 });
  });

  it('rounds halves up', () => {
    // RT then TE with equal weights cannot happen (ranks differ); mean method: (100 + 0 + 33 + 67) / 4 = 50 exactly; (67 + 0) / 2 = 33.5 → 34
    expect(computeMastery([ev('RP', 1), ev('TE', 2)], { ...defaults, method: 'mean' }).percent).toBe(34);
  });

  it('maps percentages to states with the thresholds', () => {
    expect(computeMastery([ev('TE', 1), ev('ECA', 2)], defaults).state).toBe('not_acquired'); // 22
    expect(computeMastery([ev('ECA', 1), ev('RP', 2)], defaults).state).toBe('in_progress'); // (33 + 134) / 3 = 55.7 → 56
  });
});

describe('other methods', () => {
  const series = [ev('TE', 1), ev('ECA', 2), ev('RT', 3), ev('RP', 4)];
  it('mean, latest, best of K, decaying average', () => {
    expect(computeMastery(series, { ...defaults, method: 'mean' }).percent).toBe(50);
    expect(computeMastery(series, { ...defaults, method: 'latest' }).percent).toBe(67);
    // Mean of the 3 best: (100 + 67 + 33) / 3 = 66.7 → 67; the best alone: 100.
    expect(computeMastery(series, { ...defaults, method: 'best_of', bestOf: 3 }).percent).toBe(67);
    expect(computeMastery(series, { ...defaults, method: 'best_of', bestOf: 1 }).percent).toBe(100);
    // 0 → 0.65×33+0.35×0 = 21.45 → 0.65×100+0.35×21.45 = 72.51 → 0.65×67+0.35×72.51 = 68.93 → 69
    expect(computeMastery(series, { ...defaults, method: 'decaying', decayLatestPercent: 65 }).percent).toBe(69);
  });
});

describe('published anchors on 33, 67, 100 (oldest to newest)', () => {
  const anchor = [ev('ECA', 1), ev('RP', 2), ev('RT', 3)];
  it('weighted average 1-2-3 (our default without complexities or hazards) gives 78', () => {
    const r = computeMastery(anchor, defaults);
    expect(r.evidence.map((e) => e.weight)).toEqual([1, 2, 3]);
    expect(r.percent).toBe(78); // (33 + 134 + 300) / 6 = 77.83
  });
  it('mean gives 67', () => expect(computeMastery(anchor, { ...defaults, method: 'mean' }).percent).toBe(67));
  it('latest gives 100', () => expect(computeMastery(anchor, { ...defaults, method: 'latest' }).percent).toBe(100));
  it('decaying average with the latest at 65 % gives 84.29, shown as 84', () => {
    const r = computeMastery(anchor, { ...defaults, method: 'decaying', decayLatestPercent: 65 });
    const exact = r.evidence.reduce((s, e) => s + e.weight * e.value!, 0);
    expect(exact).toBeCloseTo(84.29, 1);
    expect(r.percent).toBe(84);
  });
  it('average of the best 2 gives 84', () => {
    const r = computeMastery(anchor, { ...defaults, method: 'best_of', bestOf: 2 });
    expect(r.percent).toBe(84); // (67 + 100) / 2 = 83.5
    expect(r.evidence.map((e) => e.notCounted)).toEqual(['not_among_best', null, null]);
  });
});

describe('evidence that did not count says why', () => {
  it('non évaluable, absent, beyond the last N', () => {
    const list = [ev('TE', 1), ev('NE', 2), ev('ABS', 3), ...[4, 5, 6, 7, 8, 9].map((d) => ev('RT', d))];
    const r = computeMastery(list, defaults);
    expect(r.evidence.map((e) => e.notCounted).slice(0, 4)).toEqual(['outside_window', 'not_assessable', 'absent', null]);
    expect(computeMastery([ev('TE', 1), ev('RT', 2)], { ...defaults, method: 'latest' }).evidence[0]!.notCounted).toBe('not_latest');
  });
});

describe('properties', () => {
  const arbEvidence = fc.array(
    fc.record({ id: fc.uuid(), date: fc.date({ min: new Date('2024-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), level: fc.constantFrom(...RESULT_LEVELS), itemCount: fc.integer({ min: 0, max: 8 }) }),
    { maxLength: 20 },
  );
  const arbMethod = fc.constantFrom('weighted_recent', 'mean', 'latest', 'best_of', 'decaying' as const);

  it('stays within 0–100, and ignores the order the evidence is given in', () => {
    fc.assert(
      fc.property(arbEvidence, arbMethod, (list, method) => {
        const s = { ...defaults, method };
        const a = computeMastery(list, s);
        const b = computeMastery([...list].reverse(), s);
        expect(a.percent).toEqual(b.percent);
        if (a.percent !== null) {
          expect(a.percent).toBeGreaterThanOrEqual(0);
          expect(a.percent).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('gives a level its own value when it is the only one', () => {
    fc.assert(
      fc.property(fc.constantFrom<ResultLevel>('RT', 'RP', 'ECA', 'TE'), fc.integer({ min: 1, max: 10 }), arbMethod, (level, n, method) => {
        const list = Array.from({ length: n }, (_, i) => ev(level, i + 1, i % 5));
        expect(computeMastery(list, { ...defaults, method }).percent).toBe({ RT: 100, RP: 67, ECA: 33, TE: 0 }[level as 'RT']);
      }),
    );
  });

  it('never lowers mastery when the latest result is a total success', () => {
    fc.assert(
      fc.property(arbEvidence, (list) => {
        const before = computeMastery(list, defaults);
        const after = computeMastery([...list, { id: 'zz', date: '2099-01-01', level: 'RT', itemCount: 0 }], defaults);
        if (before.percent !== null) expect(after.percent!).toBeGreaterThanOrEqual(before.percent - 0);
      }),
    );
  });
});
