import type { EstablishmentSettings, MasteryMethod } from './settings.ts';
import { masteryStateForPercent, type MasteryState } from './settings.schemas.ts';

/** The 6-level scale (GLOSSARY). */
export const RESULT_LEVELS = ['RT', 'RP', 'ECA', 'TE', 'NE', 'ABS'] as const;
export type ResultLevel = (typeof RESULT_LEVELS)[number];

/** Levels → value (docs/design.md §5); *non évaluable* and *absent* never count. */
export const LEVEL_VALUES: Record<ResultLevel, number | null> = { RT: 100, RP: 67, ECA: 33, TE: 0, NE: null, ABS: null };

/** One piece of evidence for a learner × competency: an evaluation result or a passport review. */
export type Evidence = {
  id: string;
  /** ISO date of the evaluation or review: evidence is ordered by date, then id. */
  date: string;
  level: ResultLevel;
  /** How many complexities and hazards applied (k_i). */
  itemCount: number;
};

/** Why a piece of evidence did not count: non évaluable, absent, or left out by the method. */
export type NotCountedReason = 'not_assessable' | 'absent' | 'outside_window' | 'not_latest' | 'not_among_best';

export type CountedEvidence = Evidence & {
  value: number | null;
  /** Whether it entered the computation, and with which weight (0 when not). */
  counted: boolean;
  weight: number;
  /** Null when counted. */
  notCounted: NotCountedReason | null;
};

const LEFT_OUT: Record<MasteryMethod, NotCountedReason> = {
  weighted_recent: 'outside_window',
  mean: 'outside_window',
  latest: 'not_latest',
  best_of: 'not_among_best',
  decaying: 'outside_window',
};

export type MasteryResult = {
  /** Mastery in percent, null without any counted evidence. */
  percent: number | null;
  /** `insufficient` below the minimum number of pieces of evidence (« preuves insuffisantes »). */
  state: MasteryState | 'insufficient';
  /** Pieces of evidence that count (NE and ABS excluded). */
  evidenceCount: number;
  /** Every piece, in order, with its weight: the dashboard shows which counted and how much. */
  evidence: CountedEvidence[];
};

const isSuccess = (l: ResultLevel) => l === 'RT' || l === 'RP';
const byDateThenId = (a: Evidence, b: Evidence) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** round(num / den), halves up, exactly (integers only). */
function roundRatioHalfUp(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

/**
 * Mastery of one competency for one learner (docs/design.md §5), for the establishment's method.
 * Default: the last N pieces, weight rank × difficulty (1 + 0.25 × min(k, 4) for a success).
 * Others: the mean of every piece; the latest piece; the mean of the K best pieces; an
 * exponential average where the latest piece weighs `decayLatestPercent` %.
 */
export function computeMastery(input: readonly Evidence[], settings: EstablishmentSettings['mastery']): MasteryResult {
  // Plain literals, no spread: this runs for every learner × competency of a class (docs/design.md §7).
  const ordered: CountedEvidence[] = [...input]
    .sort(byDateThenId)
    .map((e) => ({ id: e.id, date: e.date, level: e.level, itemCount: e.itemCount, value: LEVEL_VALUES[e.level], counted: false, weight: 0, notCounted: null }));
  const usable = ordered.filter((e) => e.value !== null);
  let percent: number | null = null;

  if (usable.length > 0) {
    switch (settings.method) {
      case 'weighted_recent': {
        const kept = usable.slice(-settings.window);
        // Weights × 4 are integers: rank × (4 + min(k, 4)) for a success, rank × 4 otherwise.
        let num = 0;
        let den = 0;
        kept.forEach((e, i) => {
          const w4 = (i + 1) * (isSuccess(e.level) ? 4 + Math.min(Math.max(e.itemCount, 0), 4) : 4);
          e.counted = true;
          e.weight = w4 / 4;
          num += w4 * e.value!;
          den += w4;
        });
        percent = roundRatioHalfUp(num, den);
        break;
      }
      case 'mean': {
        for (const e of usable) {
          e.counted = true;
          e.weight = 1;
        }
        percent = roundRatioHalfUp(
          usable.reduce((s, e) => s + e.value!, 0),
          usable.length,
        );
        break;
      }
      case 'latest': {
        const last = usable[usable.length - 1]!;
        last.counted = true;
        last.weight = 1;
        percent = last.value!;
        break;
      }
      case 'best_of': {
        // The mean of the K best pieces (ties: the newer one is kept).
        const best = [...usable].sort((a, b) => b.value! - a.value! || byDateThenId(b, a)).slice(0, settings.bestOf);
        for (const e of best) {
          e.counted = true;
          e.weight = 1;
        }
        percent = roundRatioHalfUp(
          best.reduce((s, e) => s + e.value!, 0),
          best.length,
        );
        break;
      }
      case 'decaying': {
        // Exponential average: the latest piece weighs decayLatestPercent, the past the rest.
        const alpha = settings.decayLatestPercent / 100;
        const weights = usable.map((_, i) => (i === 0 ? Math.pow(1 - alpha, usable.length - 1) : alpha * Math.pow(1 - alpha, usable.length - 1 - i)));
        let m = 0;
        usable.forEach((e, i) => {
          e.counted = true;
          e.weight = Math.round(weights[i]! * 10000) / 10000;
          m += weights[i]! * e.value!;
        });
        percent = Math.floor(m + 0.5 + 1e-9);
        break;
      }
    }
  }
  for (const e of ordered) {
    if (!e.counted) e.notCounted = e.level === 'NE' ? 'not_assessable' : e.level === 'ABS' ? 'absent' : LEFT_OUT[settings.method];
  }
  const evidenceCount = usable.length;
  const state = percent === null || evidenceCount < settings.minEvidence ? 'insufficient' : masteryStateForPercent(percent, settings);
  return { percent, state, evidenceCount, evidence: ordered };
}
