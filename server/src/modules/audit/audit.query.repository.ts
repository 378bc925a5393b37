import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';

export type AuditFilter = {
  establishmentId: string;
  /** Inclusive lower bound, ISO UTC. */
  from?: string | undefined;
  /** Exclusive upper bound, ISO UTC. */
  to?: string | undefined;
  /** Done by or concerning this user. */
  userId?: string | undefined;
  /** Exact action, or a prefix when it ends with a dot. */
  action?: string | undefined;
  includeSignIns: boolean;
};

export const SIGN_IN_ACTIONS = ['auth.login', 'auth.logout', 'sso.login'];

function filtered(db: DbOrTx, f: AuditFilter) {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', (j) => j.onRef('actor.id', '=', 'audit_log.actor_id').onRef('actor.establishment_id', '=', 'audit_log.establishment_id'))
    .leftJoin('users as target', (j) =>
      j
        .onRef('target.id', '=', 'audit_log.target_id')
        .onRef('target.establishment_id', '=', 'audit_log.establishment_id')
        .on('audit_log.target_type', '=', 'user'),
    )
    .where('audit_log.establishment_id', '=', f.establishmentId);
  if (f.from) q = q.where('audit_log.at', '>=', f.from);
  if (f.to) q = q.where('audit_log.at', '<', f.to);
  if (f.userId) {
    const userId = f.userId;
    q = q.where((eb) =>
      eb.or([eb('audit_log.actor_id', '=', userId), eb.and([eb('audit_log.target_id', '=', userId), eb('audit_log.target_type', '=', 'user')])]),
    );
  }
  if (f.action) {
    q = f.action.endsWith('.')
      ? q.where(sql<string>`substr(audit_log.action, 1, ${f.action.length})`, '=', f.action)
      : q.where('audit_log.action', '=', f.action);
  }
  if (!f.includeSignIns) q = q.where('audit_log.action', 'not in', SIGN_IN_ACTIONS);
  return q;
}

export async function countAudit(db: DbOrTx, f: AuditFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toCount(row?.n);
}

export function listAudit(db: DbOrTx, f: AuditFilter, page: { limit: number; offset: number }) {
  return filtered(db, f)
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.actor_id',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
      'audit_log.ip',
      'actor.login as actor_login',
      'actor.last_name as actor_last_name',
      'actor.first_name as actor_first_name',
      'target.login as target_login',
      'target.last_name as target_last_name',
      'target.first_name as target_first_name',
    ])
    .orderBy('audit_log.at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type AuditListRow = Awaited<ReturnType<typeof listAudit>>[number];
