import type { Competency } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import { presentCompetency } from './referentials.presenter.ts';
import * as repo from './referentials.repository.ts';

/**
 * What other modules (scenarios, evaluations, passport, dashboard, CCF) use to read the
 * referential: plain functions taking a database or a transaction, always scoped to an
 * establishment. Whether elements are in use is counted directly over the teaching tables
 * (referentials.usage.ts); `registerItemUsageChecker` is a deprecated no-op kept for callers.
 */

export {
  countCompetenciesInUse,
  countItemsInUse,
  findUsedItems,
  isComplexityUsed,
  isHazardUsed,
  registerItemUsageChecker,
  type CompetencyItemKind,
  type ItemUsageChecker,
  type ItemUsageQuery,
} from './referentials.usage.ts';

export type CompetencyRef = {
  id: string;
  referentialId: string;
  situationId: string;
  code: string;
  label: string;
  toComplete: boolean;
};

const toRef = (r: Awaited<ReturnType<typeof repo.findCompetenciesByIds>>[number]): CompetencyRef => ({
  id: r.id,
  referentialId: r.referential_id,
  situationId: r.situation_id,
  code: r.code,
  label: r.label,
  toComplete: r.to_complete === 1,
});

/** A competency of the establishment by id, in any of its referentials; undefined otherwise. */
export async function findCompetencyById(db: DbOrTx, establishmentId: string, competencyId: string): Promise<CompetencyRef | undefined> {
  const [row] = await repo.findCompetenciesByIds(db, establishmentId, [competencyId]);
  return row ? toRef(row) : undefined;
}

/** Competencies of the establishment by id (unknown or foreign ids are simply absent). */
export async function findCompetenciesByIds(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<Map<string, CompetencyRef>> {
  const rows = await repo.findCompetenciesByIds(db, establishmentId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}

/** A competency with its ordered complexities and hazards (ids, labels, positions). */
export async function findCompetencyWithItems(db: DbOrTx, establishmentId: string, competencyId: string): Promise<Competency | undefined> {
  const [row] = await repo.findCompetenciesByIds(db, establishmentId, [competencyId]);
  if (!row) return undefined;
  const [complexities, hazards] = await Promise.all([
    repo.listCompetencyItems(db, 'complexities', establishmentId, competencyId),
    repo.listCompetencyItems(db, 'hazards', establishmentId, competencyId),
  ]);
  return presentCompetency(row, complexities, hazards);
}

/**
 * Checks that chosen complexities and hazards belong to the competency (a scenario, an
 * evaluation or a passport situation chooses among them); 400 `referentials.invalid_items` otherwise.
 */
export async function assertItemsOfCompetency(
  db: DbOrTx,
  establishmentId: string,
  competencyId: string,
  chosen: { complexityIds?: readonly string[]; hazardIds?: readonly string[] },
): Promise<void> {
  const [complexities, hazards] = await Promise.all([
    repo.listCompetencyItems(db, 'complexities', establishmentId, competencyId),
    repo.listCompetencyItems(db, 'hazards', establishmentId, competencyId),
  ]);
  const ok = (wanted: readonly string[] | undefined, rows: { id: string }[]) => {
    const ids = new Set(rows.map((r) => r.id));
    return (wanted ?? []).every((id) => ids.has(id));
  };
  if (!ok(chosen.complexityIds, complexities) || !ok(chosen.hazardIds, hazards)) {
    throw badRequest('referentials.invalid_items');
  }
}

/** Every competency of a referential with its situation, class and pôle (ids and codes), in tree order. */
export function listCompetencyPlacements(db: DbOrTx, establishmentId: string, referentialId: string) {
  return repo.listCompetencyPlacements(db, establishmentId, referentialId);
}

/** The establishment's referentials (id, code, title), in display order. */
export async function listReferentialRefs(db: DbOrTx, establishmentId: string) {
  const rows = await repo.listReferentials(db, establishmentId);
  return rows.map((r) => ({ id: r.id, code: r.code, title: r.title }));
}
