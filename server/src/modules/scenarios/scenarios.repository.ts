import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import type { ChosenItemsTable, ScenarioAttachmentsTable, ScenarioCompetenciesTable, ScenariosTable, SchoolLevel } from '../../db/tables/teaching.ts';
import { toCount } from '../../db/dialect.ts';

/** The only place of the scenarios module that speaks SQL. Every query is scoped to an establishment. */

export type ScenarioRow = ScenariosTable;

export function findScenario(db: DbOrTx, establishmentId: string, id: string) {
  return db.selectFrom('scenarios').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

export async function insertScenario(db: DbOrTx, row: ScenariosTable): Promise<void> {
  await db.insertInto('scenarios').values(row).execute();
}

/** Writes the fields and bumps the version if it is still `version`; false when someone saved first. */
export async function updateScenarioIfVersion(
  db: DbOrTx,
  establishmentId: string,
  id: string,
  version: number,
  fields: Pick<ScenariosTable, 'title' | 'is_private' | 'level' | 'context' | 'materials' | 'links' | 'resources' | 'updated_at'>,
): Promise<boolean> {
  const result = await db
    .updateTable('scenarios')
    .set({ ...fields, version: version + 1 })
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteScenario(db: DbOrTx, establishmentId: string, id: string): Promise<void> {
  await db.deleteFrom('scenarios').where('establishment_id', '=', establishmentId).where('id', '=', id).execute();
}

// Competencies and their chosen items

export async function replaceCompetencies(
  db: DbOrTx,
  establishmentId: string,
  scenarioId: string,
  competencies: ScenarioCompetenciesTable[],
  items: ChosenItemsTable[],
): Promise<void> {
  // scenario_items cascade with their scenario_competencies row.
  await db.deleteFrom('scenario_competencies').where('establishment_id', '=', establishmentId).where('scenario_id', '=', scenarioId).execute();
  if (competencies.length > 0) await db.insertInto('scenario_competencies').values(competencies).execute();
  if (items.length > 0) await db.insertInto('scenario_items').values(items).execute();
}

/** The competencies of a scenario in order, with code and wording. */
export function listScenarioCompetencies(db: DbOrTx, establishmentId: string, scenarioId: string) {
  return db
    .selectFrom('scenario_competencies as sc')
    .innerJoin('competencies as c', 'c.id', 'sc.competency_id')
    .select(['sc.id', 'sc.competency_id', 'sc.position', 'c.code', 'c.label'])
    .where('sc.establishment_id', '=', establishmentId)
    .where('sc.scenario_id', '=', scenarioId)
    .orderBy('sc.position')
    .execute();
}

/** The chosen complexities and hazards of a scenario's competencies, with their labels, in referential order. */
export function listScenarioItems(db: DbOrTx, establishmentId: string, scenarioId: string) {
  return db
    .selectFrom('scenario_items as si')
    .innerJoin('scenario_competencies as sc', 'sc.id', 'si.owner_id')
    .leftJoin('complexities as cx', 'cx.id', 'si.complexity_id')
    .leftJoin('hazards as hz', 'hz.id', 'si.hazard_id')
    .select(['si.owner_id', 'si.complexity_id', 'si.hazard_id', 'cx.label as complexity_label', 'hz.label as hazard_label', 'cx.position as cx_position', 'hz.position as hz_position'])
    .where('si.establishment_id', '=', establishmentId)
    .where('sc.scenario_id', '=', scenarioId)
    .execute();
}

/** Every competency of the establishment (id, code, wording): the list's « compétence » filter. */
export function listEstablishmentCompetencies(db: DbOrTx, establishmentId: string) {
  return db.selectFrom('competencies').select(['id', 'code', 'label']).where('establishment_id', '=', establishmentId).execute();
}

// Attachments

export async function insertAttachments(db: DbOrTx, rows: ScenarioAttachmentsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('scenario_attachments').values(rows).execute();
}

export function listAttachments(db: DbOrTx, establishmentId: string, scenarioId: string) {
  return db
    .selectFrom('scenario_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.file_id', 'a.filename', 'a.created_at', 'f.size', 'f.media_type'])
    .where('a.establishment_id', '=', establishmentId)
    .where('a.scenario_id', '=', scenarioId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function deleteAttachment(db: DbOrTx, establishmentId: string, scenarioId: string, attachmentId: string): Promise<void> {
  await db.deleteFrom('scenario_attachments').where('establishment_id', '=', establishmentId).where('scenario_id', '=', scenarioId).where('id', '=', attachmentId).execute();
}

// People

export function findPeople(db: DbOrTx, establishmentId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name'])
    .where('establishment_id', '=', establishmentId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function findEstablishmentName(db: DbOrTx, establishmentId: string) {
  return db.selectFrom('establishments').select(['name', 'uai']).where('id', '=', establishmentId).executeTakeFirst();
}

// The list

export type ScenarioFilter = {
  establishmentId: string;
  viewerId: string;
  authorId?: string | undefined;
  level?: SchoolLevel | undefined;
  /** Lower-case words that must each appear in the title, context, materials or resources. */
  words: string[];
  /** null: no competency filter; otherwise the scenario must hold one of these (empty: none matches). */
  competencyIds: string[] | null;
};

function visible(db: DbOrTx, f: ScenarioFilter) {
  let q = db
    .selectFrom('scenarios as s')
    .where('s.establishment_id', '=', f.establishmentId)
    .where((eb) => eb.or([eb('s.author_id', '=', f.viewerId), eb('s.is_private', '=', 0)]));
  if (f.authorId) q = q.where('s.author_id', '=', f.authorId);
  if (f.level) q = q.where('s.level', '=', f.level);
  for (const word of f.words) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or(
        (['s.title', 's.context', 's.materials', 's.resources'] as const).map((col) => sql<boolean>`lower(${eb.ref(col)}) like ${pattern} escape '\\'`),
      ),
    );
  }
  if (f.competencyIds !== null) {
    const ids = f.competencyIds;
    if (ids.length === 0) q = q.where(sql<boolean>`1 = 0`);
    else q = q.where(({ exists, selectFrom }) => exists(selectFrom('scenario_competencies as fc').select('fc.id').whereRef('fc.scenario_id', '=', 's.id').where('fc.competency_id', 'in', ids)));
  }
  return q;
}

/** One page of the scenarios the viewer may see, newest change first, and the total. */
export async function listVisibleScenarios(db: DbOrTx, f: ScenarioFilter, page: number, pageSize: number) {
  const total = await visible(db, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await visible(db, f)
    .select(['s.id', 's.title', 's.is_private', 's.level', 's.author_id', 's.updated_at'])
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total: toCount(total.n), rows };
}

/** Authors of the scenarios the viewer may see (the « auteur » filter). */
export async function listVisibleAuthorIds(db: DbOrTx, establishmentId: string, viewerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('scenarios')
    .select('author_id')
    .distinct()
    .where('establishment_id', '=', establishmentId)
    .where((eb) => eb.or([eb('author_id', '=', viewerId), eb('is_private', '=', 0)]))
    .execute();
  return rows.map((r) => r.author_id);
}

/** Competency codes of several scenarios, in each scenario's order. */
export async function listCodesOf(db: DbOrTx, establishmentId: string, scenarioIds: readonly string[]) {
  if (scenarioIds.length === 0) return [];
  return db
    .selectFrom('scenario_competencies as sc')
    .innerJoin('competencies as c', 'c.id', 'sc.competency_id')
    .select(['sc.scenario_id', 'c.code', 'sc.position'])
    .where('sc.establishment_id', '=', establishmentId)
    .where('sc.scenario_id', 'in', [...scenarioIds])
    .orderBy('sc.position')
    .execute();
}

// « Évaluer »: the classes and groups a teacher teaches this year, with their learners.

export async function listTaughtGroups(db: DbOrTx, establishmentId: string, schoolYear: string, teacherId: string) {
  const teachings = await db
    .selectFrom('teachings as t')
    .leftJoin('divisions as d', 'd.id', 't.division_id')
    .leftJoin('groups as g', 'g.id', 't.group_id')
    .select(['t.division_id', 't.group_id', 'd.code as d_code', 'd.label as d_label', 'g.code as g_code', 'g.label as g_label'])
    .where('t.establishment_id', '=', establishmentId)
    .where('t.school_year', '=', schoolYear)
    .where('t.teacher_id', '=', teacherId)
    .execute();
  const divisionIds = teachings.flatMap((t) => (t.division_id ? [t.division_id] : []));
  const groupIds = teachings.flatMap((t) => (t.group_id ? [t.group_id] : []));
  const members =
    divisionIds.length + groupIds.length === 0
      ? []
      : await db
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.learner_id')
          .select(['m.division_id', 'm.group_id', 'u.id', 'u.login', 'u.last_name', 'u.first_name'])
          .where('m.establishment_id', '=', establishmentId)
          .where('m.school_year', '=', schoolYear)
          .where('u.hidden_at', 'is', null)
          .where((eb) =>
            eb.or([
              ...(divisionIds.length > 0 ? [eb('m.division_id', 'in', divisionIds)] : []),
              ...(groupIds.length > 0 ? [eb('m.group_id', 'in', groupIds)] : []),
            ]),
          )
          .execute();
  return { teachings, members };
}

