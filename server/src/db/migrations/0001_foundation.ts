import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyDb = Kysely<any>;

const flag = (name: string) => sql.raw(`check (${name} in (0, 1))`);

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('establishments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uai', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('address', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('town', 'text')
    .addColumn('phone', 'text')
    .addColumn('head_name', 'text')
    .addColumn('website', 'text')
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('is_administrator', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_administrator')))
    .addColumn('is_teacher', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_teacher')))
    .addColumn('is_learner', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_learner')))
    .addColumn('is_parent', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('is_parent')))
    .addColumn('civility', 'text')
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('email', 'text')
    .addColumn('source', 'text', (c) => c.notNull().modifyEnd(sql`check (source in ('siecle', 'manual'))`))
    .addColumn('external_id', 'text')
    .addColumn('national_id', 'text')
    .addColumn('discipline', 'text')
    .addColumn('password_hash', 'text')
    .addColumn('initial_password_kind', 'text', (c) =>
      c.modifyEnd(sql`check (initial_password_kind in ('birthdate_iso', 'birthdate_ddmmyyyy', 'random'))`),
    )
    .addColumn('initial_secret_hash', 'text')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(flag('must_change_password')))
    .addColumn('hidden_at', 'text')
    .addColumn('left_at', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('users_login_unique', ['establishment_id', 'login'])
    .execute();
  await db.schema
    .createIndex('users_external_id_unique')
    .on('users')
    .columns(['establishment_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();
  await db.schema.createIndex('users_names').on('users').columns(['establishment_id', 'last_name', 'first_name']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_key_at').on('login_attempts').columns(['key', 'at']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.references('establishments.id').onDelete('cascade'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().modifyEnd(sql`check (status in ('pending', 'sent', 'failed'))`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.references('establishments.id').onDelete('cascade'))
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text')
    .addColumn('ip', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_establishment_at').on('audit_log').columns(['establishment_id', 'at']).execute();

  for (const table of ['divisions', 'groups'] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
      .addColumn('school_year', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('label', 'text');
    if (table === 'divisions') builder = builder.addColumn('mef', 'text');
    await builder
      .addColumn('hidden_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint(`${table}_code_unique`, ['establishment_id', 'school_year', 'code'])
      .execute();
  }

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('division_id', 'text', (c) => c.references('divisions.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('memberships_learner').on('memberships').column('learner_id').execute();
  await db.schema.createIndex('memberships_division').on('memberships').column('division_id').execute();

  await db.schema
    .createTable('teachings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('school_year', 'text', (c) => c.notNull())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('division_id', 'text', (c) => c.references('divisions.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('discipline', 'text')
    .execute();
  await db.schema.createIndex('teachings_teacher').on('teachings').column('teacher_id').execute();

  await db.schema
    .createTable('guardians')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull().modifyEnd(sql`check (level in (1, 2))`))
    .addUniqueConstraint('guardians_pair_unique', ['parent_id', 'learner_id'])
    .execute();
  await db.schema.createIndex('guardians_learner').on('guardians').column('learner_id').execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('actor_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().modifyEnd(sql`check (kind in ('teachers', 'learners'))`))
    .addColumn('status', 'text', (c) => c.notNull().modifyEnd(sql`check (status in ('analysed', 'applied', 'failed'))`))
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'import_runs',
    'guardians',
    'teachings',
    'memberships',
    'groups',
    'divisions',
    'audit_log',
    'mail_outbox',
    'login_attempts',
    'sessions',
    'users',
    'establishments',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
