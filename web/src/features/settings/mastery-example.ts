import {
  checkSettingsConsistency,
  computeMastery as computeCommonMastery,
  EstablishmentSettingsSchema,
  LEVEL_VALUES as CODE_VALUES,
  type EstablishmentSettings,
  type ErrorCode,
  type MasteryMethod,
  type MasteryState,
  type ResultLevel as LevelCode,
} from '@cerise/common';

/*
 * The live example of the « Paramètres » page: what each mastery method (docs/design.md §5) gives for a
 * small series of results, computed by the dashboard's own function (common/src/mastery.ts).
 */

/** Levels by their catalogue names (settings.example.levels.*). */
export const RESULT_LEVELS = ['total', 'partial', 'in_progress', 'too_many_errors', 'not_assessable', 'absent'] as const;
export type ResultLevel = (typeof RESULT_LEVELS)[number];

const CODES: Record<ResultLevel, LevelCode> = { total: 'RT', partial: 'RP', in_progress: 'ECA', too_many_errors: 'TE', not_assessable: 'NE', absent: 'ABS' };

/** Value of a level; `null`: never counts (non évaluable, absent). */
export const LEVEL_VALUES = Object.fromEntries(RESULT_LEVELS.map((l) => [l, CODE_VALUES[CODES[l]]])) as Record<ResultLevel, number | null>;

export type Evidence = {
  level: ResultLevel;
  /** Complexities and hazards that applied. */
  conditions: number;
};

export type MasteryResult =
  | { percent: number; state: MasteryState; counted: number }
  | { percent: null; state: 'insufficient'; counted: number };

/** Mastery % and state for one method; below the minimum of evidence, « preuves insuffisantes ». */
export function computeMastery(evidence: readonly Evidence[], method: MasteryMethod, s: EstablishmentSettings['mastery']): MasteryResult {
  const r = computeCommonMastery(
    evidence.map((e, i) => ({ id: String(i).padStart(4, '0'), date: '2026-01-01', level: CODES[e.level], itemCount: e.conditions })),
    { ...s, method },
  );
  if (r.state === 'insufficient' || r.percent === null) return { percent: null, state: 'insufficient', counted: r.evidenceCount };
  return { percent: r.percent, state: r.state, counted: r.evidenceCount };
}

const DEFAULTS = EstablishmentSettingsSchema.parse({});

/**
 * Why thresholds give no meaningful state (« acquis » at or below « en cours d'acquisition »): the
 * server's own rule and error code (common/src/settings.schemas.ts); null when they are in order.
 */
export function thresholdsProblem(mastery: EstablishmentSettings['mastery']): ErrorCode | null {
  const problem = checkSettingsConsistency({ ...DEFAULTS, mastery }).find((p) => p.path.startsWith('mastery.'));
  return problem ? problem.code : null;
}

/** The example series, oldest first: failures, then successes, one of them in harder conditions. */
export const EXAMPLE_EVIDENCE: readonly Evidence[] = [
  { level: 'too_many_errors', conditions: 0 },
  { level: 'in_progress', conditions: 0 },
  { level: 'partial', conditions: 1 },
  { level: 'absent', conditions: 0 },
  { level: 'in_progress', conditions: 2 },
  { level: 'total', conditions: 0 },
  { level: 'partial', conditions: 2 },
];
