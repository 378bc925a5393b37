import type { Competency, ReferentialListResponse, ReferentialTree } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import type { SessionUser } from '../auth/auth.presenter.ts';
import { presentCompetency, presentSummary, presentTree, treeEtag } from './referentials.presenter.ts';
import * as repo from './referentials.repository.ts';
import { countCompetenciesInUse, countItemsInUse, loadReferentialUsage, usageDigest } from './referentials.usage.ts';

/** Reading referentials: any signed-in user, always within their own establishment. */

export async function requireReferential(db: DbOrTx, establishmentId: string, referentialId: string) {
  const r = await repo.findReferential(db, establishmentId, referentialId);
  if (!r) throw notFound('referentials.not_found');
  return r;
}

export async function listReferentials(deps: Deps, user: SessionUser): Promise<ReferentialListResponse> {
  const [rows, counts] = await Promise.all([
    repo.listReferentials(deps.db, user.establishmentId),
    repo.countReferentialContents(deps.db, user.establishmentId),
  ]);
  return {
    referentials: rows.map((r) =>
      presentSummary(r, {
        poles: counts.poles.get(r.id) ?? 0,
        classes: counts.classes.get(r.id) ?? 0,
        situations: counts.situations.get(r.id) ?? 0,
        competencies: counts.competencies.get(r.id) ?? 0,
        toComplete: counts.toComplete.get(r.id) ?? 0,
        bepActivities: counts.bepActivities.get(r.id) ?? 0,
      }),
    ),
  };
}

const usageOf = (db: DbOrTx, establishmentId: string, rows: repo.TreeRows) =>
  loadReferentialUsage(db, establishmentId, {
    complexities: rows.complexities.map((i) => i.id),
    hazards: rows.hazards.map((i) => i.id),
    competencies: rows.competencies.map((k) => k.id),
    bepActivities: rows.bepActivities.map((a) => a.id),
  });

/**
 * The tree, each element with the number of its uses (`inUse`), and its ETag: the referential's
 * version and a digest of those uses.
 */
export async function getTree(deps: Deps, user: SessionUser, referentialId: string): Promise<{ tree: ReferentialTree; etag: string }> {
  const rows = await repo.loadTreeRows(deps.db, user.establishmentId, referentialId);
  if (!rows) throw notFound('referentials.not_found');
  const usage = await usageOf(deps.db, user.establishmentId, rows);
  return { tree: presentTree(rows, usage), etag: treeEtag(rows.referential.id, rows.referential.version, usageDigest(usage)) };
}

/** One competency with its lists, as the editor shows it (404 outside the establishment). */
export async function loadCompetency(db: DbOrTx, establishmentId: string, referentialId: string, competencyId: string): Promise<Competency> {
  const row = await repo.findCompetency(db, establishmentId, referentialId, competencyId);
  if (!row) throw notFound('referentials.competency_not_found');
  const [complexities, hazards] = await Promise.all([
    repo.listCompetencyItems(db, 'complexities', establishmentId, competencyId),
    repo.listCompetencyItems(db, 'hazards', establishmentId, competencyId),
  ]);
  const usage = {
    complexities: await countItemsInUse(db, establishmentId, 'complexity', complexities.map((i) => i.id)),
    hazards: await countItemsInUse(db, establishmentId, 'hazard', hazards.map((i) => i.id)),
    competencies: await countCompetenciesInUse(db, establishmentId, [row.id]),
  };
  return presentCompetency(row, complexities, hazards, usage);
}

export async function getCompetency(deps: Deps, user: SessionUser, referentialId: string, competencyId: string): Promise<Competency> {
  await requireReferential(deps.db, user.establishmentId, referentialId);
  return loadCompetency(deps.db, user.establishmentId, referentialId, competencyId);
}
