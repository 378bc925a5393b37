import type { Db, DbOrTx, Tx } from '../../db/schema.ts';
import { newId } from '../../util/ids.ts';

/** A teacher's saved dashboard filters (docs/guide.md § 3.8.2); always read through their owner. */

export async function listFilters(db: DbOrTx, establishmentId: string, ownerId: string) {
  const filters = await db
    .selectFrom('dashboard_filters')
    .select(['id', 'name', 'updated_at'])
    .where('establishment_id', '=', establishmentId)
    .where('owner_id', '=', ownerId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (filters.length === 0) return [];
  const links = await db
    .selectFrom('dashboard_filter_competencies')
    .select(['filter_id', 'competency_id'])
    .where('establishment_id', '=', establishmentId)
    .where(
      'filter_id',
      'in',
      filters.map((f) => f.id),
    )
    .orderBy('id')
    .execute();
  return filters.map((f) => ({ ...f, competencyIds: links.filter((l) => l.filter_id === f.id).map((l) => l.competency_id) }));
}

export function findOwnFilter(db: DbOrTx, establishmentId: string, ownerId: string, filterId: string) {
  return db
    .selectFrom('dashboard_filters')
    .select(['id', 'name', 'updated_at'])
    .where('establishment_id', '=', establishmentId)
    .where('owner_id', '=', ownerId)
    .where('id', '=', filterId)
    .executeTakeFirst();
}

export async function nameTaken(db: DbOrTx, establishmentId: string, ownerId: string, name: string, exceptId?: string) {
  let q = db
    .selectFrom('dashboard_filters')
    .select('id')
    .where('establishment_id', '=', establishmentId)
    .where('owner_id', '=', ownerId)
    .where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

export async function insertFilter(db: DbOrTx, v: { establishmentId: string; ownerId: string; name: string; competencyIds: readonly string[]; at: string }) {
  const id = newId();
  await db.insertInto('dashboard_filters').values({ id, establishment_id: v.establishmentId, owner_id: v.ownerId, name: v.name, created_at: v.at, updated_at: v.at }).execute();
  await insertLinks(db, v.establishmentId, id, v.competencyIds);
  return id;
}

async function insertLinks(db: DbOrTx, establishmentId: string, filterId: string, competencyIds: readonly string[]) {
  if (competencyIds.length === 0) return;
  await db
    .insertInto('dashboard_filter_competencies')
    .values(competencyIds.map((competency_id) => ({ id: newId(), establishment_id: establishmentId, filter_id: filterId, competency_id })))
    .execute();
}

/** Replaces name and competencies (the caller checked the version inside the transaction). */
export async function updateFilter(db: DbOrTx, v: { establishmentId: string; ownerId: string; id: string; name: string; competencyIds: readonly string[]; at: string }) {
  await db
    .updateTable('dashboard_filters')
    .set({ name: v.name, updated_at: v.at })
    .where('establishment_id', '=', v.establishmentId)
    .where('owner_id', '=', v.ownerId)
    .where('id', '=', v.id)
    .execute();
  await db.deleteFrom('dashboard_filter_competencies').where('establishment_id', '=', v.establishmentId).where('filter_id', '=', v.id).execute();
  await insertLinks(db, v.establishmentId, v.id, v.competencyIds);
}

/** The competencies of one filter, in the order they were saved. */
export async function listFilterCompetencies(db: DbOrTx, establishmentId: string, filterId: string) {
  const rows = await db
    .selectFrom('dashboard_filter_competencies')
    .select('competency_id')
    .where('establishment_id', '=', establishmentId)
    .where('filter_id', '=', filterId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.competency_id);
}

/** Deletes the owner's filter and its competencies; false when it is not theirs. */
export async function deleteFilter(db: DbOrTx, establishmentId: string, ownerId: string, id: string) {
  if (!(await findOwnFilter(db, establishmentId, ownerId, id))) return false;
  await db.deleteFrom('dashboard_filter_competencies').where('establishment_id', '=', establishmentId).where('filter_id', '=', id).execute();
  const res = await db.deleteFrom('dashboard_filters').where('establishment_id', '=', establishmentId).where('owner_id', '=', ownerId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function countKnownCompetencies(db: DbOrTx, establishmentId: string, ids: readonly string[]) {
  const row = await db
    .selectFrom('competencies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('establishment_id', '=', establishmentId)
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
