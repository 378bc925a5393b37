import type { ExternalIdentity, IdentityRule, LinkIdentityRequest } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { Deps } from '../../deps.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { presentIdentity } from './sso.presenter.ts';
import * as repo from './sso.repository.ts';

/*
 * The ENT identifiers of one account, on its page in Gestion des utilisateurs (docs/sso.md « Lier
 * à la main »): list, link by hand, « copier l'identifiant comme identifiant ENT », unlink.
 * Administrators only; an account or provider of another establishment is not found.
 */

async function accountOr404(db: DbOrTx, ctx: RequestContext, userId: string) {
  const account = await repo.accountById(db, ctx.establishmentId, userId);
  if (!account) throw notFound('users.not_found');
  return account;
}

export async function listIdentities(deps: Deps, ctx: RequestContext, userId: string): Promise<{ identities: ExternalIdentity[] }> {
  await accountOr404(deps.db, ctx, userId);
  const rows = await repo.listIdentitiesOfUser(deps.db, ctx.establishmentId, userId);
  const linkerIds = [...new Set(rows.map((r) => r.linked_by_user_id).filter((id): id is string => id !== null))];
  const linkers = new Map((await repo.accountsByIds(deps.db, linkerIds)).filter((a) => a.establishment_id === ctx.establishmentId).map((a) => [a.id, a]));
  return { identities: rows.map((r) => presentIdentity(r, linkers)) };
}

async function link(deps: Deps, ctx: RequestContext, userId: string, providerId: string, subject: string, rule: IdentityRule): Promise<{ identities: ExternalIdentity[] }> {
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    const account = await accountOr404(tx, ctx, userId);
    const provider = await repo.findProvider(tx, ctx.establishmentId, providerId);
    if (!provider) throw notFound('sso.provider_not_found');
    const taken = await repo.findIdentity(tx, providerId, subject);
    if (taken) throw conflict(taken.user_id === account.id ? 'sso.identity_exists' : 'sso.identity_taken');
    await repo.insertIdentity(tx, {
      id: newId(),
      establishment_id: ctx.establishmentId,
      user_id: account.id,
      provider_id: providerId,
      subject,
      rule,
      linked_by_user_id: ctx.actor.id,
      linked_at: at,
    });
    await recordAudit(tx, {
      establishmentId: ctx.establishmentId,
      actorId: ctx.actor.id,
      action: 'sso.linked',
      targetType: 'user',
      targetId: account.id,
      details: { provider: provider.label, providerId, subject, rule },
      ip: ctx.ip,
      at,
    });
  });
  return listIdentities(deps, ctx, userId);
}

export function linkIdentity(deps: Deps, ctx: RequestContext, userId: string, input: LinkIdentityRequest) {
  return link(deps, ctx, userId, input.providerId, input.subject.trim(), 'admin');
}

/** « Copier l'identifiant comme identifiant ENT »: the account's login becomes its subject for that provider. */
export async function copyLoginAsIdentity(deps: Deps, ctx: RequestContext, userId: string, providerId: string) {
  const account = await accountOr404(deps.db, ctx, userId);
  return link(deps, ctx, userId, providerId, account.login, 'copy_login');
}

export async function unlinkIdentity(deps: Deps, ctx: RequestContext, userId: string, identityId: string): Promise<void> {
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    await accountOr404(tx, ctx, userId);
    const identity = await repo.findIdentityById(tx, ctx.establishmentId, identityId);
    if (!identity || identity.user_id !== userId) throw notFound('sso.identity_not_found');
    const provider = await repo.findProvider(tx, ctx.establishmentId, identity.provider_id);
    await repo.deleteIdentity(tx, ctx.establishmentId, identityId);
    await recordAudit(tx, {
      establishmentId: ctx.establishmentId,
      actorId: ctx.actor.id,
      action: 'sso.unlinked',
      targetType: 'user',
      targetId: userId,
      details: { provider: provider?.label ?? null, providerId: identity.provider_id, subject: identity.subject, rule: identity.rule },
      ip: ctx.ip,
      at,
    });
  });
}
