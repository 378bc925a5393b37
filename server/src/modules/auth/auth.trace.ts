import type { AnonymousContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { lockStarted, type Reservation } from './auth.throttle.ts';

/**
 * A failed login goes to the server log (info) and, when it names an account of an
 * establishment, to its Journal des actions with the address; so does the lock it starts.
 */
export async function traceFailure(
  deps: Deps,
  ctx: AnonymousContext,
  f: { establishmentId: string | null; userId: string | null; login: string; reservation: Reservation },
): Promise<void> {
  const at = nowIso(ctx.at);
  const lock = lockStarted(f.reservation);
  deps.log.info({ event: 'auth.login_failed', establishmentId: f.establishmentId, login: f.login, ip: ctx.ip }, 'login failed');
  if (lock) deps.log.info({ event: 'auth.login_locked', establishmentId: f.establishmentId, login: f.login, ip: ctx.ip, scope: lock }, 'login locked');
  if (!f.establishmentId || !f.userId) return;
  const base = { establishmentId: f.establishmentId, actorId: null, targetType: 'user', targetId: f.userId, ip: ctx.ip, at };
  await recordAudit(deps.db, { ...base, action: 'auth.login_failed', details: { login: f.login } });
  if (lock) {
    await recordAudit(deps.db, { ...base, action: 'auth.login_locked', details: { login: f.login, scope: lock } });
  }
}
