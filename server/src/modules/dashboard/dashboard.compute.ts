import {
  CCF_UNIT_CODES,
  ccfVerdict,
  computeMastery,
  describeCcfReason,
  describeEp1,
  ep1Status,
  schoolYearOf,
  type CcfUnitResult,
  type EstablishmentSettings,
  type Evidence,
  type MasteryResult,
  type ResultLevel,
} from '@cerise/common';
import type { BepDomain } from '../../db/tables/referentials.ts';

/*
 * From rows to mastery, CCF verdicts and the EP1 count (no database here). Evidence of a
 * learner × competency: results (NE and ABS listed, never counted) and passport reviews, ordered
 * by date, then when recorded, then id (ids are time-ordered).
 */

export type PlacedCompetency = {
  id: string;
  code: string;
  label: string;
  class_id: string;
  class_code: string;
  class_title: string;
  pole_id: string;
  pole_code: string;
  pole_title: string;
};
export type Structure = {
  referential: { id: string; code: string; title: string; bep_title: string | null; version: number } | null;
  competencies: PlacedCompetency[];
  units: { id: string; code: string; pole_id: string | null }[];
  bepActivities: { id: string; code: string; domain: BepDomain; label: string }[];
};

export type ResultRow = {
  id: string;
  learner_id: string;
  competency_id: string;
  level: ResultLevel;
  evaluated_on: string;
  recorded_at: string;
  evaluation_competency_id: string;
  /** Absent from a class view's rows. */
  evaluation_id?: string;
  title?: string;
  is_visible?: number;
};
export type SituationRow = { id: string; learner_id: string; competency_id: string; title: string; occurred_on: string; bep_activity_id: string | null };
export type ReviewRow = { id: string; situation_id: string; level: ResultLevel; reviewed_on: string; created_at: string; learner_id: string; competency_id: string };
export type ItemRow = { owner_id: string; complexity: string | null; hazard: string | null };

export type EvidenceData = {
  results: ResultRow[];
  resultItems: ItemRow[];
  situations: SituationRow[];
  reviews: ReviewRow[];
  situationItems: ItemRow[];
};

/** One piece before computation, with what the evidence list shows. */
export type Piece = Evidence & {
  learnerId: string;
  competencyId: string;
  source: 'evaluation' | 'passport';
  sourceId: string;
  title: string;
  visible: boolean;
  complexities: string[];
  hazards: string[];
};

type Items = { complexities: string[]; hazards: string[] };
function groupItems(rows: readonly ItemRow[]): Map<string, Items> {
  const out = new Map<string, Items>();
  for (const r of rows) {
    let g = out.get(r.owner_id);
    if (!g) out.set(r.owner_id, (g = { complexities: [], hazards: [] }));
    if (r.complexity !== null) g.complexities.push(r.complexity);
    if (r.hazard !== null) g.hazards.push(r.hazard);
  }
  return out;
}
const NONE: Items = { complexities: [], hazards: [] };

/** Every piece of evidence of the data, keyed `learnerId|competencyId`. The `id` is the sort key. */
export function piecesByCell(data: EvidenceData): Map<string, Piece[]> {
  const rItems = groupItems(data.resultItems);
  const sItems = groupItems(data.situationItems);
  const situations = new Map(data.situations.map((s) => [s.id, s]));
  const out = new Map<string, Piece[]>();
  const push = (p: Piece) => {
    const key = `${p.learnerId}|${p.competencyId}`;
    const list = out.get(key);
    if (list) list.push(p);
    else out.set(key, [p]);
  };
  for (const r of data.results) {
    const items = rItems.get(r.evaluation_competency_id) ?? NONE;
    push({
      id: `${r.recorded_at}|${r.id}`,
      date: r.evaluated_on,
      level: r.level,
      itemCount: items.complexities.length + items.hazards.length,
      learnerId: r.learner_id,
      competencyId: r.competency_id,
      source: 'evaluation',
      sourceId: r.evaluation_id ?? '',
      title: r.title ?? '',
      visible: r.is_visible === 1,
      complexities: items.complexities,
      hazards: items.hazards,
    });
  }
  for (const r of data.reviews) {
    const items = sItems.get(r.situation_id) ?? NONE;
    push({
      id: `${r.created_at}|${r.id}`,
      date: r.reviewed_on,
      level: r.level,
      itemCount: items.complexities.length + items.hazards.length,
      learnerId: r.learner_id,
      competencyId: r.competency_id,
      source: 'passport',
      sourceId: r.situation_id,
      title: situations.get(r.situation_id)?.title ?? '',
      visible: true,
      complexities: items.complexities,
      hazards: items.hazards,
    });
  }
  return out;
}

export type Mastered = MasteryResult & { pieces: Map<string, Piece> };

/** Mastery of one cell; `pieces` maps the sort key back to the piece. */
export function masteryOf(pieces: readonly Piece[] | undefined, settings: EstablishmentSettings['mastery']): Mastered {
  const list = pieces ?? [];
  const m = computeMastery(list, settings);
  return { percent: m.percent, state: m.state, evidenceCount: m.evidenceCount, evidence: m.evidence, pieces: new Map(list.map((p) => [p.id, p])) };
}

/** The last review of each situation (latest date, then latest recorded). */
export function lastReviews(reviews: readonly ReviewRow[]): Map<string, ReviewRow> {
  const out = new Map<string, ReviewRow>();
  for (const r of reviews) {
    const cur = out.get(r.situation_id);
    if (!cur || `${r.reviewed_on}|${r.created_at}|${r.id}` > `${cur.reviewed_on}|${cur.created_at}|${cur.id}`) out.set(r.situation_id, r);
  }
  return out;
}

const isSuccess = (l: ResultLevel) => l === 'RT' || l === 'RP';

/** CCF verdicts of one learner for E31, E32, E33 (units present in the referential). */
export function ccfForLearner(
  structure: Structure,
  cells: ReadonlyMap<string, { state: MasteryResult['state']; evidenceCount: number }>,
  pieces: readonly Piece[],
  situations: readonly SituationRow[],
  last: ReadonlyMap<string, ReviewRow>,
  settings: EstablishmentSettings,
): CcfUnitResult[] {
  const classOf = new Map(structure.competencies.map((c) => [c.id, c.class_id]));
  const covered = new Set<string>();
  for (const s of situations) {
    const review = last.get(s.id);
    const cls = classOf.get(s.competency_id);
    if (review && cls && isSuccess(review.level)) covered.add(cls);
  }
  const hard = new Set<string>();
  for (const p of pieces) {
    const cls = classOf.get(p.competencyId);
    if (cls && isSuccess(p.level) && p.itemCount > 0) hard.add(cls);
  }
  const out: CcfUnitResult[] = [];
  for (const code of CCF_UNIT_CODES) {
    const unit = structure.units.find((u) => u.code === code && u.pole_id !== null);
    if (!unit) continue;
    const comps = structure.competencies.filter((c) => c.pole_id === unit.pole_id);
    if (comps.length === 0) continue;
    const classes = [...new Map(comps.map((c) => [c.class_id, { id: c.class_id, label: `${c.class_code} ${c.class_title}` }])).values()];
    const outcome = ccfVerdict(
      {
        classes,
        competencies: comps.map((c) => {
          const cell = cells.get(c.id);
          return { id: c.id, label: c.code, classId: c.class_id, state: cell?.state ?? 'insufficient', evidenceCount: cell?.evidenceCount ?? 0 };
        }),
        classesWithPassportSuccess: covered,
        classesWithHardSuccess: hard,
      },
      settings.ccf,
    );
    out.push({
      unitCode: code,
      poleCode: comps[0]!.pole_code,
      poleTitle: comps[0]!.pole_title,
      verdict: outcome.verdict,
      acquiredPercent: outcome.acquiredPercent,
      evidenceCount: outcome.evidenceCount,
      reasons: outcome.reasons.map(describeCcfReason),
    });
  }
  return out;
}

export function ep1Of(structure: Structure, situations: readonly SituationRow[]) {
  const status = ep1Status(structure.bepActivities, situations.map((s) => s.bep_activity_id));
  return { ...status, text: describeEp1(status) };
}

/** The end of a school year « 2025-2026 » for evidence dates (exclusive): 2026-08-01. */
export const schoolYearEnd = (year: string) => `${Number(year.slice(0, 4)) + 1}-08-01`;
export const yearOfDate = (date: string) => schoolYearOf(new Date(`${date}T12:00:00Z`));
