import type { Db, Tx } from './schema.ts';

/**
 * Runs `fn` in one database transaction (committed when it resolves, rolled back when it
 * throws). Use cases call this instead of the query builder; repositories take the `tx`.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
