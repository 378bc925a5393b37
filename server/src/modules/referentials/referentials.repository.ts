import type { SelectQueryBuilder } from 'kysely';
import type { Database, DbOrTx } from '../../db/schema.ts';
import type {
  BepActivitiesTable,
  CompetenciesTable,
  CompetencyItemsTable,
  ExamUnitsTable,
  PolesTable,
  ReferentialsTable,
  SituationClassesTable,
  SituationsTable,
} from '../../db/tables/referentials.ts';

/** The only place of the module that speaks SQL. Every query filters on the establishment. */

export type ItemTable = 'complexities' | 'hazards';

export type TreeRows = {
  referential: ReferentialsTable;
  poles: PolesTable[];
  classes: SituationClassesTable[];
  situations: SituationsTable[];
  competencies: CompetenciesTable[];
  complexities: CompetencyItemsTable[];
  hazards: CompetencyItemsTable[];
  bepActivities: BepActivitiesTable[];
  examUnits: ExamUnitsTable[];
};

export type NewTreeRows = Omit<TreeRows, 'referential'> & { referential: ReferentialsTable };

// --- reads -----------------------------------------------------------------------------------

export function listReferentials(db: DbOrTx, establishmentId: string) {
  return db
    .selectFrom('referentials')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function findReferential(db: DbOrTx, establishmentId: string, id: string) {
  return db
    .selectFrom('referentials')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findReferentialByCode(db: DbOrTx, establishmentId: string, code: string) {
  return db
    .selectFrom('referentials')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Just what the ETag needs: one indexed row. */
export function findReferentialVersion(db: DbOrTx, establishmentId: string, id: string) {
  return db
    .selectFrom('referentials')
    .select(['id', 'version'])
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextReferentialPosition(db: DbOrTx, establishmentId: string): Promise<number> {
  const row = await db
    .selectFrom('referentials')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('establishment_id', '=', establishmentId)
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

type CountRow = { referential_id: string; n: number | string | bigint };
const countMap = (rows: CountRow[]) => new Map(rows.map((r) => [r.referential_id, Number(r.n)]));

/** Per referential of the establishment: how many rows of each level. */
export async function countReferentialContents(db: DbOrTx, establishmentId: string) {
  const count = (table: 'poles' | 'situation_classes' | 'situations' | 'competencies' | 'bep_activities') =>
    db
      .selectFrom(table)
      .select((eb) => ['referential_id', eb.fn.countAll().as('n')])
      .where('establishment_id', '=', establishmentId)
      .groupBy('referential_id')
      .execute() as Promise<CountRow[]>;
  const [poles, classes, situations, competencies, bep, toComplete] = await Promise.all([
    count('poles'),
    count('situation_classes'),
    count('situations'),
    count('competencies'),
    count('bep_activities'),
    db
      .selectFrom('competencies')
      .select((eb) => ['referential_id', eb.fn.countAll().as('n')])
      .where('establishment_id', '=', establishmentId)
      .where('to_complete', '=', 1)
      .groupBy('referential_id')
      .execute() as Promise<CountRow[]>,
  ]);
  return {
    poles: countMap(poles),
    classes: countMap(classes),
    situations: countMap(situations),
    competencies: countMap(competencies),
    bepActivities: countMap(bep),
    toComplete: countMap(toComplete),
  };
}

function listItemsOfReferential(db: DbOrTx, table: ItemTable, establishmentId: string, referentialId: string) {
  return db
    .selectFrom(table)
    .innerJoin('competencies', 'competencies.id', `${table}.competency_id`)
    .selectAll(table)
    .where(`${table}.establishment_id`, '=', establishmentId)
    .where('competencies.referential_id', '=', referentialId)
    .orderBy(`${table}.competency_id`)
    .orderBy(`${table}.position`)
    .execute();
}

type ReferentialChildTable = 'poles' | 'situation_classes' | 'situations' | 'competencies' | 'bep_activities' | 'exam_units';

/** `where establishment_id = ? and referential_id = ?` on any table below a referential. */
function ofReferential(w: { establishmentId: string; referentialId: string }) {
  return <QB extends SelectQueryBuilder<Database, ReferentialChildTable, object>>(qb: QB): QB =>
    qb.where('establishment_id', '=', w.establishmentId).where('referential_id', '=', w.referentialId) as QB;
}

/** Every row of one referential, ordered by position, or undefined when not the establishment's. */
export async function loadTreeRows(db: DbOrTx, establishmentId: string, referentialId: string): Promise<TreeRows | undefined> {
  const referential = await findReferential(db, establishmentId, referentialId);
  if (!referential) return undefined;
  const where = { establishmentId, referentialId };
  const [poles, classes, situations, competencies, bepActivities, examUnits, complexities, hazards] = await Promise.all([
    db.selectFrom('poles').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    db.selectFrom('situation_classes').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    db.selectFrom('situations').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    db.selectFrom('competencies').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    db.selectFrom('bep_activities').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    db.selectFrom('exam_units').selectAll().$call(ofReferential(where)).orderBy('position').execute(),
    listItemsOfReferential(db, 'complexities', establishmentId, referentialId),
    listItemsOfReferential(db, 'hazards', establishmentId, referentialId),
  ]);
  return { referential, poles, classes, situations, competencies, complexities, hazards, bepActivities, examUnits };
}

export function findCompetency(db: DbOrTx, establishmentId: string, referentialId: string, competencyId: string) {
  return db
    .selectFrom('competencies')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('referential_id', '=', referentialId)
    .where('id', '=', competencyId)
    .executeTakeFirst();
}

/** Competencies of the establishment by id, in any of its referentials. */
export function findCompetenciesByIds(db: DbOrTx, establishmentId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as CompetenciesTable[]);
  return db
    .selectFrom('competencies')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('id', 'in', ids)
    .execute();
}

export function listCompetencyItems(db: DbOrTx, table: ItemTable, establishmentId: string, competencyId: string) {
  return db
    .selectFrom(table)
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('competency_id', '=', competencyId)
    .orderBy('position')
    .execute();
}

/** Competency placement (situation, class, pôle) for every competency of a referential. */
export function listCompetencyPlacements(db: DbOrTx, establishmentId: string, referentialId: string) {
  return db
    .selectFrom('competencies')
    .innerJoin('situations', 'situations.id', 'competencies.situation_id')
    .innerJoin('situation_classes', 'situation_classes.id', 'situations.class_id')
    .innerJoin('poles', 'poles.id', 'situation_classes.pole_id')
    .select([
      'competencies.id as competencyId',
      'competencies.code as competencyCode',
      'competencies.label as competencyLabel',
      'situations.id as situationId',
      'situations.code as situationCode',
      'situation_classes.id as classId',
      'situation_classes.code as classCode',
      'poles.id as poleId',
      'poles.code as poleCode',
    ])
    .where('competencies.establishment_id', '=', establishmentId)
    .where('competencies.referential_id', '=', referentialId)
    .orderBy('poles.position')
    .orderBy('situation_classes.position')
    .orderBy('situations.position')
    .orderBy('competencies.position')
    .execute();
}

// --- writes ----------------------------------------------------------------------------------

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// Few statements with many rows each: a referential installs in milliseconds. 200 rows of at most
// 12 columns stay far below the bound-parameter limits of both engines.
const CHUNK = 200;

/** Inserts a whole referential, parents first, in batches. */
export async function insertTreeRows(db: DbOrTx, rows: NewTreeRows): Promise<void> {
  await db.insertInto('referentials').values(rows.referential).execute();
  for (const c of chunks(rows.poles, CHUNK)) await db.insertInto('poles').values(c).execute();
  for (const c of chunks(rows.classes, CHUNK)) await db.insertInto('situation_classes').values(c).execute();
  for (const c of chunks(rows.situations, CHUNK)) await db.insertInto('situations').values(c).execute();
  for (const c of chunks(rows.competencies, CHUNK)) await db.insertInto('competencies').values(c).execute();
  for (const c of chunks(rows.complexities, CHUNK)) await db.insertInto('complexities').values(c).execute();
  for (const c of chunks(rows.hazards, CHUNK)) await db.insertInto('hazards').values(c).execute();
  for (const c of chunks(rows.bepActivities, CHUNK)) await db.insertInto('bep_activities').values(c).execute();
  for (const c of chunks(rows.examUnits, CHUNK)) await db.insertInto('exam_units').values(c).execute();
}

export async function bumpReferentialVersion(db: DbOrTx, establishmentId: string, referentialId: string, at: string): Promise<void> {
  await db
    .updateTable('referentials')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', referentialId)
    .execute();
}

/**
 * Compare-and-set on the competency's version: true when it was `expected` (and is now bumped).
 * Run first in the transaction, it also locks the row until the change is written.
 */
export async function bumpCompetencyVersion(
  db: DbOrTx,
  establishmentId: string,
  competencyId: string,
  expected: number | null,
  at: string,
): Promise<boolean> {
  let q = db
    .updateTable('competencies')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', competencyId);
  if (expected !== null) q = q.where('version', '=', expected);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setCompetencyToComplete(db: DbOrTx, establishmentId: string, competencyId: string, toComplete: boolean): Promise<void> {
  await db
    .updateTable('competencies')
    .set({ to_complete: toComplete ? 1 : 0 })
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', competencyId)
    .execute();
}

export async function insertItems(db: DbOrTx, table: ItemTable, rows: CompetencyItemsTable[]): Promise<void> {
  for (const c of chunks(rows, CHUNK)) await db.insertInto(table).values(c).execute();
}

export async function updateItem(
  db: DbOrTx,
  table: ItemTable,
  establishmentId: string,
  id: string,
  values: { label?: string; position?: number },
): Promise<void> {
  await db.updateTable(table).set(values).where('establishment_id', '=', establishmentId).where('id', '=', id).execute();
}

export async function deleteItems(db: DbOrTx, table: ItemTable, establishmentId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom(table).where('establishment_id', '=', establishmentId).where('id', 'in', ids).execute();
}
