import type { CellChange, SaveResultsResponse } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { AppError, conflict } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { evaluationFor } from './evaluations.access.ts';
import { inTransaction } from './evaluations.list.repository.ts';
import { presentPerson } from './evaluations.presenter.ts';
import * as repo from './evaluations.repository.ts';
import * as results from './evaluations.results.repository.ts';

type Saved = SaveResultsResponse['saved'][number];
type Conflict = SaveResultsResponse['conflicts'][number];

/** A hook for the crash tests: runs inside the transaction after the inserts and updates, before the deletes. */
export const saveHooks: { midway?: () => void | Promise<void> } = {};

/**
 * Saves a batch of cell changes, merged per cell: a cell whose stored version is still
 * `baseVersion` takes the new value; a cell someone else changed since is not touched and comes
 * back as a conflict with their value (unless they chose the same level). Cells of learners or
 * competencies no longer in the evaluation are reported as discarded. One short transaction.
 */
export async function saveResults(deps: Deps, ctx: RequestContext, id: string, cells: readonly CellChange[]): Promise<SaveResultsResponse> {
  const { evaluation } = await evaluationFor(deps.db, ctx, id, 'edit');
  const at = nowIso(ctx.at);
  const out = await inTransaction(deps.db, (tx) => mergeCells(tx, ctx, evaluation, cells, at));
  return { ...out, savedAt: at };
}

async function mergeCells(tx: DbOrTx, ctx: RequestContext, evaluation: repo.EvaluationRow, cells: readonly CellChange[], at: string) {
  const [columns, learners, current] = await Promise.all([
    repo.listEvaluationCompetencies(tx, evaluation.id),
    repo.listEvaluationLearners(tx, evaluation.id),
    results.listResults(tx, evaluation.id),
  ]);
  const competencyOf = new Map(columns.map((c) => [c.id, c.competency_id]));
  const learnerIds = new Set(learners.map((l) => l.id));
  const stored = new Map(current.map((r) => [results.cellKey({ learnerId: r.learner_id, evaluationCompetencyId: r.evaluation_competency_id }), r]));

  const saved: Saved[] = [];
  const discarded: { learnerId: string; evaluationCompetencyId: string }[] = [];
  const failed: CellChange[] = [];
  const inserts: results.NewResult[] = [];
  const deletes: { id: string; version: number; cell: CellChange }[] = [];
  const updates: { id: string; cell: CellChange & { baseVersion: number; level: NonNullable<CellChange['level']> } }[] = [];

  for (const cell of cells) {
    const key = { learnerId: cell.learnerId, evaluationCompetencyId: cell.evaluationCompetencyId };
    if (!learnerIds.has(cell.learnerId) || !competencyOf.has(cell.evaluationCompetencyId)) {
      discarded.push(key);
      continue;
    }
    const row = stored.get(results.cellKey(cell));
    const storedVersion = row?.version ?? null;
    if (storedVersion !== cell.baseVersion) {
      failed.push(cell);
      continue;
    }
    if (cell.level === null) {
      if (row) deletes.push({ id: row.id, version: row.version, cell });
      else saved.push({ ...key, level: null, version: null });
    } else if (row) {
      if (row.level === cell.level) saved.push({ ...key, level: row.level, version: row.version });
      else updates.push({ id: row.id, cell: { ...cell, level: cell.level, baseVersion: row.version } });
    } else {
      inserts.push({
        id: newId(),
        establishment_id: ctx.establishmentId,
        evaluation_id: evaluation.id,
        evaluation_competency_id: cell.evaluationCompetencyId,
        learner_id: cell.learnerId,
        competency_id: competencyOf.get(cell.evaluationCompetencyId)!,
        level: cell.level,
        evaluated_on: evaluation.evaluated_on,
        recorded_at: at,
        recorded_by: ctx.actor.id,
        version: 1,
      });
    }
  }

  const inserted = await results.insertResults(tx, inserts);
  for (const r of inserts) {
    const key = { learnerId: r.learner_id, evaluationCompetencyId: r.evaluation_competency_id };
    if (inserted.has(results.cellKey(key))) saved.push({ ...key, level: r.level, version: 1 });
    else failed.push({ ...key, level: r.level, baseVersion: null });
  }
  const changed = await results.updateResults(
    tx,
    updates.map((u) => ({ id: u.id, baseVersion: u.cell.baseVersion, level: u.cell.level })),
    { recorded_at: at, recorded_by: ctx.actor.id, evaluated_on: evaluation.evaluated_on },
  );
  for (const u of updates) {
    const version = changed.get(u.id);
    if (version === undefined) failed.push(u.cell);
    else saved.push({ learnerId: u.cell.learnerId, evaluationCompetencyId: u.cell.evaluationCompetencyId, level: u.cell.level, version });
  }
  if (saveHooks.midway) await saveHooks.midway();
  const removed = await results.deleteResults(tx, deletes);
  for (const d of deletes) {
    if (removed.has(d.id)) saved.push({ learnerId: d.cell.learnerId, evaluationCompetencyId: d.cell.evaluationCompetencyId, level: null, version: null });
    else failed.push(d.cell);
  }
  const conflicts = await resolveFailures(tx, evaluation.id, failed, saved);
  return { saved, conflicts, discarded };
}

/** Re-reads the cells that moved: the same level as wanted is no conflict; otherwise theirs is shown. */
async function resolveFailures(tx: DbOrTx, evaluationId: string, failed: CellChange[], saved: Saved[]): Promise<Conflict[]> {
  if (failed.length === 0) return [];
  const now = new Map((await results.listResults(tx, evaluationId)).map((r) => [results.cellKey({ learnerId: r.learner_id, evaluationCompetencyId: r.evaluation_competency_id }), r]));
  const conflicts: Omit<Conflict, 'recordedBy'>[] = [];
  const people = new Set<string>();
  const byWhom = new Map<string, string>();
  for (const cell of failed) {
    const key = { learnerId: cell.learnerId, evaluationCompetencyId: cell.evaluationCompetencyId };
    const row = now.get(results.cellKey(cell));
    if ((row?.level ?? null) === cell.level) {
      saved.push({ ...key, level: cell.level, version: row?.version ?? null });
      continue;
    }
    conflicts.push({ ...key, yours: cell.level, theirs: row?.level ?? null, theirVersion: row?.version ?? null });
    if (row) {
      people.add(row.recorded_by);
      byWhom.set(results.cellKey(cell), row.recorded_by);
    }
  }
  const persons = new Map((await results.findPeople(tx, [...people])).map((p) => [p.id, presentPerson(p)]));
  return conflicts.map((c) => ({ ...c, recordedBy: persons.get(byWhom.get(results.cellKey(c)) ?? '') ?? null }));
}

/** A learner's comment, with its own version. */
export async function saveComment(deps: Deps, ctx: RequestContext, id: string, learnerId: string, comment: string, version: number) {
  await evaluationFor(deps.db, ctx, id, 'edit');
  const row = await repo.findEvaluationLearner(deps.db, id, learnerId);
  if (!row) throw new AppError(404, 'evaluations.learner_not_in_evaluation');
  const ok = await inTransaction(deps.db, (tx) => repo.updateComment(tx, id, learnerId, comment, version));
  if (!ok) {
    const now = await repo.findEvaluationLearner(deps.db, id, learnerId);
    throw conflict('evaluations.comment_conflict', undefined, { comment: now?.comment ?? '', commentVersion: now?.comment_version ?? null });
  }
  return { comment, commentVersion: version + 1 };
}
