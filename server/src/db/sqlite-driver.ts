import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type QueryResult, type SqliteDatabase, type SqliteDialectConfig } from 'kysely';

/**
 * SQLite allows one writer at a time per database file. better-sqlite3 is synchronous: with a
 * busy timeout, a statement that finds the file locked by another connection (the import's writer
 * thread, another app process, a command) sleeps *in the event loop* until the lock is free,
 * holding every request of the process. So the connection runs without a busy timeout and this
 * driver waits for the lock asynchronously instead: a statement refused with SQLITE_BUSY is tried
 * again after a few milliseconds, the event loop serving other work meanwhile
 * (docs/performance.md « Ne jamais bloquer la boucle d'événements »).
 *
 * Transactions start with BEGIN IMMEDIATE: the write lock is taken at the start (where waiting and
 * trying again is safe) rather than at the first write, where a transaction that has already read
 * could only be rolled back (SQLITE_BUSY_SNAPSHOT).
 */
export const BUSY_WAIT_LIMIT_MS = 30_000;

const isBusy = (e: unknown) => typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_BUSY');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function untilFree<T>(run: () => Promise<T>, limitMs: number): Promise<T> {
  let delay = 2;
  const start = performance.now();
  for (;;) {
    try {
      return await run();
    } catch (e) {
      if (!isBusy(e) || performance.now() - start > limitMs) throw e;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 50);
  }
}

const BATCH = Symbol('cerise.sqliteBatch');
type BatchQuery = CompiledQuery & { readonly [BATCH]: readonly (readonly unknown[])[] };

/**
 * One statement run once per parameter list, synchronously, inside one savepoint: all the lists
 * or none (db/dialect.ts insertRows, the SIECLE import's 37,000 rows). Through Kysely, each row was
 * a query of its own — the executor, the connection, a promise —, about as long again as SQLite's
 * own work (docs/performance.md « Import par la ligne de commande »). Only this dialect runs it: a
 * plain SQLite driver gets no parameters and refuses the statement, never inserts one row of many.
 */
export function batchQuery(sqlText: string, rows: readonly (readonly unknown[])[]): CompiledQuery {
  const batch: BatchQuery = { ...CompiledQuery.raw(sqlText, []), [BATCH]: rows };
  return batch;
}

function runBatch(database: SqliteDatabase, sqlText: string, rows: readonly (readonly unknown[])[]): QueryResult<never> {
  const statement = database.prepare(sqlText);
  database.prepare('savepoint cerise_batch').run([]);
  let changes = 0;
  try {
    for (const row of rows) changes += Number(statement.run(row).changes);
  } catch (e) {
    try {
      database.prepare('rollback to cerise_batch').run([]);
      database.prepare('release cerise_batch').run([]);
    } catch {
      // SQLite rolled the whole transaction back already (a full disk, say): nothing left to undo.
    }
    throw e;
  }
  database.prepare('release cerise_batch').run([]);
  return { rows: [], numAffectedRows: BigInt(changes) };
}

class BusyWaitingConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly limitMs: number,
    private readonly database: SqliteDatabase | null,
  ) {}
  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const batch = (compiledQuery as Partial<BatchQuery>)[BATCH];
    if (batch) {
      const database = this.database;
      if (!database) throw new Error('batchQuery: the dialect was given a database factory, not the database');
      // All or nothing: a batch refused for a locked file is run again whole.
      return untilFree(async () => runBatch(database, compiledQuery.sql, batch) as QueryResult<R>, this.limitMs);
    }
    return untilFree(() => this.inner.executeQuery<R>(compiledQuery), this.limitMs);
  }
  streamQuery<R>(compiledQuery: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiledQuery, chunkSize);
  }
}

class BusyWaitingDriver extends SqliteDriver {
  #wrapped = new WeakMap<DatabaseConnection, BusyWaitingConnection>();
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly limitMs: number,
  ) {
    super(config);
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    const inner = await super.acquireConnection();
    let wrapped = this.#wrapped.get(inner);
    if (!wrapped) {
      wrapped = new BusyWaitingConnection(inner, this.limitMs, typeof this.config.database === 'function' ? null : this.config.database);
      this.#wrapped.set(inner, wrapped);
    }
    return wrapped;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

export class BusyWaitingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly limitMs = BUSY_WAIT_LIMIT_MS,
  ) {
    super(config);
  }
  override createDriver(): Driver {
    return new BusyWaitingDriver(this.config, this.limitMs);
  }
}
