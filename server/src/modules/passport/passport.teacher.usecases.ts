import type { BlockedCompetency, PassportClasses, SituationDetail } from '@cerise/common';
import type { ReviewInputSchema, SituationItemsSchema } from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { childrenOf, learnersTaughtBy } from '../relations/relations.repository.ts';
import { passportOf, situationFor } from './passport.access.ts';
import { presentBlocked } from './passport.presenter.ts';
import * as repo from './passport.repository.ts';
import { checkItems, detailOf, versionConflict } from './passport.usecases.ts';

/** The teacher's side of the passport (docs/guide.md § 3.8): review, block, adjust; the classes to choose from. */

export async function reviewSituation(deps: Deps, ctx: RequestContext, id: string, input: z.output<typeof ReviewInputSchema>): Promise<SituationDetail> {
  const { row, learner } = await situationFor(deps, ctx, id, 'review');
  const at = nowIso(ctx.at);
  await repo.insertReview(deps.db, {
    id: newId(),
    establishment_id: ctx.establishmentId,
    situation_id: row.id,
    teacher_id: ctx.actor.id,
    level: input.level,
    appraisal: input.appraisal,
    reviewed_on: input.reviewedOn ?? at.slice(0, 10),
    created_at: at,
  });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

/** The teacher adjusts the complexities and hazards met (not a change of the learner's content). */
export async function adjustItems(deps: Deps, ctx: RequestContext, id: string, input: z.output<typeof SituationItemsSchema>): Promise<SituationDetail> {
  const { row, learner } = await situationFor(deps, ctx, id, 'review');
  await inTransaction(deps.db, async (tx) => {
    await checkItems(tx, row.competency_id, input);
    if (!(await repo.updateSituation(tx, ctx.establishmentId, id, input.version, { updated_at: nowIso(ctx.at) }))) throw versionConflict(row.version);
    await repo.replaceItems(tx, ctx.establishmentId, id, input, newId);
  });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

export async function blockCompetency(deps: Deps, ctx: RequestContext, learnerId: string, competencyId: string): Promise<{ blocked: BlockedCompetency[] }> {
  await passportOf(deps, ctx, learnerId, 'review');
  const [ref] = await repo.competencyRefs(deps.db, ctx.establishmentId, [competencyId]);
  if (!ref) throw notFound('passport.unknown_competency');
  await repo.insertBlock(deps.db, {
    id: newId(),
    establishment_id: ctx.establishmentId,
    learner_id: learnerId,
    competency_id: competencyId,
    teacher_id: ctx.actor.id,
    blocked_at: nowIso(ctx.at),
  });
  return { blocked: presentBlocked(await repo.blockedOf(deps.db, ctx.establishmentId, learnerId)) };
}

export async function unblockCompetency(deps: Deps, ctx: RequestContext, learnerId: string, competencyId: string): Promise<void> {
  await passportOf(deps, ctx, learnerId, 'review');
  await repo.deleteBlock(deps.db, ctx.establishmentId, learnerId, competencyId);
}

/** The teacher's divisions this school year, with the learners they teach in each (administrators: all). */
export async function passportClasses(deps: Deps, ctx: RequestContext): Promise<PassportClasses> {
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  const isAdmin = ctx.actor.profiles.includes('administrator');
  const taught = isAdmin ? null : new Set(await learnersTaughtBy(deps.db, { establishmentId: ctx.establishmentId, schoolYear }, ctx.actor.id));
  const divisions = await repo.divisionsOf(deps.db, ctx.establishmentId, schoolYear, isAdmin ? null : ctx.actor.id);
  const classes = [];
  for (const d of divisions) {
    const learners = await repo.learnersOfDivision(deps.db, ctx.establishmentId, schoolYear, d.id);
    classes.push({
      id: d.id,
      code: d.code,
      label: d.label,
      learners: learners
        .filter((l) => !taught || taught.has(l.id))
        .map((l) => ({ id: l.id, login: l.login, lastName: l.last_name, firstName: l.first_name, situationCount: Number(l.situation_count ?? 0) })),
    });
  }
  return { classes };
}

/** The learners of a division whose passports this actor may read (for the class ZIP); 404 when none. */
export async function divisionLearners(deps: Deps, ctx: RequestContext, divisionId: string) {
  const { classes } = await passportClasses(deps, ctx);
  const division = classes.find((c) => c.id === divisionId);
  if (!division || division.learners.length === 0) throw notFound();
  return division;
}

/** A parent's children, whose passports they read (guide: read-only). */
export async function passportChildren(deps: Deps, ctx: RequestContext) {
  const rows = await childrenOf(deps.db, ctx.establishmentId, ctx.actor.id);
  return { children: rows.map((c) => ({ id: c.id, login: c.login, lastName: c.last_name, firstName: c.first_name })) };
}
