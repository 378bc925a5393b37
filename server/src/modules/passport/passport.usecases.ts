import type { BepChoice, SituationDetail, SituationListResponse } from '@cerise/common';
import type { BepChoicesQuerySchema, SituationInputSchema, SituationListQuerySchema, SituationUpdateSchema } from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { collectUnusedFiles } from '../files/files.usecases.ts';
import { auditRead, passportOf, situationFor } from './passport.access.ts';
import { loadRelated, presentBlocked, presentDetail, presentSummary } from './passport.presenter.ts';
import * as repo from './passport.repository.ts';

/** The learner's side of the passport (docs/guide.md § 3.7): list, create, modify, delete. */

export async function listSituations(deps: Deps, ctx: RequestContext, learnerId: string, q: z.output<typeof SituationListQuerySchema>): Promise<SituationListResponse> {
  const learner = await passportOf(deps, ctx, learnerId, 'read');
  const digits = (s: string | undefined) => (s ?? '').replace(/\D/g, '');
  const competency = q.competency?.trim() ?? '';
  const filter: repo.ListFilter = {
    establishmentId: ctx.establishmentId,
    learnerId,
    title: q.title?.trim() || undefined,
    dateDigits: digits(q.date) || undefined,
    competencyWords: competency || undefined,
    competencyDigits: /^[cC]?[\d.\s]+$/.test(competency) ? digits(competency) || undefined : undefined,
  };
  const [total, rows] = await Promise.all([
    repo.countSituations(deps.db, filter),
    repo.listSituations(deps.db, filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
  ]);
  const rel = await loadRelated(deps.db, ctx.establishmentId, learnerId, rows);
  await auditRead(deps.db, ctx, learnerId, 'list');
  return {
    learner: { id: learner.id, login: learner.login, lastName: learner.last_name, firstName: learner.first_name },
    items: rows.map((r) => presentSummary(r, rel)),
    total,
    page: q.page,
    pageSize: q.pageSize,
    blocked: presentBlocked(rel.blocked),
  };
}

export async function detailOf(db: DbOrTx, establishmentId: string, id: string, learner: { id: string; login: string; last_name: string; first_name: string }): Promise<SituationDetail> {
  const row = await repo.findSituation(db, establishmentId, id);
  if (!row) throw notFound('passport.not_found');
  return presentDetail(row, await loadRelated(db, establishmentId, learner.id, [row]), learner);
}

export async function getSituation(deps: Deps, ctx: RequestContext, id: string): Promise<SituationDetail> {
  const { row, learner } = await situationFor(deps, ctx, id, 'read');
  await auditRead(deps.db, ctx, learner.id, 'situation', { situationId: row.id });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

type Input = z.output<typeof SituationInputSchema>;

/** The competency exists, is not blocked for this learner (when newly chosen), and the items and BEP activity fit. */
async function checkInput(db: DbOrTx, ctx: RequestContext, learnerId: string, input: Input, previousCompetencyId: string | null) {
  const [ref] = await repo.competencyRefs(db, ctx.establishmentId, [input.competencyId]);
  if (!ref) throw badRequest('passport.unknown_competency');
  if (input.competencyId !== previousCompetencyId && (await repo.isBlocked(db, ctx.establishmentId, learnerId, input.competencyId))) {
    throw conflict('passport.competency_blocked');
  }
  await checkItems(db, input.competencyId, input);
  if (input.bepActivityId && !(await repo.findBepActivity(db, ctx.establishmentId, input.bepActivityId))) throw badRequest('passport.unknown_bep_activity');
}

export async function checkItems(db: DbOrTx, competencyId: string, items: { complexityIds: string[]; hazardIds: string[] }) {
  const allowed = await repo.competencyItemIds(db, competencyId);
  const ok = (chosen: string[], known: string[]) => chosen.every((id) => known.includes(id)) && new Set(chosen).size === chosen.length;
  if (!ok(items.complexityIds, allowed.complexityIds) || !ok(items.hazardIds, allowed.hazardIds)) throw badRequest('passport.unknown_item');
}

const contentOf = (i: Input) => ({
  title: i.title,
  occurred_on: i.occurredOn,
  place: i.place,
  context: i.context,
  conditions: i.conditions,
  competency_id: i.competencyId,
  done_text: i.doneText,
  produced_text: i.producedText,
  analysis_text: i.analysisText,
  usage_text: i.usageText,
  bep_activity_id: i.bepActivityId,
  bep_text: i.bepText,
});

export async function createSituation(deps: Deps, ctx: RequestContext, input: Input): Promise<SituationDetail> {
  const learner = await passportOf(deps, ctx, ctx.actor.id, 'write');
  const at = nowIso(ctx.at);
  const id = newId();
  await inTransaction(deps.db, async (tx) => {
    await checkInput(tx, ctx, learner.id, input, null);
    await repo.insertSituation(tx, { id, establishment_id: ctx.establishmentId, learner_id: learner.id, ...contentOf(input), content_changed_at: at, created_at: at, updated_at: at, version: 1 });
    await repo.replaceItems(tx, ctx.establishmentId, id, input, newId);
  });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

export async function updateSituation(deps: Deps, ctx: RequestContext, id: string, input: z.output<typeof SituationUpdateSchema>): Promise<SituationDetail> {
  const { row, learner } = await situationFor(deps, ctx, id, 'write');
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    await checkInput(tx, ctx, learner.id, input, row.competency_id);
    const content = contentOf(input);
    const before = await repo.itemsOf(tx, [id]);
    const sameItems =
      JSON.stringify(before.flatMap((i) => (i.complexity_id ? [i.complexity_id] : [])).sort()) === JSON.stringify([...input.complexityIds].sort()) &&
      JSON.stringify(before.flatMap((i) => (i.hazard_id ? [i.hazard_id] : [])).sort()) === JSON.stringify([...input.hazardIds].sort());
    const changed = !sameItems || (Object.keys(content) as (keyof typeof content)[]).some((k) => content[k] !== row[k]);
    const ok = await repo.updateSituation(tx, ctx.establishmentId, id, input.version, { ...content, updated_at: at, ...(changed ? { content_changed_at: at } : {}) });
    if (!ok) throw versionConflict(row.version);
    if (!sameItems) await repo.replaceItems(tx, ctx.establishmentId, id, input, newId);
  });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

export const versionConflict = (currentVersion: number) => conflict('passport.version_conflict', undefined, { currentVersion });

export async function deleteSituation(deps: Deps, ctx: RequestContext, id: string, version: number): Promise<void> {
  const { row } = await situationFor(deps, ctx, id, 'write');
  const removal = await inTransaction(deps.db, async (tx) => {
    const fileIds = await repo.situationFileIds(tx, id);
    if (!(await repo.deleteSituation(tx, ctx.establishmentId, id, version))) throw versionConflict(row.version);
    return collectUnusedFiles(tx, ctx.establishmentId, fileIds);
  });
  await removal.removeBytes(deps);
}

/**
 * The BEP MSA prompt (docs/guide.md § 3.7.2): all activities of the competency's referential; those
 * the referential links to the competency's situation (an inference) come first.
 */
export async function bepChoices(deps: Deps, ctx: RequestContext, q: z.output<typeof BepChoicesQuerySchema>): Promise<{ suggestedCount: number; items: BepChoice[] }> {
  const [ref] = await repo.competencyRefs(deps.db, ctx.establishmentId, [q.competencyId]);
  if (!ref) throw notFound('passport.unknown_competency');
  const activities = await repo.bepActivities(deps.db, ctx.establishmentId, ref.referential_id);
  const items = activities.map((a) => {
    let codes: unknown = [];
    try {
      codes = JSON.parse(a.suggested_situation_codes);
    } catch {
      codes = [];
    }
    const suggested = Array.isArray(codes) && codes.includes(ref.situation_code);
    return { id: a.id, code: a.code, label: a.label, domain: a.domain, details: a.details, suggested };
  });
  const ordered = [...items.filter((i) => i.suggested), ...items.filter((i) => !i.suggested)];
  return { suggestedCount: items.filter((i) => i.suggested).length, items: ordered };
}
