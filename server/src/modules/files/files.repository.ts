import type { DbOrTx } from '../../db/schema.ts';
import type { FilesTable } from '../../db/tables/teaching.ts';

export function findFileByHash(db: DbOrTx, establishmentId: string, sha256: string) {
  return db.selectFrom('files').selectAll().where('establishment_id', '=', establishmentId).where('sha256', '=', sha256).executeTakeFirst();
}

export function findFile(db: DbOrTx, establishmentId: string, id: string) {
  return db.selectFrom('files').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

/** Bytes of the establishment's stored files (each content once: rows are unique by hash). */
export async function storedBytes(db: DbOrTx, establishmentId: string): Promise<number> {
  const row = await db.selectFrom('files').select((eb) => eb.fn.sum<number | string | null>('size').as('total')).where('establishment_id', '=', establishmentId).executeTakeFirst();
  return Number(row?.total ?? 0);
}

export async function insertFile(db: DbOrTx, row: FilesTable): Promise<void> {
  await db.insertInto('files').values(row).onConflict((oc) => oc.columns(['establishment_id', 'sha256']).doNothing()).execute();
}

/** Among `ids`, the files no attachment points to any more. */
export async function unreferencedFiles(db: DbOrTx, establishmentId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files as f')
    .select(['f.id', 'f.sha256'])
    .where('f.establishment_id', '=', establishmentId)
    .where('f.id', 'in', ids)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('scenario_attachments as s').select('s.id').whereRef('s.file_id', '=', 'f.id'))),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('passport_attachments as p').select('p.id').whereRef('p.file_id', '=', 'f.id'))),
    )
    .execute();
}

export async function deleteFiles(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('files').where('establishment_id', '=', establishmentId).where('id', 'in', ids).execute();
}
