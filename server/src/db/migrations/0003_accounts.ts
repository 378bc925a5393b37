import type { Kysely } from 'kysely';

// Account administration tables (password reset tokens…). Filled in before this migration lands.
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(_db: Kysely<any>): Promise<void> {}
export async function down(_db: Kysely<any>): Promise<void> {}
