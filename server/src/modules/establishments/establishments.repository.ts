import { schoolYearOf } from '@cerise/common/settings';
import type { DbOrTx } from '../../db/schema.ts';

/** The one place that reads an establishment (login page, settings, imports, mails). */
export function findEstablishmentById(db: DbOrTx, id: string) {
  return db.selectFrom('establishments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEstablishmentByUai(db: DbOrTx, uai: string) {
  return db.selectFrom('establishments').selectAll().where('uai', '=', uai.toUpperCase()).executeTakeFirst();
}

export function listEstablishmentSummaries(db: DbOrTx, limit: number) {
  return db.selectFrom('establishments').select(['uai', 'name']).orderBy('uai').limit(limit).execute();
}

/** The establishment's stored school year (null for one created before the column existed). */
export async function storedSchoolYear(db: DbOrTx, establishmentId: string): Promise<string | null> {
  const row = await db.selectFrom('establishments').select('school_year').where('id', '=', establishmentId).executeTakeFirst();
  return row?.school_year ?? null;
}

/** The latest school year the establishment has visible classes for, if any. */
export async function latestDivisionSchoolYear(db: DbOrTx, establishmentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('divisions')
    .select((eb) => eb.fn.max('school_year').as('year'))
    .where('establishment_id', '=', establishmentId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  return (row?.year as string | null | undefined) ?? null;
}

export async function insertEstablishment(
  db: DbOrTx,
  e: { id: string; uai: string; name: string; email: string | null; settings: string; at: string },
): Promise<void> {
  await db
    .insertInto('establishments')
    .values({
      id: e.id,
      uai: e.uai,
      name: e.name,
      email: e.email,
      address: null,
      postal_code: null,
      town: null,
      phone: null,
      head_name: null,
      website: null,
      school_year: schoolYearOf(new Date(e.at)),
      settings: e.settings,
      local_login_disabled_profiles: '[]',
      created_at: e.at,
      updated_at: e.at,
      version: 1,
    })
    .execute();
}

export async function countEstablishments(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('establishments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Sets the profiles whose local password login is off (docs/sso.md) if `version` is current; returns whether it did. */
export async function updateLocalLoginDisabledIfVersion(db: DbOrTx, id: string, version: number, profilesJson: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('establishments')
    .set({ local_login_disabled_profiles: profilesJson, updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
