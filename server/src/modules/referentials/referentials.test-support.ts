import type { Profile, ReferentialListResponse, ReferentialTree } from '@cerise/common';
import { expect } from 'vitest';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { TestClient, type TestContext } from '../../../test/harness.ts';

/** Shared by the referential module's database tests (not a test file itself). */

export type Establishment = { id: string; uai: string };

export async function signIn(ctx: TestContext, est: Establishment, profiles: Profile[]): Promise<TestClient> {
  const user = await makeUser(ctx.deps, est.id, { profiles });
  const client = new TestClient(ctx.app);
  await client.login(est.uai, user.login, DEFAULT_PASSWORD);
  return client;
}

/** An establishment with the default referential, and an administrator signed in. */
export async function schoolWithAdmin(ctx: TestContext): Promise<{ est: Establishment; admin: TestClient; referentialId: string }> {
  const est = await makeEstablishment(ctx.deps, { withReferential: true });
  const admin = await signIn(ctx, est, ['administrator']);
  const list = (await admin.get('/api/v1/referentials')).json<ReferentialListResponse>();
  expect(list.referentials).toHaveLength(1);
  return { est, admin, referentialId: list.referentials[0]!.id };
}

export async function getTree(client: TestClient, referentialId: string): Promise<ReferentialTree> {
  const res = await client.get(`/api/v1/referentials/${referentialId}/tree`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ReferentialTree>();
}

export function competenciesOf(tree: ReferentialTree) {
  return tree.poles.flatMap((p) => p.classes.flatMap((c) => c.situations.flatMap((s) => s.competencies)));
}

export function competencyByCode(tree: ReferentialTree, code: string) {
  const k = competenciesOf(tree).find((c) => c.code === code);
  if (!k) throw new Error(`competency ${code} not in tree`);
  return k;
}

/** POST the import with a raw body, as the web application sends the file. */
export function postImport(client: TestClient, body: unknown, query = '') {
  return client.request({
    method: 'POST',
    url: `/api/v1/referentials/import${query}`,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
