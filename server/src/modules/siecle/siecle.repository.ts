import { sql } from 'kysely';
import { insertRows } from '../../db/dialect.ts';
import type { Db, DbOrTx, Engine } from '../../db/schema.ts';
import { markAccountsLeft } from '../users/accounts.repository.ts';
import type { DivisionsTable, GroupsTable, GuardiansTable, MembershipsTable, TeachingsTable, UsersTable } from '../../db/tables/foundation.ts';

/**
 * The columns of an account an import reads (siecle.plan.ts): who it is, what the files may
 * change, whether it is hidden. Not its password state, dates or list keys — 16 columns of 29:
 * reading 16,000 accounts costs about half as much (docs/performance.md).
 */
const SNAPSHOT_USER_COLUMNS = [
  'id',
  'login',
  'external_id',
  'civility',
  'last_name',
  'first_name',
  'birth_date',
  'national_id',
  'discipline',
  'email',
  'is_administrator',
  'is_teacher',
  'is_learner',
  'is_parent',
  'hidden_at',
  'left_at',
] as const satisfies readonly (keyof UsersTable)[];
export type SnapshotUser = Pick<UsersTable, (typeof SNAPSHOT_USER_COLUMNS)[number]>;

/** What an import compares the files with: the establishment's current people and structures. */
export type ImportSnapshot = {
  /** Every login of the establishment, hidden accounts included (one namespace). */
  logins: Set<string>;
  /** Accounts known by their SIECLE/STSWEB id. */
  usersByExternalId: Map<string, SnapshotUser>;
  divisions: Map<string, DivisionsTable>;
  groups: Map<string, GroupsTable>;
  /** learner id → sorted "d:<id>" / "g:<id>" keys of the school year. */
  memberships: Map<string, string[]>;
  /** teacher id → sorted "<d|g>:<id>:<discipline>" keys of the school year. */
  teachings: Map<string, string[]>;
  /** learner id → sorted "<parent id>:<level>" keys. */
  guardians: Map<string, string[]>;
  /** Applied staff imports so far. */
  teacherImports: number;
};

export async function loadSnapshot(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<ImportSnapshot> {
  const [users, divisions, groups, memberships, teachings, guardians, runs] = await Promise.all([
    db.selectFrom('users').select(SNAPSHOT_USER_COLUMNS).where('establishment_id', '=', establishmentId).execute(),
    db.selectFrom('divisions').selectAll().where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).execute(),
    db.selectFrom('groups').selectAll().where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).execute(),
    db.selectFrom('memberships').select(['learner_id', 'division_id', 'group_id']).where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).execute(),
    db.selectFrom('teachings').select(['teacher_id', 'division_id', 'group_id', 'discipline']).where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).execute(),
    db.selectFrom('guardians').select(['learner_id', 'parent_id', 'level']).where('establishment_id', '=', establishmentId).execute(),
    db
      .selectFrom('import_runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('establishment_id', '=', establishmentId)
      .where('kind', '=', 'teachers')
      .where('status', '=', 'applied')
      .executeTakeFirst(),
  ]);
  const group = <T>(rows: T[], key: (r: T) => string, value: (r: T) => string) => {
    const m = new Map<string, string[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k) ?? [];
      list.push(value(r));
      m.set(k, list);
    }
    for (const list of m.values()) list.sort();
    return m;
  };
  return {
    logins: new Set(users.map((u) => u.login)),
    usersByExternalId: new Map(users.filter((u) => u.external_id).map((u) => [u.external_id!, u])),
    divisions: new Map(divisions.map((d) => [d.code, d])),
    groups: new Map(groups.map((g) => [g.code, g])),
    memberships: group(memberships, (r) => r.learner_id, (r) => (r.division_id ? `d:${r.division_id}` : `g:${r.group_id}`)),
    teachings: group(teachings, (r) => r.teacher_id, (r) => `${r.division_id ? `d:${r.division_id}` : `g:${r.group_id}`}:${r.discipline ?? ''}`),
    guardians: group(guardians, (r) => r.learner_id, (r) => `${r.parent_id}:${r.level}`),
    teacherImports: Number(runs?.n ?? 0),
  };
}

const CHUNK = 400;
function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Accounts gone from the files: hidden, marked as left (accounts repository), their sessions ended. */
export async function hideUsers(db: DbOrTx, ids: string[], at: string): Promise<void> {
  await markAccountsLeft(db, ids, at);
  for (const c of chunks(ids)) await db.deleteFrom('sessions').where('user_id', 'in', c).execute();
}

export async function insertDivisions(db: DbOrTx, engine: Engine, rows: DivisionsTable[]): Promise<void> {
  await insertRows(db, engine, 'divisions', rows, CHUNK);
}
export async function insertGroups(db: DbOrTx, engine: Engine, rows: GroupsTable[]): Promise<void> {
  await insertRows(db, engine, 'groups', rows, CHUNK);
}
export async function updateStructure(db: DbOrTx, table: 'divisions' | 'groups', id: string, set: { label: string | null; hidden_at: null }): Promise<void> {
  await db.updateTable(table).set(set).where('id', '=', id).execute();
}

/** Replaces the rows of the given owners (learners, teachers) for the school year. */
export async function replaceMemberships(db: DbOrTx, engine: Engine, establishmentId: string, schoolYear: string, learnerIds: string[], rows: MembershipsTable[]): Promise<void> {
  for (const c of chunks(learnerIds)) {
    await db.deleteFrom('memberships').where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).where('learner_id', 'in', c).execute();
  }
  await insertRows(db, engine, 'memberships', rows, CHUNK);
}

export async function replaceTeachings(db: DbOrTx, engine: Engine, establishmentId: string, schoolYear: string, teacherIds: string[], rows: TeachingsTable[]): Promise<void> {
  for (const c of chunks(teacherIds)) {
    await db.deleteFrom('teachings').where('establishment_id', '=', establishmentId).where('school_year', '=', schoolYear).where('teacher_id', 'in', c).execute();
  }
  await insertRows(db, engine, 'teachings', rows, CHUNK);
}

export async function replaceGuardians(db: DbOrTx, engine: Engine, establishmentId: string, learnerIds: string[], rows: GuardiansTable[]): Promise<void> {
  for (const c of chunks(learnerIds)) {
    await db.deleteFrom('guardians').where('establishment_id', '=', establishmentId).where('learner_id', 'in', c).execute();
  }
  await insertRows(db, engine, 'guardians', rows, CHUNK);
}

/**
 * A cheap summary of what a snapshot holds (counts, latest account change): an import planned
 * outside its transaction checks, inside it, that nothing moved in between (docs/performance.md).
 */
export async function snapshotFingerprint(db: DbOrTx, establishmentId: string, schoolYear: string): Promise<string> {
  const count = (table: 'divisions' | 'groups' | 'memberships' | 'teachings') =>
    db
      .selectFrom(table as 'divisions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('establishment_id', '=', establishmentId)
      .where('school_year', '=', schoolYear)
      .executeTakeFirstOrThrow();
  const [users, divisions, groups, memberships, teachings, guardians] = await Promise.all([
    db
      .selectFrom('users')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at'), eb.fn.sum<number>('version').as('v')])
      .where('establishment_id', '=', establishmentId)
      .executeTakeFirstOrThrow(),
    count('divisions'),
    count('groups'),
    count('memberships'),
    count('teachings'),
    db.selectFrom('guardians').select((eb) => eb.fn.countAll<number>().as('n')).where('establishment_id', '=', establishmentId).executeTakeFirstOrThrow(),
  ]);
  return [users.n, users.at, users.v, divisions.n, groups.n, memberships.n, teachings.n, guardians.n].map((x) => String(Number(x) || x)).join('|');
}

/** The tables a SIECLE import writes (siecle.apply.ts and the accounts it creates). */
const IMPORTED_TABLES = ['users', 'guardians', 'memberships', 'teachings', 'divisions', 'groups'] as const;

/**
 * After an import changed thousands of rows, the planner's statistics are refreshed at once, so
 * that the users list and the access pages keep their indexed plans (docs/performance.md).
 * - SQLite: `pragma optimize`, sampled (see db/database.ts).
 * - PostgreSQL: `VACUUM (ANALYZE)` of the imported tables. Autovacuum would do it, but only after
 *   a while: until then the planner believed the establishment empty and read a parents' page's
 *   children through all 16,000 accounts (84 ms a page instead of 2.5 ms), and the count of the
 *   list could not stay in the index (visibility map). `SKIP_LOCKED`: a table that another import
 *   is vacuuming is left to that one rather than waited for.
 */
export async function refreshPlannerStatistics(db: Db, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`pragma optimize = 0x10002`.execute(db);
  else await sql.raw(`vacuum (analyze, skip_locked) ${IMPORTED_TABLES.join(', ')}`).execute(db);
}
