import type { Kysely } from 'kysely';

/*
 * Performance (docs/performance.md « Import par la ligne de commande », fifth pass): two indexes
 * that a wider one already serves, written at every import for nothing.
 * - `memberships_learner` (learner_id) is the prefix of `memberships_learner_year` (learner_id,
 *   school_year), from 0004;
 * - `guardians_parent` (parent_id) is the prefix of the unique constraint `guardians_pair_unique`
 *   (parent_id, learner_id), from 0001.
 * Every lookup by learner or by parent reads the wider index instead (test: migrations.db.test.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('memberships_learner').ifExists().execute();
  await db.schema.dropIndex('guardians_parent').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('memberships_learner').on('memberships').column('learner_id').execute();
  await db.schema.createIndex('guardians_parent').on('guardians').column('parent_id').execute();
}
