import { schoolYearOf } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';

export function findByUai(db: DbOrTx, uai: string) {
  return db.selectFrom('establishments').selectAll().where('uai', '=', uai).executeTakeFirst();
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
      created_at: e.at,
      updated_at: e.at,
      version: 1,
    })
    .execute();
}

export async function insertUser(db: DbOrTx, u: UsersTable): Promise<void> {
  await db.insertInto('users').values(u).execute();
}

export async function countEstablishments(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('establishments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}
