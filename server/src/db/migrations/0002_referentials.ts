import { sql, type Kysely } from 'kysely';

/*
 * Referential tables (owned by the referential module). Every establishment holds its own copy
 * of each referential, so that a school can complete it (complexities, hazards) without touching
 * another's: referentials → poles → situation_classes → situations → competencies, each
 * competency with ordered complexities and hazards; BEP activities and exam units hang off the
 * referential. Every row carries establishment_id. Only 'text' and 'integer' columns.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;

const flag = (name: string) => sql.raw(`check (${name} in (0, 1))`);
const establishmentFk = 'establishments.id';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('referentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('bep_title', 'text')
    .addColumn('bep_rule', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('referentials_code_unique', ['establishment_id', 'code'])
    .execute();

  await db.schema
    .createTable('poles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('general_aptitude', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('poles_code_unique', ['referential_id', 'code'])
    .execute();

  await db.schema
    .createTable('situation_classes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('pole_id', 'text', (c) => c.notNull().references('poles.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('transversal_criterion', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('situation_classes_code_unique', ['referential_id', 'code'])
    .execute();
  await db.schema.createIndex('situation_classes_pole').on('situation_classes').column('pole_id').execute();

  await db.schema
    .createTable('situations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('situation_classes.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('situations_code_unique', ['referential_id', 'code'])
    .execute();
  await db.schema.createIndex('situations_class').on('situations').column('class_id').execute();

  await db.schema
    .createTable('competencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('situation_id', 'text', (c) => c.notNull().references('situations.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text')
    .addColumn('criterion_label', 'text')
    // « à compléter »: the official lists of complexities and hazards are still to be typed.
    .addColumn('to_complete', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('to_complete')))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('competencies_code_unique', ['referential_id', 'code'])
    .execute();
  await db.schema.createIndex('competencies_situation').on('competencies').column('situation_id').execute();
  await db.schema.createIndex('competencies_establishment').on('competencies').column('establishment_id').execute();

  for (const table of ['complexities', 'hazards'] as const) {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
      .addColumn('competency_id', 'text', (c) => c.notNull().references('competencies.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_competency`).on(table).columns(['competency_id', 'position']).execute();
  }

  await db.schema
    .createTable('bep_activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) =>
      c.notNull().modifyEnd(sql`check (domain in ('technique', 'organisationnelle', 'relationnelle'))`),
    )
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('autonomy', 'text')
    // JSON arrays of strings: detailed competencies, and GA situation codes suggested (an inference).
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('suggested_situation_codes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('bep_activities_code_unique', ['referential_id', 'code'])
    .execute();

  await db.schema
    .createTable('exam_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references(establishmentFk).onDelete('cascade'))
    .addColumn('referential_id', 'text', (c) => c.notNull().references('referentials.id').onDelete('cascade'))
    .addColumn('pole_id', 'text', (c) => c.references('poles.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text')
    .addColumn('coefficient', 'integer')
    .addColumn('ccf', 'text')
    .addColumn('final_exam', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('exam_units_code_unique', ['referential_id', 'code'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'exam_units',
    'bep_activities',
    'hazards',
    'complexities',
    'competencies',
    'situations',
    'situation_classes',
    'poles',
    'referentials',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
