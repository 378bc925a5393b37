import type { ChosenCompetency } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { badRequest } from '../../http/errors.ts';
import { newId } from '../../util/ids.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { assertItemsOfCompetency, findCompetenciesByIds } from '../referentials/referentials.lookup.ts';
import { learnersTaughtBy } from '../relations/relations.repository.ts';
import { scenarioExists } from './evaluations.list.repository.ts';
import * as repo from './evaluations.repository.ts';

/** Checks of a definition's parts against the establishment, before the transaction. */

export async function checkCompetencies(db: DbOrTx, establishmentId: string, chosen: readonly ChosenCompetency[]) {
  const found = await findCompetenciesByIds(db, establishmentId, chosen.map((c) => c.competencyId));
  if (chosen.some((c) => !found.has(c.competencyId))) throw badRequest('evaluations.unknown_competency');
  for (const c of chosen) {
    if (c.complexityIds.length + c.hazardIds.length > 0) await assertItemsOfCompetency(db, establishmentId, c.competencyId, c);
  }
}

/** Learners added by the actor must be learners they teach this school year. */
export async function checkLearners(db: DbOrTx, ctx: RequestContext, learnerIds: readonly string[]) {
  if (learnerIds.length === 0) return;
  const schoolYear = await activeSchoolYear(db, ctx.establishmentId, ctx.at);
  const taught = new Set(await learnersTaughtBy(db, { establishmentId: ctx.establishmentId, schoolYear }, ctx.actor.id));
  if (learnerIds.some((id) => !taught.has(id))) throw badRequest('evaluations.unknown_learner');
}

export async function checkCoauthors(db: DbOrTx, ctx: RequestContext, ids: readonly string[]): Promise<string[]> {
  const wanted = ids.filter((id) => id !== ctx.actor.id);
  const found = await repo.findTeacherIds(db, ctx.establishmentId, wanted);
  if (wanted.some((id) => !found.has(id))) throw badRequest('evaluations.unknown_coauthor');
  return wanted;
}

export async function checkScenario(db: DbOrTx, establishmentId: string, scenarioId: string | null | undefined) {
  if (scenarioId && !(await scenarioExists(db, establishmentId, scenarioId))) throw badRequest('evaluations.unknown_scenario');
}

const itemRows = (ownerId: string, c: ChosenCompetency) => [
  ...c.complexityIds.map((id) => ({ owner_id: ownerId, complexity_id: id, hazard_id: null })),
  ...c.hazardIds.map((id) => ({ owner_id: ownerId, complexity_id: null, hazard_id: id })),
];

/**
 * Makes the evaluation's competencies be `chosen`, in that order: removes the others (with their
 * results), adds the new ones, renumbers, and sets each one's complexities and hazards.
 */
export async function applyCompetencies(
  tx: DbOrTx,
  establishmentId: string,
  evaluationId: string,
  existing: { id: string; competency_id: string }[],
  chosen: readonly ChosenCompetency[],
) {
  const byCompetency = new Map(existing.map((e) => [e.competency_id, e.id]));
  const wanted = new Set(chosen.map((c) => c.competencyId));
  await repo.deleteEvaluationCompetencies(
    tx,
    evaluationId,
    existing.filter((e) => !wanted.has(e.competency_id)).map((e) => e.id),
  );
  const added: { id: string; establishment_id: string; evaluation_id: string; competency_id: string; position: number }[] = [];
  const ownerIds: string[] = [];
  const items: ReturnType<typeof itemRows> = [];
  for (const [index, c] of chosen.entries()) {
    const position = index + 1;
    let id = byCompetency.get(c.competencyId);
    if (id) await repo.setCompetencyPosition(tx, id, position);
    else {
      id = newId();
      added.push({ id, establishment_id: establishmentId, evaluation_id: evaluationId, competency_id: c.competencyId, position });
    }
    ownerIds.push(id);
    items.push(...itemRows(id, c));
  }
  await repo.insertEvaluationCompetencies(tx, added);
  await repo.replaceItems(tx, establishmentId, ownerIds, items, newId);
}
