import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * Performance (docs/performance.md): lists paged in SQL. The user list is sorted and searched on
 * keys folded in JavaScript (accents, case and punctuation, as foldSearchText of @cerise/common),
 * stored beside the names: `sort_key` (last name, first name, login) and `search_key` (the three,
 * space-separated). A trigger empties both when a name or login changes; a row whose keys are
 * empty (new, renamed, or written before this migration) gets them again before the next list
 * (users.list.usecases.ts), so no writer has to know about them. On PostgreSQL `sort_key` is
 * compared byte by byte (collation "C"), as on SQLite: the same order on both engines.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .alterTable('users')
    .addColumn('sort_key', 'text', (c) => (pg ? c.modifyEnd(sql`collate "C"`) : c))
    .execute();
  await db.schema.alterTable('users').addColumn('search_key', 'text').execute();
  await db.schema.createIndex('users_list_idx').on('users').columns(['establishment_id', 'sort_key', 'id']).execute();
  await db.schema.createIndex('users_stale_keys_idx').on('users').column('establishment_id').where(sql.ref('sort_key'), 'is', null).execute();
  if (pg) {
    await sql`
      create function users_clear_name_keys() returns trigger language plpgsql as $$
      begin
        if new.last_name is distinct from old.last_name or new.first_name is distinct from old.first_name or new.login is distinct from old.login then
          new.sort_key := null;
          new.search_key := null;
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger users_clear_name_keys before update on users for each row execute function users_clear_name_keys()`.execute(db);
  } else {
    await sql`
      create trigger users_clear_name_keys after update of last_name, first_name, login on users
      when new.last_name is not old.last_name or new.first_name is not old.first_name or new.login is not old.login
      begin
        update users set sort_key = null, search_key = null where id = new.id;
      end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await sql`drop trigger if exists users_clear_name_keys ${pg ? sql`on users` : sql``}`.execute(db);
  if (pg) await sql`drop function if exists users_clear_name_keys()`.execute(db);
  await db.schema.dropIndex('users_stale_keys_idx').execute();
  await db.schema.dropIndex('users_list_idx').execute();
  await db.schema.alterTable('users').dropColumn('search_key').execute();
  await db.schema.alterTable('users').dropColumn('sort_key').execute();
}
