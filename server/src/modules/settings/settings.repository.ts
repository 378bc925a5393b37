import type { DbOrTx } from '../../db/schema.ts';

/** The establishment's row: one query for every module (establishments repository). */
export { findEstablishmentById as findEstablishment } from '../establishments/establishments.repository.ts';

export type EstablishmentDetailsColumns = {
  name: string;
  address: string | null;
  postal_code: string | null;
  town: string | null;
  phone: string | null;
  email: string | null;
  head_name: string | null;
  website: string | null;
};

/** Saves the details if `version` is still current; returns whether a row changed. */
export async function updateDetails(db: DbOrTx, establishmentId: string, version: number, values: EstablishmentDetailsColumns, at: string): Promise<boolean> {
  const res = await db
    .updateTable('establishments')
    .set({ ...values, updated_at: at, version: version + 1 })
    .where('id', '=', establishmentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Saves the settings JSON if `version` is still current; returns whether a row changed. */
export async function updateSettingsJson(db: DbOrTx, establishmentId: string, version: number, settings: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('establishments')
    .set({ settings, updated_at: at, version: version + 1 })
    .where('id', '=', establishmentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Switches the establishment's school year if `version` is still current; returns whether a row changed. */
export async function updateSchoolYear(db: DbOrTx, establishmentId: string, version: number, schoolYear: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('establishments')
    .set({ school_year: schoolYear, updated_at: at, version: version + 1 })
    .where('id', '=', establishmentId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** How many visible classes the establishment has for a school year (already imported). */
export async function countDivisionsOfYear(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<number> {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('establishment_id', '=', establishmentId)
    .where('school_year', '=', schoolYear)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
