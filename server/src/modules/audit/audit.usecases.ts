import { auditActionLabel, type AuditEntryDto, type AuditListResponse, type AuditQuerySchema } from '@cerise/common';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import type { RequestContext } from '../../context.ts';
import * as repo from './audit.query.repository.ts';

/** A day (`aaaa-mm-jj`, UTC) or an instant, as an ISO UTC bound; `endOfDay` moves a day to the next midnight. */
export function toBound(value: string | undefined, endOfDay: boolean): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T00:00:00.000Z`);
    if (endOfDay) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString();
  }
  return new Date(value).toISOString();
}

function parseDetails(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { raw: json };
  }
}

export function presentAuditRow(r: repo.AuditListRow): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    actionLabel: auditActionLabel(r.action),
    actor: r.actor_id ? { id: r.actor_id, login: r.actor_login, lastName: r.actor_last_name, firstName: r.actor_first_name } : null,
    target: r.target_type
      ? {
          type: r.target_type,
          id: r.target_id,
          person: r.target_type === 'user' && r.target_id && r.target_login !== null
            ? { id: r.target_id, login: r.target_login, lastName: r.target_last_name, firstName: r.target_first_name }
            : null,
        }
      : null,
    details: parseDetails(r.details),
    ip: r.ip,
  };
}

/** The administrative actions of the establishment, newest first. */
export async function listAuditEntries(deps: Deps, ctx: RequestContext, query: z.output<typeof AuditQuerySchema>): Promise<AuditListResponse> {
  const filter: repo.AuditFilter = {
    establishmentId: ctx.establishmentId,
    from: toBound(query.from, false),
    to: toBound(query.to, true),
    userId: query.userId,
    action: query.action,
    includeSignIns: query.includeSignIns,
  };
  const [total, rows] = await Promise.all([
    repo.countAudit(deps.db, filter),
    repo.listAudit(deps.db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
  ]);
  return { items: rows.map(presentAuditRow), total, page: query.page, pageSize: query.pageSize };
}
