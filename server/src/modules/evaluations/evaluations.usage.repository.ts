import type { DbOrTx } from '../../db/schema.ts';
import type { ItemUsageQuery } from '../referentials/referentials.lookup.ts';

/** Complexities and hazards chosen in some evaluation (they cannot be deleted from the referential). */
export async function usedItemIds(db: DbOrTx, q: ItemUsageQuery): Promise<string[]> {
  const column = q.kind === 'complexity' ? 'complexity_id' : 'hazard_id';
  const rows = await db
    .selectFrom('evaluation_items')
    .select(column)
    .distinct()
    .where('establishment_id', '=', q.establishmentId)
    .where(column, 'in', [...q.ids])
    .execute();
  return rows.map((r) => (r as Record<string, string | null>)[column]).filter((x): x is string => x !== null);
}
