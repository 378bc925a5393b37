import crypto from 'node:crypto';
import type { DashboardFilter, SaveDashboardFilterRequest, UpdateDashboardFilterRequest } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import * as repo from './dashboard.filters.repository.ts';

/*
 * A teacher's saved filters (docs/guide.md § 3.8.2: « Créer un filtre », « Modifier le filtre »,
 * « Supprimer le filtre »). A filter belongs to its author: anyone else gets 404. The version is a
 * digest of the saved content, so a save from a stale screen is refused with 409.
 */

const versionOf = (f: { name: string; updated_at: string }, competencyIds: readonly string[]) =>
  crypto.createHash('sha256').update(JSON.stringify([f.name, f.updated_at, competencyIds])).digest('base64url').slice(0, 22);

const present = (f: { id: string; name: string; updated_at: string }, competencyIds: string[]): DashboardFilter => ({
  id: f.id,
  name: f.name,
  competencyIds,
  version: versionOf(f, competencyIds),
});

export async function listFilters(deps: Deps, ctx: RequestContext) {
  const rows = await repo.listFilters(deps.db, ctx.establishmentId, ctx.actor.id);
  return { filters: rows.map((f) => present(f, f.competencyIds)) };
}

async function checkContent(deps: Deps, ctx: RequestContext, body: SaveDashboardFilterRequest, exceptId?: string) {
  const ids = [...new Set(body.competencyIds)];
  if ((await repo.countKnownCompetencies(deps.db, ctx.establishmentId, ids)) !== ids.length) throw badRequest('dashboard.unknown_competency');
  if (await repo.nameTaken(deps.db, ctx.establishmentId, ctx.actor.id, body.name, exceptId)) throw conflict('dashboard.filter_name_taken');
  return ids;
}

export async function createFilter(deps: Deps, ctx: RequestContext, body: SaveDashboardFilterRequest): Promise<DashboardFilter> {
  const ids = await checkContent(deps, ctx, body);
  const at = nowIso(ctx.at);
  const id = await repo.inTransaction(deps.db, (tx) => repo.insertFilter(tx, { establishmentId: ctx.establishmentId, ownerId: ctx.actor.id, name: body.name, competencyIds: ids, at }));
  return present({ id, name: body.name, updated_at: at }, ids);
}

export async function updateFilter(deps: Deps, ctx: RequestContext, filterId: string, body: UpdateDashboardFilterRequest): Promise<DashboardFilter> {
  if (!(await repo.findOwnFilter(deps.db, ctx.establishmentId, ctx.actor.id, filterId))) throw notFound('dashboard.filter_not_found');
  const ids = await checkContent(deps, ctx, body, filterId);
  const at = nowIso(ctx.at);
  return repo.inTransaction(deps.db, async (tx) => {
    const current = await repo.findOwnFilter(tx, ctx.establishmentId, ctx.actor.id, filterId);
    if (!current) throw notFound('dashboard.filter_not_found');
    if (versionOf(current, await repo.listFilterCompetencies(tx, ctx.establishmentId, filterId)) !== body.version) throw conflict('dashboard.version_conflict');
    // The same instant twice (a frozen clock, two saves in one millisecond) must still change the version.
    const stamp = at === current.updated_at ? nowIso(new Date(Date.parse(at) + 1)) : at;
    await repo.updateFilter(tx, { establishmentId: ctx.establishmentId, ownerId: ctx.actor.id, id: filterId, name: body.name, competencyIds: ids, at: stamp });
    return present({ id: filterId, name: body.name, updated_at: stamp }, ids);
  });
}

export async function deleteFilter(deps: Deps, ctx: RequestContext, filterId: string): Promise<void> {
  const deleted = await repo.inTransaction(deps.db, (tx) => repo.deleteFilter(tx, ctx.establishmentId, ctx.actor.id, filterId));
  if (!deleted) throw notFound('dashboard.filter_not_found');
}
