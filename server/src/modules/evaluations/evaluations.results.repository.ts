import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import type { ResultLevel, ResultsTable } from '../../db/tables/teaching.ts';

/**
 * The results grid: one row per filled cell (an empty cell has no row), each with its own
 * version so that two people changing different cells never collide. Every write checks the
 * version it was made from in its WHERE clause, so a concurrent change on PostgreSQL is caught
 * even after the read.
 */

export type CellKey = { learnerId: string; evaluationCompetencyId: string };
export const cellKey = (c: CellKey) => `${c.learnerId}/${c.evaluationCompetencyId}`;

export function listResults(db: DbOrTx, evaluationId: string) {
  return db
    .selectFrom('results')
    .select(['id', 'learner_id', 'evaluation_competency_id', 'level', 'version', 'recorded_by'])
    .where('evaluation_id', '=', evaluationId)
    .execute();
}

/** A result row as inserted: the table's own shape. */
export type NewResult = ResultsTable;

/** Inserts the cells that are still empty; answers the keys actually inserted. */
export async function insertResults(db: DbOrTx, rows: NewResult[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const done = await db
      .insertInto('results')
      .values(chunk)
      .onConflict((oc) => oc.columns(['evaluation_competency_id', 'learner_id']).doNothing())
      .returning(['learner_id', 'evaluation_competency_id'])
      .execute();
    for (const r of done) inserted.add(cellKey({ learnerId: r.learner_id, evaluationCompetencyId: r.evaluation_competency_id }));
  }
  return inserted;
}

/**
 * Changes cells whose version is still their `baseVersion`, a few hundred per statement (one
 * UPDATE … CASE, so that a full grid costs a handful of statements); answers the new version
 * of each cell changed, by id.
 */
export async function updateResults(
  db: DbOrTx,
  cells: { id: string; baseVersion: number; level: ResultLevel }[],
  set: { recorded_at: string; recorded_by: string; evaluated_on: string },
): Promise<Map<string, number>> {
  const changed = new Map<string, number>();
  for (let i = 0; i < cells.length; i += 200) {
    const chunk = cells.slice(i, i + 200);
    const level = sql<ResultLevel>`case ${sql.ref('id')} ${sql.join(
      chunk.map((c) => sql`when ${c.id} then ${c.level}`),
      sql` `,
    )} end`;
    // `id in (…)` uses the primary key; the version each cell was changed from is checked per row.
    const base = sql<number>`case ${sql.ref('id')} ${sql.join(
      chunk.map((c) => sql`when ${c.id} then cast(${c.baseVersion} as integer)`),
      sql` `,
    )} end`;
    const done = await db
      .updateTable('results')
      .set({ ...set, level, version: (eb) => eb('version', '+', 1) })
      .where('id', 'in', chunk.map((c) => c.id))
      .where('version', '=', base)
      .returning(['id', 'version'])
      .execute();
    for (const r of done) changed.set(r.id, r.version);
  }
  return changed;
}

/** Empties cells whose version is still the one given; answers the ids removed. */
export async function deleteResults(db: DbOrTx, cells: { id: string; version: number }[]): Promise<Set<string>> {
  const removed = new Set<string>();
  for (let i = 0; i < cells.length; i += 400) {
    const chunk = cells.slice(i, i + 400);
    const done = await db
      .deleteFrom('results')
      .where((eb) => eb.or(chunk.map((c) => eb.and([eb('id', '=', c.id), eb('version', '=', c.version)]))))
      .returning('id')
      .execute();
    for (const r of done) removed.add(r.id);
  }
  return removed;
}

/** The people who recorded some results (for conflicts: « saisi par … »). */
export function findPeople(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'login', 'last_name', 'first_name']).where('id', 'in', [...ids]).execute();
}
