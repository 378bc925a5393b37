import type { ItemUsageChecker } from '../referentials/referentials.lookup.ts';
import { findUsedItemIds } from './scenarios.repository.ts';

/** Complexities and hazards chosen in a scenario are « in use » for the referential editor. */
export const usedScenarioItems: ItemUsageChecker = (db, { establishmentId, kind, ids }) => findUsedItemIds(db, establishmentId, kind, ids);
