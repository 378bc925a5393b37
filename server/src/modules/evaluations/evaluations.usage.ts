import type { DbOrTx } from '../../db/schema.ts';
import type { ItemUsageQuery } from '../referentials/referentials.lookup.ts';
import { usedItemIds } from './evaluations.usage.repository.ts';

/** The referential's "in use" hook: complexities and hazards chosen in some evaluation. */
export function usedItems(db: DbOrTx, q: ItemUsageQuery): Promise<string[]> {
  return usedItemIds(db, q);
}
