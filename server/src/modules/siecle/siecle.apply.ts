import type { Engine, Tx } from '../../db/schema.ts';
import { insertAccounts, updateAccount } from '../users/accounts.repository.ts';
import type { ImportPlan } from './siecle.plan.ts';
import * as repo from './siecle.repository.ts';

/** Writes a plan. The caller holds the transaction: everything or nothing. */
export async function applyPlan(
  tx: Tx,
  plan: ImportPlan,
  ctx: { establishmentId: string; establishmentName: string; loginUrl: string; at: string; engine: Engine },
): Promise<number> {
  await repo.insertDivisions(tx, ctx.engine, plan.newDivisions);
  await repo.insertGroups(tx, ctx.engine, plan.newGroups);
  for (const u of plan.structureUpdates) await repo.updateStructure(tx, u.table, u.id, { label: u.label, hidden_at: null });
  await insertAccounts(tx, plan.newUsers, ctx.engine);
  for (const u of plan.userUpdates) {
    const { id: _id, establishment_id: _est, version: _version, ...set } = u.set;
    await updateAccount(tx, ctx.establishmentId, u.id, { ...set, updated_at: ctx.at });
  }
  await repo.hideUsers(tx, plan.hiddenUserIds, ctx.at);
  await repo.replaceMemberships(tx, ctx.engine, ctx.establishmentId, plan.schoolYear, plan.memberships.owners, plan.memberships.rows);
  await repo.replaceTeachings(tx, ctx.engine, ctx.establishmentId, plan.schoolYear, plan.teachings.owners, plan.teachings.rows);
  await repo.replaceGuardians(tx, ctx.engine, ctx.establishmentId, plan.guardians.owners, plan.guardians.rows);
  let mails = 0;
  if (plan.mails.length === 0) return mails;
  // Loaded only when there are mails to send (docs/performance.md: a command's start).
  const { queueCredentialMails } = await import('../mail/credential-mails.ts');
  for (const m of plan.mails) {
    mails += await queueCredentialMails(tx, {
      establishmentId: ctx.establishmentId,
      establishmentName: ctx.establishmentName,
      to: m.to,
      loginUrl: ctx.loginUrl,
      login: m.login,
      password: m.password,
      firstName: m.firstName,
      lastName: m.lastName,
      at: ctx.at,
    });
  }
  return mails;
}
