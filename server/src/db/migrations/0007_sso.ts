import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(_db: Kysely<any>): Promise<void> {
  // Filled by the issue that owns this migration.
}

export async function down(_db: Kysely<any>): Promise<void> {
  // Filled by the issue that owns this migration.
}
