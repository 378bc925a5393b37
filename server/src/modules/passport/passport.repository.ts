import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import type { PassportAttachmentsTable, PassportReviewsTable, PassportSituationsTable } from '../../db/tables/teaching.ts';

/** Every query of the passport module (situations, their items, reviews, attachments, blocks). */

export type SituationRow = PassportSituationsTable;
export type ListFilter = { establishmentId: string; learnerId: string; title?: string; dateDigits?: string; competencyWords?: string; competencyDigits?: string };

export async function findSituation(db: DbOrTx, establishmentId: string, id: string) {
  return db.selectFrom('passport_situations').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

function filtered(db: DbOrTx, f: ListFilter) {
  let q = db
    .selectFrom('passport_situations as p')
    .innerJoin('competencies as c', 'c.id', 'p.competency_id')
    .innerJoin('situations as s', 's.id', 'c.situation_id')
    .where('p.establishment_id', '=', f.establishmentId)
    .where('p.learner_id', '=', f.learnerId);
  if (f.title) q = q.where(sql<string>`lower(p.title)`, 'like', `%${escapeLike(f.title.toLowerCase())}%`);
  if (f.dateDigits) {
    const pattern = `%${f.dateDigits}%`;
    // The date's digits written aaaammjj or jjmmaaaa: « 2026 », « 11/2026 », « 2026-11 » all match.
    q = q.where((eb) =>
      eb.or([
        eb(sql<string>`replace(p.occurred_on, '-', '')`, 'like', pattern),
        eb(sql<string>`substr(p.occurred_on, 9, 2) || substr(p.occurred_on, 6, 2) || substr(p.occurred_on, 1, 4)`, 'like', pattern),
      ]),
    );
  }
  if (f.competencyWords || f.competencyDigits) {
    q = q.where((eb) => {
      const ors = [];
      if (f.competencyWords) {
        const words = `%${escapeLike(f.competencyWords.toLowerCase())}%`;
        ors.push(eb(sql<string>`lower(c.label)`, 'like', words), eb(sql<string>`lower(s.title)`, 'like', words), eb(sql<string>`lower(c.code)`, 'like', words));
      }
      if (f.competencyDigits) ors.push(eb(sql<string>`replace(s.code, '.', '')`, 'like', `%${f.competencyDigits}%`));
      return eb.or(ors);
    });
  }
  return q;
}

/**
 * A LIKE pattern body, lower case; every non-ASCII character becomes `_` (any one character), so
 * that « à évaluer » finds « À évaluer » on SQLite too (its lower() only folds ASCII).
 */
const escapeLike = (s: string) => s.replace(/[%_\\]/g, '').replace(/[^ -~]/g, '_');

export async function countSituations(db: DbOrTx, f: ListFilter): Promise<number> {
  const row = await filtered(db, f).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listSituations(db: DbOrTx, f: ListFilter, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .selectAll('p')
    .orderBy('p.occurred_on', 'desc')
    .orderBy('p.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Competency, situation and pôle of each competency id. */
export async function competencyRefs(db: DbOrTx, establishmentId: string, competencyIds: readonly string[]) {
  if (competencyIds.length === 0) return [];
  return db
    .selectFrom('competencies as c')
    .innerJoin('situations as s', 's.id', 'c.situation_id')
    .innerJoin('situation_classes as k', 'k.id', 's.class_id')
    .innerJoin('poles as o', 'o.id', 'k.pole_id')
    .select(['c.id', 'c.code', 'c.label', 'c.referential_id', 's.code as situation_code', 's.title as situation_title', 'o.code as pole_code', 'o.title as pole_title', 'o.position as pole_position'])
    .where('c.establishment_id', '=', establishmentId)
    .where('c.id', 'in', competencyIds)
    .execute();
}

export async function competencyItemIds(db: DbOrTx, competencyId: string) {
  const [complexities, hazards] = await Promise.all([
    db.selectFrom('complexities').select('id').where('competency_id', '=', competencyId).orderBy('position').execute(),
    db.selectFrom('hazards').select('id').where('competency_id', '=', competencyId).orderBy('position').execute(),
  ]);
  return { complexityIds: complexities.map((r) => r.id), hazardIds: hazards.map((r) => r.id) };
}

export async function itemsOf(db: DbOrTx, situationIds: readonly string[]) {
  if (situationIds.length === 0) return [];
  return db.selectFrom('passport_items').select(['owner_id', 'complexity_id', 'hazard_id']).where('owner_id', 'in', situationIds).orderBy('id').execute();
}

export async function replaceItems(db: DbOrTx, establishmentId: string, situationId: string, items: { complexityIds: string[]; hazardIds: string[] }, newId: () => string) {
  await db.deleteFrom('passport_items').where('owner_id', '=', situationId).execute();
  const rows = [
    ...items.complexityIds.map((id) => ({ id: newId(), establishment_id: establishmentId, owner_id: situationId, complexity_id: id, hazard_id: null })),
    ...items.hazardIds.map((id) => ({ id: newId(), establishment_id: establishmentId, owner_id: situationId, complexity_id: null, hazard_id: id })),
  ];
  if (rows.length > 0) await db.insertInto('passport_items').values(rows).execute();
}

export async function reviewsOf(db: DbOrTx, situationIds: readonly string[]) {
  if (situationIds.length === 0) return [];
  return db
    .selectFrom('passport_reviews as r')
    .innerJoin('users as u', 'u.id', 'r.teacher_id')
    .select(['r.id', 'r.situation_id', 'r.level', 'r.appraisal', 'r.reviewed_on', 'r.created_at', 'u.id as teacher_id', 'u.login', 'u.last_name', 'u.first_name'])
    .where('r.situation_id', 'in', situationIds)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}
export type ReviewRow = Awaited<ReturnType<typeof reviewsOf>>[number];

export async function attachmentsOf(db: DbOrTx, situationIds: readonly string[]) {
  if (situationIds.length === 0) return [];
  return db
    .selectFrom('passport_attachments as a')
    .innerJoin('files as f', 'f.id', 'a.file_id')
    .select(['a.id', 'a.situation_id', 'a.file_id', 'a.filename', 'a.part', 'f.media_type', 'f.size'])
    .where('a.situation_id', 'in', situationIds)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
}

export async function bepActivities(db: DbOrTx, establishmentId: string, referentialId?: string) {
  let q = db.selectFrom('bep_activities').selectAll().where('establishment_id', '=', establishmentId);
  if (referentialId) q = q.where('referential_id', '=', referentialId);
  return q.orderBy('position').execute();
}

export async function findBepActivity(db: DbOrTx, establishmentId: string, id: string) {
  return db.selectFrom('bep_activities').select(['id', 'code', 'label']).where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

export async function insertSituation(db: DbOrTx, row: SituationRow) {
  await db.insertInto('passport_situations').values(row).execute();
}

/** Compare-and-set on the version: true when it was `expected` (and the row is now changed). */
export async function updateSituation(db: DbOrTx, establishmentId: string, id: string, expected: number, set: Partial<SituationRow>): Promise<boolean> {
  const res = await db
    .updateTable('passport_situations')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteSituation(db: DbOrTx, establishmentId: string, id: string, expected: number): Promise<boolean> {
  const res = await db.deleteFrom('passport_situations').where('establishment_id', '=', establishmentId).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export async function insertReview(db: DbOrTx, row: PassportReviewsTable) {
  await db.insertInto('passport_reviews').values(row).execute();
}

export async function insertAttachment(db: DbOrTx, row: PassportAttachmentsTable) {
  await db.insertInto('passport_attachments').values(row).execute();
}

export async function deleteAttachment(db: DbOrTx, situationId: string, attachmentId: string) {
  await db.deleteFrom('passport_attachments').where('situation_id', '=', situationId).where('id', '=', attachmentId).execute();
}

export async function blockedOf(db: DbOrTx, establishmentId: string, learnerId: string) {
  return db
    .selectFrom('blocked_competencies as b')
    .innerJoin('competencies as c', 'c.id', 'b.competency_id')
    .innerJoin('users as u', 'u.id', 'b.teacher_id')
    .select(['b.competency_id', 'c.code', 'b.blocked_at', 'u.id as teacher_id', 'u.login', 'u.last_name', 'u.first_name'])
    .where('b.establishment_id', '=', establishmentId)
    .where('b.learner_id', '=', learnerId)
    .orderBy('c.position')
    .execute();
}

export async function isBlocked(db: DbOrTx, establishmentId: string, learnerId: string, competencyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocked_competencies')
    .select('id')
    .where('establishment_id', '=', establishmentId)
    .where('learner_id', '=', learnerId)
    .where('competency_id', '=', competencyId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBlock(db: DbOrTx, row: { id: string; establishment_id: string; learner_id: string; competency_id: string; teacher_id: string; blocked_at: string }) {
  await db.insertInto('blocked_competencies').values(row).onConflict((oc) => oc.columns(['learner_id', 'competency_id']).doNothing()).execute();
}

export async function deleteBlock(db: DbOrTx, establishmentId: string, learnerId: string, competencyId: string) {
  await db.deleteFrom('blocked_competencies').where('establishment_id', '=', establishmentId).where('learner_id', '=', learnerId).where('competency_id', '=', competencyId).execute();
}

/** Divisions of the school year the teacher has a teaching in (every division for `null`). */
export async function divisionsOf(db: DbOrTx, establishmentId: string, schoolYear: string, teacherId: string | null) {
  let q = db.selectFrom('divisions as d').select(['d.id', 'd.code', 'd.label']).where('d.establishment_id', '=', establishmentId).where('d.school_year', '=', schoolYear).where('d.hidden_at', 'is', null);
  if (teacherId) {
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('teachings as t').select('t.id').whereRef('t.division_id', '=', 'd.id').where('t.teacher_id', '=', teacherId).where('t.school_year', '=', schoolYear)),
    );
  }
  return q.orderBy('d.code').execute();
}

/** The learners of a division this school year, with how many situations each has. */
export async function learnersOfDivision(db: DbOrTx, establishmentId: string, schoolYear: string, divisionId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.learner_id')
    .select((eb) => [
      'u.id',
      'u.login',
      'u.last_name',
      'u.first_name',
      eb.selectFrom('passport_situations as p').select((e) => e.fn.countAll<number | string>().as('n')).whereRef('p.learner_id', '=', 'u.id').as('situation_count'),
    ])
    .where('m.establishment_id', '=', establishmentId)
    .where('m.school_year', '=', schoolYear)
    .where('m.division_id', '=', divisionId)
    .where('u.hidden_at', 'is', null)
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .execute();
}

/** Every situation of a learner (the CCF extract), oldest first. */
export async function allSituationsOf(db: DbOrTx, establishmentId: string, learnerId: string) {
  return db
    .selectFrom('passport_situations')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('learner_id', '=', learnerId)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
}

export async function situationFileIds(db: DbOrTx, situationId: string) {
  const rows = await db.selectFrom('passport_attachments').select('file_id').where('situation_id', '=', situationId).execute();
  return rows.map((r) => r.file_id);
}

export async function itemLabels(db: DbOrTx, complexityIds: readonly string[], hazardIds: readonly string[]) {
  const [c, h] = await Promise.all([
    complexityIds.length ? db.selectFrom('complexities').select(['id', 'label']).where('id', 'in', complexityIds).execute() : Promise.resolve([]),
    hazardIds.length ? db.selectFrom('hazards').select(['id', 'label']).where('id', 'in', hazardIds).execute() : Promise.resolve([]),
  ]);
  return new Map([...c, ...h].map((r) => [r.id, r.label]));
}

export async function establishmentName(db: DbOrTx, establishmentId: string) {
  const row = await db.selectFrom('establishments').select('name').where('id', '=', establishmentId).executeTakeFirst();
  return row?.name ?? '';
}

export async function poleByCode(db: DbOrTx, establishmentId: string, code: string) {
  return db.selectFrom('poles').select(['code', 'title']).where('establishment_id', '=', establishmentId).where('code', '=', code).orderBy('position').executeTakeFirst();
}

export async function divisionCodeOf(db: DbOrTx, establishmentId: string, schoolYear: string, learnerId: string) {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select('d.code')
    .where('m.establishment_id', '=', establishmentId)
    .where('m.school_year', '=', schoolYear)
    .where('m.learner_id', '=', learnerId)
    .executeTakeFirst();
  return row?.code ?? null;
}
