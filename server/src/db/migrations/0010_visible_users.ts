import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Performance (docs/performance.md « Listes paginées en SQL »): the users list shows the visible
 * accounts by default, and its count (the total under the list) read `hidden_at` in every row of
 * the establishment: 20 to 90 ms on SQLite for 16,000 accounts, on the event loop, at every page
 * of every administrator. With `hidden_at` in the list's index, before the order's columns, the
 * count reads that index alone (under 1 ms) and a page walks its first entries; the hidden
 * accounts (a few) are a range of it. It replaces `users_list_idx` (0009), which it covers.
 * (A partial index `where hidden_at is null` would not do: SQLite does not count from it alone.)
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_visible_list_idx').on('users').columns(['establishment_id', 'hidden_at', 'sort_key', 'id']).execute();
  await db.schema.dropIndex('users_list_idx').execute();
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) await sql`analyze users`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('users_list_idx').on('users').columns(['establishment_id', 'sort_key', 'id']).execute();
  await db.schema.dropIndex('users_visible_list_idx').execute();
}
