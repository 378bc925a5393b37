import type {
  CreateEvaluationRequestSchema,
  Evaluation,
  EvaluationChoices,
  EvaluationListQuerySchema,
  EvaluationListResponse,
  UpdateEvaluationRequestSchema,
} from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { conflict } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { evaluationFor } from './evaluations.access.ts';
import { applyCompetencies, checkCoauthors, checkCompetencies, checkLearners, checkScenario } from './evaluations.definition.ts';
import * as lists from './evaluations.list.repository.ts';
import { presentCompetencies, presentEvaluation, presentPerson } from './evaluations.presenter.ts';
import * as repo from './evaluations.repository.ts';
import { findPeople, listResults } from './evaluations.results.repository.ts';

type CreateInput = z.output<typeof CreateEvaluationRequestSchema>;
type UpdateInput = z.output<typeof UpdateEvaluationRequestSchema>;

const today = (at: Date) => nowIso(at).slice(0, 10);

/** The whole evaluation as the editor and the grid need it. */
export async function loadEvaluation(db: DbOrTx, row: repo.EvaluationRow, access: { canEdit: boolean; isAuthor: boolean }): Promise<Evaluation> {
  const [author, coauthors, competencies, items, learners, results] = await Promise.all([
    findPeople(db, [row.author_id]),
    repo.listCoauthors(db, row.id),
    repo.listEvaluationCompetencies(db, row.id),
    repo.listEvaluationItems(db, row.id),
    repo.listEvaluationLearners(db, row.id),
    listResults(db, row.id),
  ]);
  const classCodes = await repo.classCodesOf(db, row.establishment_id, row.school_year, learners.map((l) => l.id));
  return presentEvaluation({ row, author: author[0]!, coauthors, ...access, competencies: presentCompetencies(competencies, items), learners, classCodes, results });
}

export async function getEvaluation(deps: Deps, ctx: RequestContext, id: string): Promise<Evaluation> {
  const { evaluation, decision } = await evaluationFor(deps.db, ctx, id, 'read');
  return loadEvaluation(deps.db, evaluation, decision);
}

export async function createEvaluation(deps: Deps, ctx: RequestContext, input: CreateInput): Promise<Evaluation> {
  await checkCompetencies(deps.db, ctx.establishmentId, input.competencies);
  await checkLearners(deps.db, ctx, input.learnerIds);
  const coauthorIds = await checkCoauthors(deps.db, ctx, input.coauthorIds);
  await checkScenario(deps.db, ctx.establishmentId, input.scenarioId);
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const at = nowIso(ctx.at);
  const row: repo.EvaluationRow = {
    id: newId(),
    establishment_id: ctx.establishmentId,
    author_id: ctx.actor.id,
    scenario_id: input.scenarioId ?? null,
    title: input.title,
    evaluated_on: input.evaluatedOn ?? today(ctx.at),
    school_year: schoolYear,
    is_visible: input.isVisible ? 1 : 0,
    created_at: at,
    updated_at: at,
    version: 1,
  };
  await lists.inTransaction(deps.db, async (tx) => {
    await repo.insertEvaluation(tx, row);
    await applyCompetencies(tx, ctx.establishmentId, row.id, [], input.competencies);
    await repo.insertEvaluationLearners(tx, ctx.establishmentId, row.id, input.learnerIds, newId);
    await repo.replaceCoauthors(tx, ctx.establishmentId, row.id, coauthorIds, newId);
  });
  return loadEvaluation(deps.db, row, { canEdit: true, isAuthor: true });
}

/**
 * Changes the definition (title, date, visibility, competencies, learners, co-authors). Removing
 * learners or competencies that have results needs `confirmLoss` (409 with the counts otherwise).
 */
export async function updateEvaluation(deps: Deps, ctx: RequestContext, id: string, input: UpdateInput): Promise<Evaluation> {
  const need = input.coauthorIds !== undefined ? 'manage' : 'edit';
  const { evaluation, decision } = await evaluationFor(deps.db, ctx, id, need);
  if (evaluation.version !== input.version) throw versionConflict(evaluation.version);
  const existingCompetencies = await repo.listEvaluationCompetencies(deps.db, id);
  const existingLearners = (await repo.listEvaluationLearners(deps.db, id)).map((l) => l.id);
  if (input.competencies) await checkCompetencies(deps.db, ctx.establishmentId, input.competencies);
  const addedLearners = input.learnerIds?.filter((l) => !existingLearners.includes(l)) ?? [];
  await checkLearners(deps.db, ctx, addedLearners);
  const coauthorIds = input.coauthorIds ? await checkCoauthors(deps.db, ctx, input.coauthorIds) : undefined;

  const removedLearners = input.learnerIds ? existingLearners.filter((l) => !input.learnerIds!.includes(l)) : [];
  const wanted = new Set(input.competencies?.map((c) => c.competencyId) ?? existingCompetencies.map((c) => c.competency_id));
  const removedCompetencies = existingCompetencies.filter((c) => !wanted.has(c.competency_id)).map((c) => c.id);
  if (!input.confirmLoss) {
    const results = await repo.countResultsOf(deps.db, id, removedLearners, removedCompetencies);
    if (results > 0) {
      throw conflict('evaluations.results_would_be_lost', undefined, { results, learners: removedLearners.length, competencies: removedCompetencies.length });
    }
  }

  const at = nowIso(ctx.at);
  await lists.inTransaction(deps.db, async (tx) => {
    const header = {
      updated_at: at,
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.evaluatedOn !== undefined ? { evaluated_on: input.evaluatedOn } : {}),
      ...(input.isVisible !== undefined ? { is_visible: input.isVisible ? (1 as const) : (0 as const) } : {}),
    };
    if (!(await repo.updateEvaluationHeader(tx, ctx.establishmentId, id, input.version, header))) throw versionConflict(null);
    if (input.evaluatedOn !== undefined && input.evaluatedOn !== evaluation.evaluated_on) {
      await repo.setResultsDate(tx, ctx.establishmentId, id, input.evaluatedOn);
    }
    if (input.competencies) await applyCompetencies(tx, ctx.establishmentId, id, existingCompetencies, input.competencies);
    await repo.deleteEvaluationLearners(tx, id, removedLearners);
    await repo.insertEvaluationLearners(tx, ctx.establishmentId, id, addedLearners, newId);
    if (coauthorIds) await repo.replaceCoauthors(tx, ctx.establishmentId, id, coauthorIds, newId);
  });
  const fresh = await repo.findEvaluation(deps.db, ctx.establishmentId, id);
  return loadEvaluation(deps.db, fresh!, decision);
}

const versionConflict = (currentVersion: number | null) =>
  conflict('evaluations.version_conflict', undefined, currentVersion === null ? undefined : { currentVersion });

/** Deletes an evaluation and its results (the author only; audited). */
export async function deleteEvaluation(deps: Deps, ctx: RequestContext, id: string, version: number): Promise<void> {
  const { evaluation } = await evaluationFor(deps.db, ctx, id, 'manage');
  const results = await repo.countResultsOf(deps.db, id, [], (await repo.listEvaluationCompetencies(deps.db, id)).map((c) => c.id));
  await lists.inTransaction(deps.db, async (tx) => {
    if (!(await repo.deleteEvaluation(tx, ctx.establishmentId, id, version))) throw versionConflict(evaluation.version);
    await recordAudit(tx, {
      establishmentId: ctx.establishmentId,
      actorId: ctx.actor.id,
      action: 'evaluations.deleted',
      targetType: 'evaluation',
      targetId: id,
      details: { title: evaluation.title, evaluatedOn: evaluation.evaluated_on, results },
      ip: ctx.ip,
      at: nowIso(ctx.at),
    });
  });
}

export async function listEvaluations(deps: Deps, ctx: RequestContext, q: z.output<typeof EvaluationListQuerySchema>): Promise<EvaluationListResponse> {
  const isTeacher = ctx.actor.profiles.includes('teacher');
  const editorId = isTeacher ? ctx.actor.id : null;
  const { total, rows } = await lists.listEvaluations(deps.db, { establishmentId: ctx.establishmentId, editorId, title: q.title, date: q.date, classId: q.classId, page: q.page, pageSize: q.pageSize });
  const ids = rows.map((r) => r.id);
  const [codes, coauthored] = await Promise.all([lists.classCodesOfEvaluations(deps.db, ids), isTeacher ? lists.coauthoredAmong(deps.db, ids, ctx.actor.id) : new Set<string>()]);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => {
      const isAuthor = isTeacher && r.author_id === ctx.actor.id;
      return {
        id: r.id,
        title: r.title,
        evaluatedOn: r.evaluated_on,
        isVisible: r.is_visible === 1,
        version: r.version,
        author: presentPerson({ id: r.author_id, login: r.login, last_name: r.last_name, first_name: r.first_name }),
        canEdit: isAuthor || coauthored.has(r.id),
        isAuthor,
        classCodes: codes.get(r.id) ?? [],
        learnerCount: Number(r.learner_count ?? 0),
        competencyCount: Number(r.competency_count ?? 0),
        resultCount: Number(r.result_count ?? 0),
      };
    }),
  };
}

/** The classes and groups the teacher teaches this school year, with their learners; the teachers (co-authors). */
export async function evaluationChoices(deps: Deps, ctx: RequestContext): Promise<EvaluationChoices> {
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const [{ divisions, groups, members }, teachings, teachers] = await Promise.all([
    lists.classesWithLearners(deps.db, ctx.establishmentId, schoolYear),
    lists.teachingsOf(deps.db, ctx.establishmentId, schoolYear, ctx.actor.id),
    lists.listTeachers(deps.db, ctx.establishmentId),
  ]);
  const taught = new Set(teachings.flatMap((t) => [t.division_id, t.group_id]).filter((x): x is string => x !== null));
  const learnersOf = (id: string, key: 'division_id' | 'group_id') => members.filter((m) => m[key] === id).map(presentPerson);
  return {
    schoolYear,
    classes: [
      ...divisions.filter((d) => taught.has(d.id)).map((d) => ({ ...d, kind: 'division' as const, taught: true, learners: learnersOf(d.id, 'division_id') })),
      ...groups.filter((g) => taught.has(g.id)).map((g) => ({ ...g, kind: 'group' as const, taught: true, learners: learnersOf(g.id, 'group_id') })),
    ],
    teachers: teachers.filter((t) => t.id !== ctx.actor.id).map(presentPerson),
  };
}
