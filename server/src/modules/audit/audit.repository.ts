import type { DbOrTx } from '../../db/schema.ts';
import { newId } from '../../util/ids.ts';

export type AuditEntry = {
  establishmentId: string | null;
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
  at: string;
};

/** Appends to the audit log, in the caller's transaction. */
export async function recordAudit(db: DbOrTx, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      establishment_id: e.establishmentId,
      actor_id: e.actorId,
      action: e.action,
      target_type: e.targetType ?? null,
      target_id: e.targetId ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
      ip: e.ip ?? null,
      at: e.at,
    })
    .execute();
}
