import { sql } from 'kysely';
import type { DbOrTx, Engine } from './schema.ts';

/**
 * The few things that differ between SQLite and PostgreSQL results. Nothing else in the code
 * base may branch on the engine.
 */

/** A count(*) comes back as a string from pg (bigint) and a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/**
 * Serialises, until the end of the transaction, every transaction that asks for the same key.
 * SQLite runs one write transaction at a time on our single connection, so nothing is needed
 * there; PostgreSQL takes a transaction-scoped advisory lock on the key's hash.
 */
export async function lockKeyForTransaction(tx: DbOrTx, engine: Engine, key: string): Promise<void> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}
