import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type DatabaseHandle } from './database.ts';
import { batchQuery, BusyWaitingSqliteDialect } from './sqlite-driver.ts';

/**
 * A SQLite file locked by another connection (the import's writer thread, another process) is
 * waited for without holding the event loop (docs/performance.md).
 */
let dir: string;
let file: string;
let handle: DatabaseHandle;
let other: SQLite.Database;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-busy-'));
  file = path.join(dir, 'db.sqlite');
  handle = openSqlite(file);
  await sql`create table t (n integer)`.execute(handle.db);
  other = new SQLite(file);
});
afterEach(async () => {
  other.close();
  await handle.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Holds the write lock from another connection for `ms`, counting the event loop's turns meanwhile. */
async function whileLocked<T>(ms: number, work: () => Promise<T>): Promise<{ result: T; turns: number; releasedAt: number; doneAt: number }> {
  other.exec('begin immediate');
  other.prepare('insert into t (n) values (1)').run();
  let turns = 0;
  const ticker = setInterval(() => turns++, 1);
  let releasedAt = 0;
  const release = new Promise<void>((r) =>
    setTimeout(() => {
      other.exec('commit');
      releasedAt = performance.now();
      r();
    }, ms),
  );
  const result = await work();
  const doneAt = performance.now();
  await release;
  clearInterval(ticker);
  return { result, turns, releasedAt, doneAt };
}

const rows = async (db: Kysely<any>) => (await sql<{ n: number }>`select n from t order by n`.execute(db)).rows.map((r) => r.n); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('SQLite driver waiting for a lock', () => {
  it('runs a write once the other connection commits, serving the event loop meanwhile', async () => {
    const { turns, releasedAt, doneAt } = await whileLocked(150, () => sql`insert into t (n) values (2)`.execute(handle.db));
    expect(doneAt).toBeGreaterThanOrEqual(releasedAt);
    expect(turns).toBeGreaterThan(10);
    expect(await rows(handle.db)).toEqual([1, 2]);
  });

  it('starts a transaction once the lock is free (BEGIN IMMEDIATE), and commits it whole', async () => {
    const { turns } = await whileLocked(150, () =>
      handle.db.transaction().execute(async (tx) => {
        const before = await rows(tx);
        await sql`insert into t (n) values (${before.length + 10})`.execute(tx);
      }),
    );
    expect(turns).toBeGreaterThan(10);
    // The transaction read after the other's commit: it saw its row.
    expect(await rows(handle.db)).toEqual([1, 11]);
  });

  it('gives up with SQLITE_BUSY past its limit', async () => {
    const raw = new SQLite(file);
    raw.pragma('busy_timeout = 0');
    const impatient = new Kysely<any>({ dialect: new BusyWaitingSqliteDialect({ database: raw }, 50) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      other.exec('begin immediate');
      await expect(sql`insert into t (n) values (3)`.execute(impatient)).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      other.exec('rollback');
    } finally {
      await impatient.destroy();
    }
  });
});

describe('batchQuery', () => {
  beforeEach(async () => {
    await sql`create unique index t_n on t (n)`.execute(handle.db);
  });

  it('runs the statement once per row, all rows or none, and leaves the transaction usable', async () => {
    await handle.db.executeQuery(batchQuery('insert into t (n) values (?)', [[1], [2], [3]]));
    expect(await rows(handle.db)).toEqual([1, 2, 3]);
    await handle.db.transaction().execute(async (tx) => {
      // The third row breaks the unique index: the two before it are undone, not the transaction.
      await expect(tx.executeQuery(batchQuery('insert into t (n) values (?)', [[4], [5], [1]]))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      await sql`insert into t (n) values (6)`.execute(tx);
    });
    expect(await rows(handle.db)).toEqual([1, 2, 3, 6]);
  });

  it('waits for a lock held by another connection, then writes every row once', async () => {
    const { turns } = await whileLocked(150, () => handle.db.executeQuery(batchQuery('insert into t (n) values (?)', [[7], [8]])));
    expect(turns).toBeGreaterThan(10);
    expect(await rows(handle.db)).toEqual([1, 7, 8]);
  });

  it('is refused by a SQLite driver that does not know it, rather than writing one row of many', async () => {
    const raw = new SQLite(file);
    const plain = new Kysely<any>({ dialect: new SqliteDialect({ database: raw }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      await expect(plain.executeQuery(batchQuery('insert into t (n) values (?)', [[9], [10]]))).rejects.toThrow();
      expect(await rows(handle.db)).toEqual([]);
    } finally {
      await plain.destroy();
    }
  });
});
