import { EstablishmentSettingsSchema, MASTERY_METHODS } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import { computeMastery, EXAMPLE_EVIDENCE, thresholdsProblem, type Evidence } from './mastery-example.ts';

const defaults = EstablishmentSettingsSchema.parse({}).mastery;

describe('computeMastery', () => {
  it('weights the default method by rank and by the conditions of successes (docs/design.md §5)', () => {
    // Counted values 0, 33, 67, 33, 100, 67 (absent never counts);
    // weights 1, 2, 3×1.25, 4, 5, 6×1.5 → 1552.25 / 24.75 = 62.7 → 63 %.
    expect(computeMastery(EXAMPLE_EVIDENCE, 'weighted_recent', defaults)).toEqual({ percent: 63, state: 'acquired', counted: 6 });
  });

  it('gives each other method its own reading of the same series', () => {
    expect(computeMastery(EXAMPLE_EVIDENCE, 'mean', defaults).percent).toBe(50);
    expect(computeMastery(EXAMPLE_EVIDENCE, 'latest', defaults).percent).toBe(67);
    // The mean of the 3 best: (100 + 67 + 67) / 3 = 78.
    expect(computeMastery(EXAMPLE_EVIDENCE, 'best_of', defaults).percent).toBe(78);
    // 0 → 21.45 → 51.06 → 39.32 → 78.76 → 71.12
    expect(computeMastery(EXAMPLE_EVIDENCE, 'decaying', defaults).percent).toBe(71);
  });

  it('keeps only the last N pieces in the default method', () => {
    const series: Evidence[] = [
      { level: 'total', conditions: 0 },
      { level: 'too_many_errors', conditions: 0 },
      { level: 'too_many_errors', conditions: 0 },
    ];
    expect(computeMastery(series, 'weighted_recent', { ...defaults, window: 2 }).percent).toBe(0);
    // weights 1, 2, 3: 100 / 6 = 16.7
    expect(computeMastery(series, 'weighted_recent', defaults).percent).toBe(17);
  });

  it('says « preuves insuffisantes » below the minimum of evidence', () => {
    const one: Evidence[] = [{ level: 'total', conditions: 0 }, { level: 'absent', conditions: 0 }];
    for (const method of MASTERY_METHODS) {
      expect(computeMastery(one, method, defaults)).toEqual({ percent: null, state: 'insufficient', counted: 1 });
    }
    expect(computeMastery(one, 'mean', { ...defaults, minEvidence: 1 }).percent).toBe(100);
  });

  it('uses the thresholds for the state', () => {
    const series: Evidence[] = [
      { level: 'in_progress', conditions: 0 },
      { level: 'partial', conditions: 0 },
    ];
    expect(computeMastery(series, 'mean', defaults)).toMatchObject({ percent: 50, state: 'in_progress' });
    expect(computeMastery(series, 'mean', { ...defaults, acquiredThreshold: 50 }).state).toBe('acquired');
    expect(computeMastery(series, 'mean', { ...defaults, inProgressThreshold: 51, acquiredThreshold: 60 }).state).toBe('not_acquired');
  });

  it('stays between 0 and 100 whatever the series', () => {
    const levels = ['total', 'partial', 'in_progress', 'too_many_errors'] as const;
    for (let seed = 0; seed < 200; seed++) {
      const series = Array.from({ length: 2 + (seed % 9) }, (_, i) => ({ level: levels[(seed * 7 + i * 3) % 4]!, conditions: (seed + i) % 6 }));
      for (const method of MASTERY_METHODS) {
        const { percent } = computeMastery(series, method, defaults);
        expect(percent).not.toBeNull();
        expect(percent!).toBeGreaterThanOrEqual(0);
        expect(percent!).toBeLessThanOrEqual(100);
      }
    }
  });
});

describe('thresholdsProblem', () => {
  it('refuses inverted or equal thresholds with the code the save answers', () => {
    expect(thresholdsProblem(defaults)).toBeNull();
    expect(thresholdsProblem({ ...defaults, inProgressThreshold: 90, acquiredThreshold: 80 })).toBe('settings.mastery_thresholds_order');
    expect(thresholdsProblem({ ...defaults, inProgressThreshold: 60, acquiredThreshold: 60 })).toBe('settings.mastery_thresholds_order');
    expect(thresholdsProblem({ ...defaults, inProgressThreshold: 59, acquiredThreshold: 60 })).toBeNull();
  });
});
