import { schoolYearOf } from '@cerise/common/settings';
import type { DbOrTx } from '../../db/schema.ts';
import { latestDivisionSchoolYear, storedSchoolYear } from './establishments.repository.ts';

/**
 * The school year the screens show (docs/design.md §4): the establishment's own `school_year`, set when
 * it is created and changed only by « Passer à l'année … » in Paramètres, so that importing next
 * year's files in June does not switch the screens. An establishment that has none yet (created
 * before the column existed) falls back to the latest year it has classes for, then the
 * calendar's school year.
 */
export async function activeSchoolYear(db: DbOrTx, establishmentId: string, now: Date): Promise<string> {
  return (await storedSchoolYear(db, establishmentId)) ?? (await latestDivisionSchoolYear(db, establishmentId)) ?? schoolYearOf(now);
}
