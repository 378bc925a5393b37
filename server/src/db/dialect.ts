import { sql, type Insertable } from 'kysely';
import type { Database, DbOrTx, Engine } from './schema.ts';
import { batchQuery } from './sqlite-driver.ts';

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

/**
 * Inserts many rows of one table (a SIECLE import: 16,000 accounts, 12,000 guardians).
 * - PostgreSQL: `chunk` rows per statement, one round trip each.
 * - SQLite: one prepared statement run once per row (db/database.ts keeps it prepared: same SQL
 *   text). Kysely compiled a 300-row statement of 8,700 values for each chunk: for 16,258
 *   accounts, 580 ms against 350 (docs/performance.md « Import par la ligne de commande »). The
 *   rows go SQLITE_BATCH_ROWS at a time to the driver, which runs them in one synchronous loop
 *   (db/sqlite-driver.ts batchQuery): a query through Kysely per row cost about as much again.
 * - Engine not given (a few rows, the caller does not know it): as on PostgreSQL, on both.
 * Every row gives every column of the first one (no `undefined`): a row that does not is
 * inserted on its own by Kysely, which leaves its missing columns to their defaults.
 * `extra`: columns computed per row beside the row's own (the users list's keys), given without
 * copying each row into a new object (16,000 copies of 29 properties were 20 MB at the import's peak).
 */
/** Rows per synchronous batch on SQLite: about 25 ms of work, so a batch never holds a thread long. */
export const SQLITE_BATCH_ROWS = 2000;

export async function insertRows<T extends keyof Database & string>(
  db: DbOrTx,
  engine: Engine | undefined,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunk = 300,
  extra?: { columns: readonly string[]; of: (row: Insertable<Database[T]>) => readonly unknown[] },
): Promise<void> {
  if (rows.length === 0) return;
  const extraColumns = extra?.columns ?? [];
  const withExtra = (row: Insertable<Database[T]>) => {
    if (!extra) return row;
    const values = extra.of(row);
    return { ...row, ...Object.fromEntries(extraColumns.map((c, i) => [c, values[i]])) } as Insertable<Database[T]>;
  };
  // Kysely's insert of an array is typed for one table at a time; the rows are that table's.
  const insert = (values: Insertable<Database[T]> | Insertable<Database[T]>[]) => db.insertInto(table).values(values as never).execute();
  if (engine !== 'sqlite') {
    for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk).map(withExtra));
    return;
  }
  const columns = Object.keys(rows[0]!);
  const template = Object.fromEntries([...columns, ...extraColumns].map((c) => [c, null]));
  const text = db.insertInto(table).values(template as never).compile().sql;
  const width = columns.length;
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length) await db.executeQuery(batchQuery(text, batch));
    batch = [];
  };
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const values = new Array<unknown>(width + extraColumns.length);
    let complete = true;
    for (let i = 0; i < width; i++) if ((values[i] = record[columns[i]!]) === undefined) complete = false;
    let keys = 0;
    for (const _ in record) keys++;
    if (complete && keys === width) {
      if (extra) {
        const more = extra.of(row);
        for (let i = 0; i < extraColumns.length; i++) values[width + i] = more[i];
      }
      batch.push(values);
      if (batch.length >= SQLITE_BATCH_ROWS) await flush();
    } else {
      await flush(); // the rows keep their order
      await insert(withExtra(row));
    }
  }
  await flush();
}
