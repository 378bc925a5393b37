import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findLearner } from '../relations/relations.repository.ts';
import { relationTo } from '../relations/relations.usecases.ts';
import { passportDecision, readIsAudited, type PassportAction } from './passport.policy.ts';
import * as repo from './passport.repository.ts';

/**
 * The learner whose passport this actor may read / write / review; 404 otherwise (existence of
 * a learner or a situation never leaks).
 */
export async function passportOf(deps: Deps, ctx: RequestContext, learnerId: string, action: PassportAction, code = 'common.not_found') {
  const learner = await findLearner(deps.db, ctx.establishmentId, learnerId);
  if (!learner) throw notFound(code);
  const decision = passportDecision(ctx.actor, await relationTo(deps, ctx, learnerId), action);
  if (!decision.allowed) throw notFound(code);
  return learner;
}

/** A situation and its learner, when this actor may do `action` on it; 404 otherwise. */
export async function situationFor(deps: Deps, ctx: RequestContext, id: string, action: PassportAction) {
  const row = await repo.findSituation(deps.db, ctx.establishmentId, id);
  if (!row) throw notFound('passport.not_found');
  const learner = await passportOf(deps, ctx, row.learner_id, action, 'passport.not_found');
  return { row, learner };
}

export type ReadKind = 'list' | 'situation' | 'attachment' | 'extract';

/** One audit line per read of a learner's passport by someone other than the learner (RGPD). */
export async function auditRead(db: DbOrTx, ctx: RequestContext, learnerId: string, what: ReadKind, details: Record<string, unknown> = {}) {
  if (!readIsAudited(ctx.actor.id, learnerId)) return;
  await recordAudit(db, {
    establishmentId: ctx.establishmentId,
    actorId: ctx.actor.id,
    action: what === 'extract' ? 'passport.extract' : 'passport.read',
    targetType: 'user',
    targetId: learnerId,
    details: { what, ...details },
    ip: ctx.ip,
    at: nowIso(ctx.at),
  });
}
