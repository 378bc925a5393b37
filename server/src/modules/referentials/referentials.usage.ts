import crypto from 'node:crypto';
import type { DbOrTx } from '../../db/schema.ts';
import {
  countBepActivityUses,
  countCompetencyUses,
  countItemUses,
  type CompetencyUser,
  type ItemUser,
  type UsageCounts,
} from './referentials.usage.repository.ts';

/**
 * Whether referential elements are in use, by direct counts over the teaching tables (see
 * referentials.usage.repository.ts). Every reference is also a foreign key without ON DELETE
 * (migration 0004), so the database refuses what these checks would miss; the counts give the
 * editor (409 `referentials.item_in_use`), the import (409 `…import_item_in_use`) and the tree
 * (`inUse`) a number to show. Nothing has to register: a new table that points to the
 * referential is added to the lists of the repository.
 */

export type CompetencyItemKind = 'complexity' | 'hazard';
export type { UsageCounts };

const COLUMN: Record<CompetencyItemKind, 'complexity_id' | 'hazard_id'> = { complexity: 'complexity_id', hazard: 'hazard_id' };

/** Uses of complexities or hazards among `ids`; runs in the caller's transaction. */
export function countItemsInUse(db: DbOrTx, establishmentId: string, kind: CompetencyItemKind, ids: readonly string[]): Promise<UsageCounts<ItemUser>> {
  return countItemUses(db, establishmentId, COLUMN[kind], ids);
}

/** Uses of competencies among `ids`. */
export function countCompetenciesInUse(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<UsageCounts<CompetencyUser>> {
  return countCompetencyUses(db, establishmentId, ids);
}

/** The ids among `ids` used anywhere. */
export async function findUsedItems(db: DbOrTx, establishmentId: string, kind: CompetencyItemKind, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await countItemsInUse(db, establishmentId, kind, ids)).keys());
}

export async function isComplexityUsed(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  return (await findUsedItems(db, establishmentId, 'complexity', [id])).has(id);
}

export async function isHazardUsed(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  return (await findUsedItems(db, establishmentId, 'hazard', [id])).has(id);
}

/** Uses of every element of a referential, for the tree (ids without use are absent). */
export type ReferentialUsage = {
  complexities: UsageCounts<ItemUser>;
  hazards: UsageCounts<ItemUser>;
  competencies: UsageCounts<CompetencyUser>;
  bepActivities: UsageCounts<'passport_situations'>;
};

export async function loadReferentialUsage(
  db: DbOrTx,
  establishmentId: string,
  ids: { complexities: readonly string[]; hazards: readonly string[]; competencies: readonly string[]; bepActivities: readonly string[] },
): Promise<ReferentialUsage> {
  return {
    complexities: await countItemUses(db, establishmentId, 'complexity_id', ids.complexities),
    hazards: await countItemUses(db, establishmentId, 'hazard_id', ids.hazards),
    competencies: await countCompetencyUses(db, establishmentId, ids.competencies),
    bepActivities: await countBepActivityUses(db, establishmentId, ids.bepActivities),
  };
}

/** A short digest of the usage, part of the tree's ETag (the tree shows `inUse`). */
export function usageDigest(usage: ReferentialUsage): string {
  const lines: string[] = [];
  for (const [list, counts] of Object.entries(usage) as [string, UsageCounts<string>][]) {
    for (const [id, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`${list}:${id}:${c.total}`);
  }
  return crypto.createHash('sha256').update(lines.join('\n')).digest('base64url').slice(0, 16);
}

const USER_NAMES: Record<ItemUser | CompetencyUser, { one: string; other: string }> = {
  scenario_items: { one: 'scénario', other: 'scénarios' },
  scenario_competencies: { one: 'scénario', other: 'scénarios' },
  evaluation_items: { one: 'évaluation', other: 'évaluations' },
  evaluation_competencies: { one: 'évaluation', other: 'évaluations' },
  results: { one: 'résultat', other: 'résultats' },
  passport_items: { one: 'situation du passeport', other: 'situations du passeport' },
  passport_situations: { one: 'situation du passeport', other: 'situations du passeport' },
  blocked_competencies: { one: 'compétence bloquée', other: 'compétences bloquées' },
  dashboard_filter_competencies: { one: 'filtre du tableau de bord', other: 'filtres du tableau de bord' },
};

/** « 3 fois (2 scénarios, 1 évaluation) ». */
export function describeUses(uses: { total: number; by: Partial<Record<ItemUser | CompetencyUser, number>> }): string {
  const parts = (Object.entries(uses.by) as [ItemUser | CompetencyUser, number][])
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${n} ${n === 1 ? USER_NAMES[table].one : USER_NAMES[table].other}`);
  return `${uses.total} fois (${parts.join(', ')})`;
}

/**
 * @deprecated Nothing to register any more: uses are counted directly over every teaching table.
 * Kept (a no-op) so that modules written against the former registry still compile; remove the
 * call when you next touch it.
 */
export type ItemUsageQuery = { establishmentId: string; kind: CompetencyItemKind; ids: readonly string[] };
/** @deprecated see `registerItemUsageChecker`. */
export type ItemUsageChecker = (db: DbOrTx, query: ItemUsageQuery) => Promise<Iterable<string>>;
/** @deprecated a no-op: uses are counted directly (see the top of this file). */
export function registerItemUsageChecker(_name: string, _checker: ItemUsageChecker): () => void {
  return () => {};
}
