import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';

export async function pingDatabase(db: DbOrTx): Promise<void> {
  await sql`select 1`.execute(db);
}
