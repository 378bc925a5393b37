import type { Db, DbOrTx, Tx } from './schema.ts';

/**
 * Runs `fn` in one database transaction (committed when it resolves, rolled back when it
 * throws). Use cases call this instead of the query builder; repositories take the `tx`.
 */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/**
 * Like `inTransaction`, for code that may be called inside a transaction already (the demo seed,
 * a restore): there, `fn` runs in that transaction, which commits or rolls back with its caller.
 */
export function inOwnOrCurrentTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return inTransaction(db as Db, fn);
}
