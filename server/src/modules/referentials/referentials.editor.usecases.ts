import {
  labelKey,
  MAX_ITEMS_PER_LIST,
  type AddCompetencyItemRequest,
  type Competency,
  type CompetencyItemList,
  type ReorderCompetencyItemsRequest,
  type UpdateCompetencyItemRequest,
  type UpdateCompetencyRequest,
} from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import type { CompetenciesTable, CompetencyItemsTable } from '../../db/tables/referentials.ts';
import type { Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertCanEditReferentials } from './referentials.policy.ts';
import * as repo from './referentials.repository.ts';
import { countItemsInUse, describeUses, type CompetencyItemKind } from './referentials.usage.ts';
import { loadCompetency, requireReferential } from './referentials.usecases.ts';

/**
 * The referential editor (administrators): complexities and hazards of a competency, and its
 * « à compléter » mark. Every edit sends the competency's version as read; a stale one gets
 * 409 `referentials.version_conflict` with the current version, never a silent overwrite.
 */

export const ITEM_KIND: Record<CompetencyItemList, CompetencyItemKind> = { complexities: 'complexity', hazards: 'hazard' };

type Target = { referentialId: string; competencyId: string };
type EditContext = { tx: Tx; competency: CompetenciesTable; at: string };
type AuditNote = { action: string; details: Record<string, unknown> };

/** Runs one edit in a transaction: 404, version check, the change, version bumps, audit. */
async function editCompetency(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  version: number,
  change: (edit: EditContext) => Promise<AuditNote>,
): Promise<Competency> {
  const user = ctx.actor;
  assertCanEditReferentials(user);
  const establishmentId = user.establishmentId;
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    await requireReferential(tx, establishmentId, target.referentialId);
    const competency = await repo.findCompetency(tx, establishmentId, target.referentialId, target.competencyId);
    if (!competency) throw notFound('referentials.competency_not_found');
    const versionConflict = (current: number) =>
      conflict('referentials.version_conflict', undefined, { currentVersion: current, sentVersion: version });
    if (competency.version !== version) throw versionConflict(competency.version);
    if (!(await repo.bumpCompetencyVersion(tx, establishmentId, competency.id, version, at))) {
      const now = await repo.findCompetency(tx, establishmentId, target.referentialId, target.competencyId);
      throw versionConflict(now?.version ?? version + 1);
    }
    const note = await change({ tx, competency, at });
    await repo.bumpReferentialVersion(tx, establishmentId, target.referentialId, at);
    await recordAudit(tx, {
      establishmentId,
      actorId: user.id,
      action: note.action,
      targetType: 'competency',
      targetId: competency.id,
      details: { referentialId: target.referentialId, competencyCode: competency.code, ...note.details },
      ip: ctx.ip,
      at,
    });
    return loadCompetency(tx, establishmentId, target.referentialId, competency.id);
  });
}

/** Writes positions 1…n in the given order, touching only rows whose position changes. */
async function writeOrder(edit: EditContext, list: CompetencyItemList, establishmentId: string, ordered: readonly CompetencyItemsTable[]) {
  for (const [i, item] of ordered.entries()) {
    if (item.position !== i + 1) await repo.updateItem(edit.tx, list, establishmentId, item.id, { position: i + 1 });
  }
}

function assertNoDuplicate(items: readonly CompetencyItemsTable[], label: string, exceptId?: string): void {
  const key = labelKey(label);
  if (items.some((i) => i.id !== exceptId && labelKey(i.label) === key)) throw conflict('referentials.duplicate_item');
}

function requireItem(items: readonly CompetencyItemsTable[], itemId: string): CompetencyItemsTable {
  const item = items.find((i) => i.id === itemId);
  if (!item) throw notFound('referentials.item_not_found');
  return item;
}

export async function addItem(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  list: CompetencyItemList,
  input: AddCompetencyItemRequest,
): Promise<Competency> {
  return editCompetency(deps, ctx, target, input.version, async (edit) => {
    const est = ctx.actor.establishmentId;
    const items = await repo.listCompetencyItems(edit.tx, list, est, edit.competency.id);
    if (items.length >= MAX_ITEMS_PER_LIST) throw conflict('referentials.too_many_items');
    assertNoDuplicate(items, input.label);
    const position = Math.min(input.position ?? items.length + 1, items.length + 1);
    const item: CompetencyItemsTable = { id: newId(), establishment_id: est, competency_id: edit.competency.id, position, label: input.label };
    const ordered = [...items];
    ordered.splice(position - 1, 0, item);
    // The new item already sits at its index, so only the ones after it move.
    await writeOrder(edit, list, est, ordered);
    await repo.insertItems(edit.tx, list, [item]);
    return { action: `referentials.${ITEM_KIND[list]}_added`, details: { itemId: item.id, label: item.label, position } };
  });
}

export async function renameItem(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  list: CompetencyItemList,
  itemId: string,
  input: UpdateCompetencyItemRequest,
): Promise<Competency> {
  return editCompetency(deps, ctx, target, input.version, async (edit) => {
    const items = await repo.listCompetencyItems(edit.tx, list, ctx.actor.establishmentId, edit.competency.id);
    const item = requireItem(items, itemId);
    assertNoDuplicate(items, input.label, item.id);
    await repo.updateItem(edit.tx, list, ctx.actor.establishmentId, item.id, { label: input.label });
    return { action: `referentials.${ITEM_KIND[list]}_renamed`, details: { itemId, from: item.label, to: input.label } };
  });
}

export async function reorderItems(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  list: CompetencyItemList,
  input: ReorderCompetencyItemsRequest,
): Promise<Competency> {
  return editCompetency(deps, ctx, target, input.version, async (edit) => {
    const items = await repo.listCompetencyItems(edit.tx, list, ctx.actor.establishmentId, edit.competency.id);
    const byId = new Map(items.map((i) => [i.id, i]));
    const isPermutation = input.ids.length === items.length && new Set(input.ids).size === items.length && input.ids.every((id) => byId.has(id));
    if (!isPermutation) throw badRequest('referentials.invalid_order');
    await writeOrder(edit, list, ctx.actor.establishmentId, input.ids.map((id) => byId.get(id)!));
    return { action: `referentials.${list}_reordered`, details: { ids: input.ids } };
  });
}

/** Deletes an item nobody uses (409 `referentials.item_in_use` otherwise); the others close up. */
export async function deleteItem(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  list: CompetencyItemList,
  itemId: string,
  version: number,
): Promise<Competency> {
  return editCompetency(deps, ctx, target, version, async (edit) => {
    const est = ctx.actor.establishmentId;
    const items = await repo.listCompetencyItems(edit.tx, list, est, edit.competency.id);
    const item = requireItem(items, itemId);
    const uses = (await countItemsInUse(edit.tx, est, ITEM_KIND[list], [item.id])).get(item.id);
    if (uses) {
      const what = list === 'complexities' ? 'Cette complexité est utilisée' : 'Cet aléa est utilisé';
      const pronoun = list === 'complexities' ? 'elle ne peut pas être supprimée, mais vous pouvez la renommer' : 'il ne peut pas être supprimé, mais vous pouvez le renommer';
      throw conflict('referentials.item_in_use', `${what} ${describeUses(uses)} : ${pronoun}.`, { uses: uses.total, by: uses.by });
    }
    await repo.deleteItems(edit.tx, list, est, [item.id]);
    await writeOrder(edit, list, est, items.filter((i) => i.id !== item.id));
    return { action: `referentials.${ITEM_KIND[list]}_deleted`, details: { itemId, label: item.label } };
  });
}

/** Marks or unmarks a competency « à compléter ». */
export async function updateCompetency(
  deps: Deps,
  ctx: RequestContext,
  target: Target,
  input: UpdateCompetencyRequest,
): Promise<Competency> {
  return editCompetency(deps, ctx, target, input.version, async (edit) => {
    await repo.setCompetencyToComplete(edit.tx, ctx.actor.establishmentId, edit.competency.id, input.toComplete);
    return {
      action: 'referentials.competency_updated',
      details: { toComplete: { from: edit.competency.to_complete === 1, to: input.toComplete } },
    };
  });
}
