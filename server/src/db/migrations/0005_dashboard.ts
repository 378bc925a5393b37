import type { Kysely } from 'kysely';

/*
 * Dashboard: a covering index for the evidence of a class. A class view reads every
 * result of 35 learners (~6,000 rows); fetching each row from the table costs far more than
 * reading the index alone, so the index carries every column the class views compute from.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('results_dashboard')
    .on('results')
    .columns(['learner_id', 'establishment_id', 'competency_id', 'evaluated_on', 'recorded_at', 'level', 'evaluation_competency_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('results_dashboard').ifExists().execute();
}
