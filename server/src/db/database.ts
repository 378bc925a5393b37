import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase } from 'kysely';
import type PgModule from 'pg';
import type { Database, Engine } from './schema.ts';
import { BusyWaitingSqliteDialect } from './sqlite-driver.ts';

export type DatabaseHandle = {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the SQLite file lives (undefined on PostgreSQL). */
  sqlitePath?: string;
  destroy: () => Promise<void>;
};

/**
 * pg is loaded when a PostgreSQL database is opened: on SQLite, loading it (and the fetch
 * implementation it touches) cost every `cerise` command about 100 ms (docs/performance.md).
 */
let pgModule: typeof PgModule | undefined;
function loadPg(): typeof PgModule {
  if (!pgModule) {
    pgModule = createRequire(import.meta.url)('pg') as typeof PgModule;
    // pg: keep counts and bigints as numbers where they fit.
    pgModule.types.setTypeParser(20, (v) => Number(v));
  }
  return pgModule;
}

/** Opens the database named by DATABASE_URL, or SQLite under DATA_DIR. */
export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): DatabaseHandle {
  const url = opts.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new (loadPg().Pool)({ connectionString: url, max: 10 });
    // An idle client losing its connection (server restart, failover) must not crash the process:
    // the pool drops it and the next query opens a new one.
    pool.on('error', (err) => {
      process.stderr.write(`PostgreSQL : connexion inactive perdue (${err.message})\n`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', destroy: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : path.join(opts.dataDir, 'cerise.sqlite');
  return openSqlite(file);
}

export function openSqlite(file: string): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(file);
  // While opening (no request is served yet), a lock held by another connection is waited for here.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // Planner statistics (docs/performance.md): without them SQLite may walk a whole establishment's
  // users to find 50 parents' children. Sampled (analysis_limit) so that it stays a few ms; run
  // again after each SIECLE import (siecle.repository.ts refreshPlannerStatistics).
  sqlite.pragma('analysis_limit = 400');
  if (file !== ':memory:') sqlite.pragma('optimize = 0x10002');
  // Then no busy timeout: a locked file is waited for asynchronously (sqlite-driver.ts), never in the event loop.
  sqlite.pragma('busy_timeout = 0');
  if (file !== ':memory:') {
    // The database holds personal data: readable by the service's user only, whatever the umask.
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  }
  const db = new Kysely<Database>({ dialect: new BusyWaitingSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', sqlitePath: file, destroy: () => db.destroy() };
}

/**
 * Kysely prepares every query again; SQLite's prepare (parsing and planning the SQL) costs about
 * as much as running a small query. The last STATEMENT_CACHE_SIZE statements are kept by their
 * SQL text and reused (docs/performance.md); a statement still busy (an open iterator) is never
 * shared: a fresh one is prepared for that call.
 */
const STATEMENT_CACHE_SIZE = 1000;
/** `CERISE_SLOW_SQL_MS=n`: every SQLite statement that runs longer than n ms is written to stderr (diagnosis). */
const slowSqlMs = process.env.CERISE_SLOW_SQL_MS ? Number(process.env.CERISE_SLOW_SQL_MS) : undefined;

function timed(statement: SQLite.Statement, sqlText: string, limitMs: number): SQLite.Statement {
  for (const method of ['all', 'get', 'run'] as const) {
    const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const t0 = performance.now();
      try {
        return original(...args);
      } finally {
        const ms = performance.now() - t0;
        if (ms > limitMs) process.stderr.write(`SQL lent (${ms.toFixed(0)} ms) : ${sqlText.slice(0, 300)}\n`);
      }
    };
  }
  return statement;
}
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      const cached = cache.get(sqlText);
      if (cached && !cached.busy) {
        cache.delete(sqlText); // most recently used last
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = slowSqlMs === undefined ? sqlite.prepare(sqlText) : timed(sqlite.prepare(sqlText), sqlText, slowSqlMs);
      if (!cached) {
        cache.set(sqlText, statement);
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}
