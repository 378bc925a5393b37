import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type DatabaseHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrations/index.ts';
import { countQuery } from './users.list.repository.ts';

/**
 * The users list's count on SQLite (docs/performance.md « Listes paginées en SQL »): the visible
 * accounts are counted from the index of migration 0010 alone, never by reading each row
 * of the establishment (20 to 90 ms for 16,000 accounts, on the event loop, at every page).
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = openSqlite(':memory:');
  await migrateToLatest(handle.db);
});
afterAll(() => handle.destroy());

const plan = async (q: { compile: () => { sql: string; parameters: readonly unknown[] } }) => {
  const compiled = q.compile();
  const rows = await sql<{ detail: string }>`explain query plan ${sql.raw(compiled.sql.replaceAll('?', "'x'"))}`.execute(handle.db);
  return rows.rows.map((r) => r.detail).join(' | ');
};

describe('users list count', () => {
  it('counts the visible accounts from the covering partial index', async () => {
    expect(await plan(countQuery(handle.db, 'est', { hidden: false, words: [] }))).toMatch(/USING COVERING INDEX users_visible_list_idx/);
  });

  it('counts the hidden accounts from the same index (a range of it)', async () => {
    expect(await plan(countQuery(handle.db, 'est', { hidden: true, words: [] }))).toMatch(/USING COVERING INDEX users_visible_list_idx \(establishment_id=\? AND hidden_at>\?\)/);
  });
});
