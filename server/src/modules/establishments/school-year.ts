import { schoolYearOf } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';

/**
 * The school year the screens show (DESIGN §4): the establishment's own `school_year`, set when
 * it is created and changed only by « Passer à l'année … » in Paramètres, so that importing next
 * year's files in June does not switch the screens. An establishment that has none yet (created
 * before the column existed) falls back to the latest year it has classes for, then the
 * calendar's school year.
 */
export async function activeSchoolYear(db: DbOrTx, establishmentId: string, now: Date): Promise<string> {
  const est = await db.selectFrom('establishments').select('school_year').where('id', '=', establishmentId).executeTakeFirst();
  if (est?.school_year) return est.school_year;
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('establishment_id', '=', establishmentId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return (row?.year as string | null | undefined) ?? schoolYearOf(now);
}
