import { zipSync, strToU8 } from 'fflate';
import { parseSettings } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { profilesOf } from '../auth/auth.presenter.ts';
import * as repo from './privacy.repository.ts';

/**
 * RGPD right of access: a ZIP with everything held about one person, as JSON (the password
 * hash and secrets excluded), plus their attachments once modules store some.
 */
export async function exportPersonData(deps: Deps, ctx: RequestContext, userId: string): Promise<{ fileName: string; zip: Uint8Array }> {
  const { actor, ip } = ctx;
  const data = await repo.collectPersonData(deps.db, actor.establishmentId, userId);
  if (!data) throw notFound();
  const u = data.user;
  const person = {
    exportedAt: nowIso(ctx.at),
    account: {
      login: u.login,
      profiles: profilesOf(u),
      civility: u.civility,
      lastName: u.last_name,
      firstName: u.first_name,
      birthDate: u.birth_date,
      email: u.email,
      source: u.source,
      siecleId: u.external_id,
      nationalId: u.national_id,
      discipline: u.discipline,
      mustChangePassword: u.must_change_password === 1,
      hiddenAt: u.hidden_at,
      leftAt: u.left_at,
      lastLoginAt: u.last_login_at,
      createdAt: u.created_at,
      updatedAt: u.updated_at,
    },
    classes: data.memberships,
    teachings: data.teachings,
    children: data.children,
    parents: data.parents,
    mails: data.mails,
    passwordResets: data.resetTokens,
    auditLog: data.audit.map((a) => ({ ...a, details: a.details ? (JSON.parse(a.details) as unknown) : null })),
  };
  const zip = zipSync({
    'donnees.json': strToU8(JSON.stringify(person, null, 2)),
    'LISEZMOI.txt': strToU8(
      `Données personnelles de ${u.first_name} ${u.last_name} (${u.login}) détenues par Cerise Pro, exportées le ${person.exportedAt}.\r\n` +
        'donnees.json : compte, classes, enseignements, liens parents-enfants, courriels envoyés, journal des actions.\r\n' +
        'Les mots de passe ne sont jamais exportés (seule une empreinte est conservée).\r\n',
    ),
  });
  await recordAudit(deps.db, { establishmentId: actor.establishmentId, actorId: actor.id, action: 'privacy.export', targetType: 'user', targetId: userId, ip, at: nowIso(ctx.at) });
  return { fileName: `donnees-${u.login}.zip`, zip };
}

/**
 * Retention (Paramètres: `retentionDaysAfterLeaving`): deletes, for good, people who left more
 * than N days ago. Default null: kept, as the guide says. Returns what was (or would be) deleted.
 */
export async function purgeDeparted(deps: Deps, opts: { dryRun: boolean }): Promise<{ uai: string; logins: string[] }[]> {
  const out: { uai: string; logins: string[] }[] = [];
  for (const est of await repo.listEstablishmentsWithSettings(deps.db)) {
    const days = parseSettings(est.settings).retentionDaysAfterLeaving;
    if (days === null) continue;
    const before = nowIso(new Date(deps.now().getTime() - days * 24 * 3600 * 1000));
    const gone = await repo.listDepartedBefore(deps.db, est.id, before);
    if (gone.length === 0) continue;
    out.push({ uai: est.uai, logins: gone.map((g) => g.login) });
    if (opts.dryRun) continue;
    await inTransaction(deps.db, async (tx) => {
      await repo.deleteUsers(tx, gone.map((g) => g.id));
      await recordAudit(tx, { establishmentId: est.id, actorId: null, action: 'privacy.retention_purge', details: { count: gone.length, retentionDays: days }, at: nowIso(deps.now()) });
    });
  }
  return out;
}
