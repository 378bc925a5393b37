import type { DbOrTx } from '../../db/schema.ts';
import type { ResultLevel, ReviewLevel } from '../../db/tables/teaching.ts';
import { newId } from '../../util/ids.ts';

/*
 * Evidence rows written directly (the evaluations' and passport's own rows, as their modules
 * store them), for the dashboard's tests, its bench and its demo data. Not used by any route.
 */

export type EvalSpec = {
  establishmentId: string;
  authorId: string;
  title: string;
  evaluatedOn: string;
  schoolYear: string;
  visible?: boolean;
  at: string;
  /** Per competency: the complexities and hazards that applied. */
  competencies: { competencyId: string; complexityIds?: string[]; hazardIds?: string[] }[];
  /** Per learner, the level for each competency (same order; undefined = no result). */
  results: { learnerId: string; levels: (ResultLevel | undefined)[]; recordedAt?: string }[];
};

export async function seedEvaluation(db: DbOrTx, e: EvalSpec): Promise<{ evaluationId: string; evaluationCompetencyIds: string[] }> {
  const evaluationId = newId();
  await db
    .insertInto('evaluations')
    .values({ id: evaluationId, establishment_id: e.establishmentId, author_id: e.authorId, scenario_id: null, title: e.title, evaluated_on: e.evaluatedOn, school_year: e.schoolYear, is_visible: e.visible === false ? 0 : 1, created_at: e.at, updated_at: e.at, version: 1 })
    .execute();
  const ecs = e.competencies.map((c, i) => ({ id: newId(), establishment_id: e.establishmentId, evaluation_id: evaluationId, competency_id: c.competencyId, position: i + 1 }));
  if (ecs.length > 0) await db.insertInto('evaluation_competencies').values(ecs).execute();
  const items = e.competencies.flatMap((c, i) => [
    ...(c.complexityIds ?? []).map((id) => ({ id: newId(), establishment_id: e.establishmentId, owner_id: ecs[i]!.id, complexity_id: id, hazard_id: null })),
    ...(c.hazardIds ?? []).map((id) => ({ id: newId(), establishment_id: e.establishmentId, owner_id: ecs[i]!.id, complexity_id: null, hazard_id: id })),
  ]);
  if (items.length > 0) await db.insertInto('evaluation_items').values(items).execute();
  const learners = e.results.map((r) => ({ id: newId(), establishment_id: e.establishmentId, evaluation_id: evaluationId, learner_id: r.learnerId, comment: '', comment_version: 1 }));
  for (let i = 0; i < learners.length; i += 200) await db.insertInto('evaluation_learners').values(learners.slice(i, i + 200)).execute();
  const results = e.results.flatMap((r) =>
    r.levels.flatMap((level, i) =>
      level === undefined
        ? []
        : [
            {
              id: newId(),
              establishment_id: e.establishmentId,
              evaluation_id: evaluationId,
              evaluation_competency_id: ecs[i]!.id,
              learner_id: r.learnerId,
              competency_id: e.competencies[i]!.competencyId,
              level,
              evaluated_on: e.evaluatedOn,
              recorded_at: r.recordedAt ?? e.at,
              recorded_by: e.authorId,
              version: 1,
            },
          ],
    ),
  );
  for (let i = 0; i < results.length; i += 200) await db.insertInto('results').values(results.slice(i, i + 200)).execute();
  return { evaluationId, evaluationCompetencyIds: ecs.map((c) => c.id) };
}

export type SituationSpec = {
  establishmentId: string;
  learnerId: string;
  competencyId: string;
  title: string;
  occurredOn: string;
  at: string;
  bepActivityId?: string | null;
  complexityIds?: string[];
  hazardIds?: string[];
  reviews?: { teacherId: string; level: ReviewLevel; reviewedOn: string; at?: string }[];
};

export async function seedSituation(db: DbOrTx, s: SituationSpec): Promise<string> {
  const id = newId();
  await db
    .insertInto('passport_situations')
    .values({
      id,
      establishment_id: s.establishmentId,
      learner_id: s.learnerId,
      title: s.title,
      occurred_on: s.occurredOn,
      place: 'Entreprise',
      context: '',
      conditions: '',
      competency_id: s.competencyId,
      done_text: '',
      produced_text: '',
      analysis_text: '',
      usage_text: '',
      bep_activity_id: s.bepActivityId ?? null,
      bep_text: '',
      content_changed_at: s.at,
      created_at: s.at,
      updated_at: s.at,
      version: 1,
    })
    .execute();
  const items = [
    ...(s.complexityIds ?? []).map((c) => ({ id: newId(), establishment_id: s.establishmentId, owner_id: id, complexity_id: c, hazard_id: null })),
    ...(s.hazardIds ?? []).map((h) => ({ id: newId(), establishment_id: s.establishmentId, owner_id: id, complexity_id: null, hazard_id: h })),
  ];
  if (items.length > 0) await db.insertInto('passport_items').values(items).execute();
  for (const r of s.reviews ?? []) {
    await db
      .insertInto('passport_reviews')
      .values({ id: newId(), establishment_id: s.establishmentId, situation_id: id, teacher_id: r.teacherId, level: r.level, appraisal: '', reviewed_on: r.reviewedOn, created_at: r.at ?? s.at })
      .execute();
  }
  return id;
}

export async function seedBlocked(db: DbOrTx, b: { establishmentId: string; learnerId: string; competencyId: string; teacherId: string; at: string }) {
  await db
    .insertInto('blocked_competencies')
    .values({ id: newId(), establishment_id: b.establishmentId, learner_id: b.learnerId, competency_id: b.competencyId, teacher_id: b.teacherId, blocked_at: b.at })
    .execute();
}

/** The referential's competencies with their pôle and class codes, and its BEP activities and items (to build cases). */
export async function referentialFacts(db: DbOrTx, establishmentId: string) {
  const competencies = await db
    .selectFrom('competencies as c')
    .innerJoin('situations as s', 's.id', 'c.situation_id')
    .innerJoin('situation_classes as sc', 'sc.id', 's.class_id')
    .innerJoin('poles as p', 'p.id', 'sc.pole_id')
    .select(['c.id', 'c.code', 'sc.id as class_id', 'sc.code as class_code', 'p.id as pole_id', 'p.code as pole_code'])
    .where('c.establishment_id', '=', establishmentId)
    .orderBy('p.position')
    .orderBy('sc.position')
    .orderBy('s.position')
    .orderBy('c.position')
    .execute();
  const complexities = await db.selectFrom('complexities').select(['id', 'competency_id']).where('establishment_id', '=', establishmentId).orderBy('position').execute();
  const hazards = await db.selectFrom('hazards').select(['id', 'competency_id']).where('establishment_id', '=', establishmentId).orderBy('position').execute();
  const bepActivities = await db.selectFrom('bep_activities').select(['id', 'code', 'domain']).where('establishment_id', '=', establishmentId).orderBy('position').execute();
  return { competencies, complexities, hazards, bepActivities };
}
