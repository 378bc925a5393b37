import { schoolYearOf } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';

/**
 * The school year the screens show: the latest one the establishment has classes for (an import
 * of next year's files in July switches to it; last year's classes stay visible until then), or
 * the calendar's school year when nothing was imported yet.
 */
export async function activeSchoolYear(db: DbOrTx, establishmentId: string, now: Date): Promise<string> {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('establishment_id', '=', establishmentId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return (row?.year as string | null | undefined) ?? schoolYearOf(now);
}
