import type { DbOrTx } from '../../db/schema.ts';

/**
 * Whether complexities and hazards are in use. The referential module does not know who uses
 * them: scenarios, evaluations and the passport each register a checker at start-up, e.g.
 *
 *   registerItemUsageChecker('scenarios', async (db, { establishmentId, kind, ids }) =>
 *     (await db.selectFrom('scenario_items')…where('item_id', 'in', ids)…).map((r) => r.item_id));
 *
 * An item in use cannot be deleted (editor: 409 `referentials.item_in_use`; import: refused).
 */

export type CompetencyItemKind = 'complexity' | 'hazard';

export type ItemUsageQuery = {
  establishmentId: string;
  kind: CompetencyItemKind;
  /** Never empty. */
  ids: readonly string[];
};

/** Returns the ids (among `ids`) that are in use. Runs in the caller's transaction. */
export type ItemUsageChecker = (db: DbOrTx, query: ItemUsageQuery) => Promise<Iterable<string>>;

const checkers = new Map<string, ItemUsageChecker>();

/**
 * Registers (or replaces) the checker of a module under a stable name. Returns a function that
 * removes it (for tests).
 */
export function registerItemUsageChecker(name: string, checker: ItemUsageChecker): () => void {
  checkers.set(name, checker);
  return () => {
    if (checkers.get(name) === checker) checkers.delete(name);
  };
}

/** The ids among `ids` used anywhere, according to every registered checker. */
export async function findUsedItems(
  db: DbOrTx,
  establishmentId: string,
  kind: CompetencyItemKind,
  ids: readonly string[],
): Promise<Set<string>> {
  const used = new Set<string>();
  if (ids.length === 0) return used;
  for (const checker of checkers.values()) {
    for (const id of await checker(db, { establishmentId, kind, ids })) used.add(id);
  }
  return used;
}

export async function isComplexityUsed(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  return (await findUsedItems(db, establishmentId, 'complexity', [id])).has(id);
}

export async function isHazardUsed(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  return (await findUsedItems(db, establishmentId, 'hazard', [id])).has(id);
}
