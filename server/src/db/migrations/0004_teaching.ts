import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/*
 * Teaching modules: files, scenarios, evaluations and results, the passport with
 * reviews and blocked competencies, dashboard filters; and the establishment's explicit school
 * year. References to referential items (competencies, complexities, hazards, BEP activities)
 * use the default NO ACTION: deleting an item in use fails at the end of the statement, like
 * RESTRICT, but an establishment's own cascade (which removes both sides) still goes through
 * on PostgreSQL. A learner's own data cascades with the learner's account (RGPD purge); the
 * teachers' objects do not. Only 'text' and 'integer' columns.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;
type Builder = CreateTableBuilder<string, string>;

const flag = (name: string) => sql.raw(`check (${name} in (0, 1))`);
const level = (name: string, values: string[]) => sql.raw(`check (${name} in (${values.map((v) => `'${v}'`).join(', ')}))`);

function base(db: AnyDb, table: string): Builder {
  return db.schema
    .createTable(table)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'));
}

/** Chosen complexities and hazards of an owner row: exactly one of the two is set. */
async function chosenItems(db: AnyDb, table: string, owner: string): Promise<void> {
  await base(db, table)
    .addColumn('owner_id', 'text', (c) => c.notNull().references(`${owner}.id`).onDelete('cascade'))
    .addColumn('complexity_id', 'text', (c) => c.references('complexities.id'))
    .addColumn('hazard_id', 'text', (c) => c.references('hazards.id'))
    .addCheckConstraint(`${table}_one_item`, sql`(complexity_id is null) <> (hazard_id is null)`)
    .execute();
  await db.schema.createIndex(`${table}_owner`).on(table).column('owner_id').execute();
  await db.schema.createIndex(`${table}_complexity`).on(table).column('complexity_id').execute();
  await db.schema.createIndex(`${table}_hazard`).on(table).column('hazard_id').execute();
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('establishments').addColumn('school_year', 'text').execute();

  await base(db, 'files')
    .addColumn('sha256', 'text', (c) => c.notNull().modifyEnd(sql`check (length(sha256) = 64)`))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull().modifyEnd(level('media_type', ['application/pdf', 'application/zip', 'image/jpeg', 'image/png'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('files_content_unique', ['establishment_id', 'sha256'])
    .execute();

  // Scenarios
  await base(db, 'scenarios')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('is_private', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_private')))
    .addColumn('level', 'text', (c) => c.modifyEnd(level('level', ['seconde', 'premiere', 'terminale'])))
    .addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('resources', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('scenarios_establishment').on('scenarios').columns(['establishment_id', 'updated_at']).execute();
  await db.schema.createIndex('scenarios_author').on('scenarios').column('author_id').execute();

  await base(db, 'scenario_competencies')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('scenario_competencies_unique', ['scenario_id', 'competency_id'])
    .execute();
  await db.schema.createIndex('scenario_competencies_competency').on('scenario_competencies').column('competency_id').execute();
  await chosenItems(db, 'scenario_items', 'scenario_competencies');

  await base(db, 'scenario_attachments')
    .addColumn('scenario_id', 'text', (c) => c.notNull().references('scenarios.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('scenario_attachments_scenario').on('scenario_attachments').column('scenario_id').execute();
  await db.schema.createIndex('scenario_attachments_file').on('scenario_attachments').column('file_id').execute();

  // Evaluations and results
  await base(db, 'evaluations')
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scenario_id', 'text', (c) => c.references('scenarios.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('evaluated_on', 'text', (c) => c.notNull())
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('is_visible', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_visible')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('evaluations_establishment').on('evaluations').columns(['establishment_id', 'evaluated_on']).execute();
  await db.schema.createIndex('evaluations_author').on('evaluations').column('author_id').execute();
  await db.schema.createIndex('evaluations_scenario').on('evaluations').column('scenario_id').execute();

  await base(db, 'evaluation_coauthors')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
    .addUniqueConstraint('evaluation_coauthors_unique', ['evaluation_id', 'teacher_id'])
    .execute();
  await db.schema.createIndex('evaluation_coauthors_teacher').on('evaluation_coauthors').column('teacher_id').execute();

  await base(db, 'evaluation_competencies')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('evaluation_competencies_unique', ['evaluation_id', 'competency_id'])
    .execute();
  await db.schema.createIndex('evaluation_competencies_competency').on('evaluation_competencies').column('competency_id').execute();
  await chosenItems(db, 'evaluation_items', 'evaluation_competencies');

  await base(db, 'evaluation_learners')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('comment_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('evaluation_learners_unique', ['evaluation_id', 'learner_id'])
    .execute();
  await db.schema.createIndex('evaluation_learners_learner').on('evaluation_learners').column('learner_id').execute();

  await base(db, 'results')
    .addColumn('evaluation_id', 'text', (c) => c.notNull().references('evaluations.id').onDelete('cascade'))
    .addColumn('evaluation_competency_id', 'text', (c) => c.notNull().references('evaluation_competencies.id').onDelete('cascade'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addColumn('level', 'text', (c) => c.notNull().modifyEnd(level('level', ['RT', 'RP', 'ECA', 'TE', 'NE', 'ABS'])))
    .addColumn('evaluated_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('results_cell_unique', ['evaluation_competency_id', 'learner_id'])
    .execute();
  await db.schema.createIndex('results_evaluation').on('results').column('evaluation_id').execute();
  // The dashboard reads a learner's evidence per competency, oldest first.
  await db.schema.createIndex('results_learner').on('results').columns(['learner_id', 'competency_id', 'evaluated_on', 'recorded_at']).execute();
  await db.schema.createIndex('results_competency').on('results').column('competency_id').execute();

  // Passport
  await base(db, 'passport_situations')
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addColumn('done_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('produced_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('analysis_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('usage_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bep_activity_id', 'text', (c) => c.references('bep_activities.id'))
    .addColumn('bep_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_changed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('passport_situations_learner').on('passport_situations').columns(['learner_id', 'occurred_on']).execute();
  await db.schema.createIndex('passport_situations_competency').on('passport_situations').column('competency_id').execute();
  await db.schema.createIndex('passport_situations_bep').on('passport_situations').column('bep_activity_id').execute();
  await chosenItems(db, 'passport_items', 'passport_situations');

  await base(db, 'passport_reviews')
    .addColumn('situation_id', 'text', (c) => c.notNull().references('passport_situations.id').onDelete('cascade'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('level', 'text', (c) => c.notNull().modifyEnd(level('level', ['RT', 'RP', 'ECA', 'TE'])))
    .addColumn('appraisal', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passport_reviews_situation').on('passport_reviews').columns(['situation_id', 'created_at']).execute();

  await base(db, 'passport_attachments')
    .addColumn('situation_id', 'text', (c) => c.notNull().references('passport_situations.id').onDelete('cascade'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('part', 'text', (c) => c.notNull().modifyEnd(level('part', ['common', 'bacpro', 'bep'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passport_attachments_situation').on('passport_attachments').column('situation_id').execute();
  await db.schema.createIndex('passport_attachments_file').on('passport_attachments').column('file_id').execute();

  await base(db, 'blocked_competencies')
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('blocked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('blocked_competencies_unique', ['learner_id', 'competency_id'])
    .execute();
  await db.schema.createIndex('blocked_competencies_competency').on('blocked_competencies').column('competency_id').execute();

  // Dashboard filters (teachers')
  await base(db, 'dashboard_filters')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dashboard_filters_owner').on('dashboard_filters').column('owner_id').execute();
  await base(db, 'dashboard_filter_competencies')
    .addColumn('filter_id', 'text', (c) => c.notNull().references('dashboard_filters.id').onDelete('cascade'))
    .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id'))
    .addUniqueConstraint('dashboard_filter_competencies_unique', ['filter_id', 'competency_id'])
    .execute();
  await db.schema.createIndex('dashboard_filter_competencies_competency').on('dashboard_filter_competencies').column('competency_id').execute();

  // Same-day memberships and teachings are read per school year by the relations (teaches, is taught).
  await db.schema.createIndex('memberships_learner_year').on('memberships').columns(['learner_id', 'school_year']).execute();
  await db.schema.createIndex('teachings_teacher_year').on('teachings').columns(['teacher_id', 'school_year']).execute();
  await db.schema.createIndex('guardians_parent').on('guardians').column('parent_id').execute();
}

export const TEACHING_TABLES_IN_DROP_ORDER = [
  'dashboard_filter_competencies',
  'dashboard_filters',
  'blocked_competencies',
  'passport_attachments',
  'passport_reviews',
  'passport_items',
  'passport_situations',
  'results',
  'evaluation_learners',
  'evaluation_items',
  'evaluation_competencies',
  'evaluation_coauthors',
  'evaluations',
  'scenario_attachments',
  'scenario_items',
  'scenario_competencies',
  'scenarios',
  'files',
];

export async function down(db: AnyDb): Promise<void> {
  for (const index of ['guardians_parent', 'teachings_teacher_year', 'memberships_learner_year']) {
    await db.schema.dropIndex(index).ifExists().execute();
  }
  for (const table of TEACHING_TABLES_IN_DROP_ORDER) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('establishments').dropColumn('school_year').execute();
}
