import { sql, type Kysely } from 'kysely';
import type { Engine } from './schema.ts';

/** Drops every table (development only: `cerise db reset --yes`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function resetDatabase(db: Kysely<any>, engine: Engine): Promise<void> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (engine === 'sqlite') await sql`pragma foreign_keys = off`.execute(db);
  for (const t of tables) {
    if (engine === 'postgres') await sql`drop table if exists ${sql.table(t.name)} cascade`.execute(db);
    else await sql`drop table if exists ${sql.table(t.name)}`.execute(db);
  }
  if (engine === 'sqlite') await sql`pragma foreign_keys = on`.execute(db);
}
