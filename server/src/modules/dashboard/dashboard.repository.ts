import type { DbOrTx } from '../../db/schema.ts';

/*
 * Reads of the dashboard (read-only on the evaluations' and passport's tables): one query per
 * kind of row for a set of learners, never one per competency (docs/design.md §7).
 */

export function findSettingsJson(db: DbOrTx, establishmentId: string) {
  return db.selectFrom('establishments').select('settings').where('id', '=', establishmentId).executeTakeFirst();
}

/** The establishment's first referential (the Bac Pro's, with its BEP activities and units). */
export function findMainReferential(db: DbOrTx, establishmentId: string) {
  return db
    .selectFrom('referentials')
    .select(['id', 'code', 'title', 'bep_title', 'version'])
    .where('establishment_id', '=', establishmentId)
    .orderBy('position')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Every competency of the referential with its class of situations and pôle, in tree order. */
export function listPlacedCompetencies(db: DbOrTx, establishmentId: string, referentialId: string) {
  return db
    .selectFrom('competencies as c')
    .innerJoin('situations as s', 's.id', 'c.situation_id')
    .innerJoin('situation_classes as sc', 'sc.id', 's.class_id')
    .innerJoin('poles as p', 'p.id', 'sc.pole_id')
    .select([
      'c.id',
      'c.code',
      'c.label',
      'sc.id as class_id',
      'sc.code as class_code',
      'sc.title as class_title',
      'p.id as pole_id',
      'p.code as pole_code',
      'p.title as pole_title',
    ])
    .where('c.establishment_id', '=', establishmentId)
    .where('c.referential_id', '=', referentialId)
    .orderBy('p.position')
    .orderBy('sc.position')
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
}

export function listExamUnits(db: DbOrTx, establishmentId: string, referentialId: string) {
  return db
    .selectFrom('exam_units')
    .select(['id', 'code', 'pole_id'])
    .where('establishment_id', '=', establishmentId)
    .where('referential_id', '=', referentialId)
    .orderBy('position')
    .execute();
}

export function listBepActivities(db: DbOrTx, establishmentId: string, referentialId: string) {
  return db
    .selectFrom('bep_activities')
    .select(['id', 'code', 'domain', 'label'])
    .where('establishment_id', '=', establishmentId)
    .where('referential_id', '=', referentialId)
    .orderBy('position')
    .execute();
}

/** The results of these learners, with their evaluation's title and visibility. */
export function listResults(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('results as r')
    .innerJoin('evaluations as e', 'e.id', 'r.evaluation_id')
    .select([
      'r.id',
      'r.learner_id',
      'r.competency_id',
      'r.level',
      'r.evaluated_on',
      'r.recorded_at',
      'r.evaluation_id',
      'r.evaluation_competency_id',
      'e.title',
      'e.is_visible',
    ])
    .where('r.establishment_id', '=', establishmentId)
    .where('r.learner_id', 'in', learnerIds)
    .execute();
}

/** The same, without the evaluations' titles: what a class view computes from (fewer bytes per row). */
export function listResultCells(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('results')
    .select(['id', 'learner_id', 'competency_id', 'level', 'evaluated_on', 'recorded_at', 'evaluation_competency_id'])
    .where('establishment_id', '=', establishmentId)
    .where('learner_id', 'in', learnerIds)
    .execute();
}

/** The complexities and hazards that applied to these learners' results (labels included). */
export function listResultItems(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('evaluation_items as i')
    .leftJoin('complexities as c', 'c.id', 'i.complexity_id')
    .leftJoin('hazards as h', 'h.id', 'i.hazard_id')
    .select(['i.owner_id', 'c.label as complexity', 'h.label as hazard'])
    .where('i.establishment_id', '=', establishmentId)
    .where('i.owner_id', 'in', (eb) =>
      eb.selectFrom('results').select('evaluation_competency_id').where('establishment_id', '=', establishmentId).where('learner_id', 'in', learnerIds),
    )
    .execute();
}

/** These learners' passport situations (reviewed or not), oldest first. */
export function listSituations(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('passport_situations')
    .select(['id', 'learner_id', 'competency_id', 'title', 'occurred_on', 'bep_activity_id'])
    .where('establishment_id', '=', establishmentId)
    .where('learner_id', 'in', learnerIds)
    .orderBy('occurred_on')
    .orderBy('id')
    .execute();
}

/** Every teacher's review of these learners' passport situations. */
export function listReviews(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('passport_reviews as r')
    .innerJoin('passport_situations as s', 's.id', 'r.situation_id')
    .select(['r.id', 'r.situation_id', 'r.level', 'r.reviewed_on', 'r.created_at', 's.learner_id', 's.competency_id'])
    .where('r.establishment_id', '=', establishmentId)
    .where('s.learner_id', 'in', learnerIds)
    .execute();
}

/** The complexities and hazards of these learners' passport situations. */
export function listSituationItems(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('passport_items as i')
    .leftJoin('complexities as c', 'c.id', 'i.complexity_id')
    .leftJoin('hazards as h', 'h.id', 'i.hazard_id')
    .select(['i.owner_id', 'c.label as complexity', 'h.label as hazard'])
    .where('i.establishment_id', '=', establishmentId)
    .where('i.owner_id', 'in', (eb) =>
      eb.selectFrom('passport_situations').select('id').where('establishment_id', '=', establishmentId).where('learner_id', 'in', learnerIds),
    )
    .execute();
}

export function listBlocked(db: DbOrTx, establishmentId: string, learnerIds: readonly string[]) {
  return db
    .selectFrom('blocked_competencies')
    .select(['learner_id', 'competency_id', 'blocked_at'])
    .where('establishment_id', '=', establishmentId)
    .where('learner_id', 'in', learnerIds)
    .execute();
}

/** A learner's classes over the years (for the progress chart's labels). */
export function listLearnerDivisions(db: DbOrTx, establishmentId: string, learnerId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('divisions as d', 'd.id', 'm.division_id')
    .select(['m.school_year', 'd.code'])
    .where('m.establishment_id', '=', establishmentId)
    .where('m.learner_id', '=', learnerId)
    .execute();
}

// --- classes -----------------------------------------------------------------------------------

export function findDivision(db: DbOrTx, establishmentId: string, divisionId: string) {
  return db
    .selectFrom('divisions')
    .select(['id', 'code', 'label', 'school_year'])
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', divisionId)
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
}

/** Divisions of a school year, optionally only those holding one of `learnerIds`. */
export function listDivisions(db: DbOrTx, establishmentId: string, schoolYear: string, learnerIds?: readonly string[]) {
  let q = db
    .selectFrom('divisions as d')
    .select(['d.id', 'd.code', 'd.label'])
    .where('d.establishment_id', '=', establishmentId)
    .where('d.school_year', '=', schoolYear)
    .where('d.hidden_at', 'is', null);
  if (learnerIds) {
    if (learnerIds.length === 0) return Promise.resolve([]);
    q = q.where('d.id', 'in', (eb) =>
      eb
        .selectFrom('memberships')
        .select('division_id')
        .where('establishment_id', '=', establishmentId)
        .where('school_year', '=', schoolYear)
        .where('learner_id', 'in', learnerIds)
        .where('division_id', 'is not', null)
        .$castTo<string>(),
    );
  }
  return q.orderBy('d.code').execute();
}

/** The visible learners of a division in its school year, by name. */
export function listDivisionLearners(db: DbOrTx, establishmentId: string, divisionId: string, schoolYear: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.learner_id')
    .select(['u.id', 'u.login', 'u.last_name', 'u.first_name'])
    .distinct()
    .where('m.establishment_id', '=', establishmentId)
    .where('m.division_id', '=', divisionId)
    .where('m.school_year', '=', schoolYear)
    .where('u.hidden_at', 'is', null)
    .where('u.is_learner', '=', 1)
    .orderBy('u.last_name')
    .orderBy('u.first_name')
    .orderBy('u.id')
    .execute();
}
