import crypto from 'node:crypto';
import { hashToken } from '../src/modules/auth/auth.usecases.ts';
import { insertSession } from '../src/modules/auth/auth.repository.ts';
import { nowIso } from '../src/util/ids.ts';
import { TestClient, type TestContext } from './harness.ts';

/** A client signed in as the user, without spending an argon2 verification (for large matrices). */
export async function clientFor(ctx: TestContext, user: { id: string; establishment_id: string }): Promise<TestClient> {
  const token = crypto.randomBytes(32).toString('base64url');
  const now = ctx.deps.now();
  await insertSession(ctx.db, {
    id: hashToken(token),
    userId: user.id,
    establishmentId: user.establishment_id,
    now: nowIso(now),
    expiresAt: nowIso(new Date(now.getTime() + 3600_000)),
    ip: null,
    userAgent: null,
  });
  const client = new TestClient(ctx.app);
  client.cookie = `cerise_sid=${token}`;
  return client;
}
