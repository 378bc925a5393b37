import type { Profile, ReferentialListResponse, ReferentialTree } from '@cerise/common';
import { expect } from 'vitest';
import { DEFAULT_PASSWORD, makeEstablishment, makeUser } from '../../../test/factories.ts';
import { TestClient, type TestContext } from '../../../test/harness.ts';
import { newId, nowIso } from '../../util/ids.ts';

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

/**
 * Makes referential elements used, as the teaching modules will: a scenario (scenario_items) or an
 * evaluation (evaluation_items) choosing `complexityIds` and `hazardIds` of a competency. Rows
 * are inserted directly, so these tests do not depend on those modules.
 */
export async function useItems(
  ctx: TestContext,
  est: Establishment,
  competencyId: string,
  chosen: { complexityIds?: string[]; hazardIds?: string[] },
  where: 'scenario' | 'evaluation' = 'scenario',
): Promise<void> {
  const author = await makeUser(ctx.deps, est.id, { profiles: ['teacher'] });
  const at = nowIso(ctx.deps.now());
  const ownerId = newId();
  const linkId = newId();
  if (where === 'scenario') {
    await ctx.db
      .insertInto('scenarios')
      .values({ id: ownerId, establishment_id: est.id, author_id: author.id, title: 'Scénario', is_private: 0, level: null, context: '', materials: '', links: '[]', resources: '', created_at: at, updated_at: at, version: 1 })
      .execute();
    await ctx.db.insertInto('scenario_competencies').values({ id: linkId, establishment_id: est.id, scenario_id: ownerId, competency_id: competencyId, position: 1 }).execute();
  } else {
    await ctx.db
      .insertInto('evaluations')
      .values({ id: ownerId, establishment_id: est.id, author_id: author.id, scenario_id: null, title: 'Évaluation', evaluated_on: '2026-11-20', school_year: '2026-2027', is_visible: 0, created_at: at, updated_at: at, version: 1 })
      .execute();
    await ctx.db.insertInto('evaluation_competencies').values({ id: linkId, establishment_id: est.id, evaluation_id: ownerId, competency_id: competencyId, position: 1 }).execute();
  }
  const rows = [
    ...(chosen.complexityIds ?? []).map((id) => ({ complexity_id: id, hazard_id: null })),
    ...(chosen.hazardIds ?? []).map((id) => ({ complexity_id: null, hazard_id: id })),
  ].map((r) => ({ id: newId(), establishment_id: est.id, owner_id: linkId, ...r }));
  if (rows.length > 0) await ctx.db.insertInto(where === 'scenario' ? 'scenario_items' : 'evaluation_items').values(rows).execute();
}
