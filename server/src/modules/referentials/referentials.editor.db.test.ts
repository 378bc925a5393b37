import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Competency } from '@cerise/common';
import { createTestApp, type TestClient, type TestContext } from '../../../test/harness.ts';
import { isComplexityUsed, isHazardUsed } from './referentials.lookup.ts';
import { competencyByCode, getTree, schoolWithAdmin, useItems, type Establishment } from './referentials.test-support.ts';

let ctx: TestContext;
let est: Establishment;
let admin: TestClient;
let referentialId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  ({ est, admin, referentialId } = await schoolWithAdmin(ctx));
});
afterAll(async () => {
  await ctx?.close();
});

const url = (k: { id: string }, rest = '') => `/api/v1/referentials/${referentialId}/competencies/${k.id}${rest}`;

async function competency(code: string): Promise<Competency> {
  return competencyByCode(await getTree(admin, referentialId), code);
}

async function ok(res: Promise<{ statusCode: number; body: string; json: <T>() => T }>, status = 200): Promise<Competency> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json<Competency>();
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);
const positions = (items: { position: number }[]) => items.map((i) => i.position);

describe('complexities and hazards', () => {
  it('adds at the end or at a position, keeping positions 1…n', async () => {
    let k = await competency('C121');
    expect(k.complexities).toEqual([]);
    k = await ok(admin.post(url(k, '/complexities'), { label: 'Deuxième', version: k.version }), 201);
    k = await ok(admin.post(url(k, '/complexities'), { label: 'Troisième', version: k.version }), 201);
    k = await ok(admin.post(url(k, '/complexities'), { label: 'Première', version: k.version, position: 1 }), 201);
    k = await ok(admin.post(url(k, '/complexities'), { label: 'Dernière', version: k.version, position: 40 }), 201);
    expect(labels(k.complexities)).toEqual(['Première', 'Deuxième', 'Troisième', 'Dernière']);
    expect(positions(k.complexities)).toEqual([1, 2, 3, 4]);
    expect(k.version).toBe(5);
    expect(labels((await competency('C121')).complexities)).toEqual(labels(k.complexities));
  });

  it('keeps the new order after a reorder, with the same ids', async () => {
    let k = await competency('C121');
    const reversed = [...k.complexities].reverse();
    k = await ok(admin.put(url(k, '/complexities/order'), { ids: reversed.map((i) => i.id), version: k.version }));
    expect(k.complexities.map((i) => i.id)).toEqual(reversed.map((i) => i.id));
    expect(positions(k.complexities)).toEqual([1, 2, 3, 4]);
    const reread = await competency('C121');
    expect(labels(reread.complexities)).toEqual(['Dernière', 'Troisième', 'Deuxième', 'Première']);
    const single = await ok(admin.get(url(k)));
    expect(labels(single.complexities)).toEqual(labels(reread.complexities));
  });

  it('refuses an order that is not exactly the current list', async () => {
    const k = await competency('C121');
    const ids = k.complexities.map((i) => i.id);
    for (const wrong of [ids.slice(1), [...ids, 'inconnu'], [ids[0], ...ids.slice(0, -1)], [...ids.slice(1), 'inconnu']]) {
      const res = await admin.put(url(k, '/complexities/order'), { ids: wrong, version: k.version });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('referentials.invalid_order');
    }
    expect((await competency('C121')).version).toBe(k.version);
  });

  it('renames an item, keeping its id and place', async () => {
    let k = await competency('C121');
    const target = k.complexities[1]!;
    k = await ok(admin.patch(url(k, `/complexities/${target.id}`), { label: '  Troisième, corrigée  ', version: k.version }));
    expect(k.complexities[1]).toEqual({ id: target.id, label: 'Troisième, corrigée', position: 2, inUse: 0 });
  });

  it('refuses a duplicate label (case, accents and apostrophes folded)', async () => {
    let k = await competency('C122');
    k = await ok(admin.post(url(k, '/hazards'), { label: "Perte d'un dossier", version: k.version }), 201);
    k = await ok(admin.post(url(k, '/hazards'), { label: 'Absence du responsable', version: k.version }), 201);
    const dup = await admin.post(url(k, '/hazards'), { label: 'PERTE D’UN DOSSIER', version: k.version });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('referentials.duplicate_item');
    const rename = await admin.patch(url(k, `/hazards/${k.hazards[1]!.id}`), { label: "perte d'un dossier", version: k.version });
    expect(rename.json().error.code).toBe('referentials.duplicate_item');
    // Renaming an item to its own label with another case is fine.
    await ok(admin.patch(url(k, `/hazards/${k.hazards[0]!.id}`), { label: "Perte d'un Dossier", version: k.version }));
  });

  it('deletes an unused item and closes up the others, order kept', async () => {
    let k = await competency('C121');
    const before = k.complexities;
    k = await ok(admin.delete(url(k, `/complexities/${before[1]!.id}?version=${k.version}`)));
    expect(k.complexities.map((i) => i.id)).toEqual([before[0]!.id, before[2]!.id, before[3]!.id]);
    expect(positions(k.complexities)).toEqual([1, 2, 3]);
  });

  it('refuses to delete an item in use (409 referentials.item_in_use, with the number of uses), and changes nothing', async () => {
    let k = await competency('C111');
    const used = k.complexities[2]!;
    const usedHazard = k.hazards[0]!;
    expect(used.inUse).toBe(0);
    await useItems(ctx, est, k.id, { complexityIds: [used.id], hazardIds: [usedHazard.id] }, 'scenario');
    await useItems(ctx, est, k.id, { complexityIds: [used.id] }, 'evaluation');
    expect(await isComplexityUsed(ctx.db, est.id, used.id)).toBe(true);
    expect(await isComplexityUsed(ctx.db, est.id, k.complexities[0]!.id)).toBe(false);
    expect(await isHazardUsed(ctx.db, est.id, usedHazard.id)).toBe(true);
    expect(await isHazardUsed(ctx.db, est.id, used.id)).toBe(false);

    // The tree (and the competency) tell before the click.
    k = await competency('C111');
    expect(k.complexities.map((i) => i.inUse)).toEqual(k.complexities.map((i) => (i.id === used.id ? 2 : 0)));
    expect(k.hazards[0]!.inUse).toBe(1);
    expect(k.inUse).toBe(2);
    expect((await admin.get(url(k))).json<Competency>().complexities[2]!.inUse).toBe(2);

    const res = await admin.delete(url(k, `/complexities/${used.id}?version=${k.version}`));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'referentials.item_in_use',
      message: 'Cette complexité est utilisée 2 fois (1 scénario, 1 évaluation) : elle ne peut pas être supprimée, mais vous pouvez la renommer.',
      details: { uses: 2, by: { scenario_items: 1, evaluation_items: 1 } },
    });
    const hazard = await admin.delete(url(k, `/hazards/${usedHazard.id}?version=${k.version}`));
    expect(hazard.json().error).toMatchObject({ code: 'referentials.item_in_use', message: expect.stringMatching(/^Cet aléa est utilisé 1 fois \(1 scénario\)/) });
    expect(await competency('C111')).toEqual(k);

    // Unused ones still go; a used one may be renamed.
    k = await ok(admin.delete(url(k, `/complexities/${k.complexities[0]!.id}?version=${k.version}`)));
    k = await ok(admin.patch(url(k, `/complexities/${used.id}`), { label: 'Tarifs conditionnels', version: k.version }));
    expect(k.complexities.find((i) => i.id === used.id)).toMatchObject({ label: 'Tarifs conditionnels', inUse: 2 });
  });

  it('changes the tree ETag when an element becomes used (the tree shows it)', async () => {
    const first = await admin.get(`/api/v1/referentials/${referentialId}/tree`);
    const etag = first.headers.etag as string;
    expect((await admin.request({ method: 'GET', url: `/api/v1/referentials/${referentialId}/tree`, headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    const k = await competency('C113');
    await useItems(ctx, est, k.id, { hazardIds: [k.hazards[0]!.id] }, 'evaluation');
    const after = await admin.request({ method: 'GET', url: `/api/v1/referentials/${referentialId}/tree`, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(competencyByCode(after.json(), 'C113').hazards[0]!.inUse).toBe(1);
  });

  it('lets the database refuse what a check would miss (foreign keys, restrict)', async () => {
    const tree = await getTree(admin, referentialId);
    const k = competencyByCode(tree, 'C111');
    const item = k.complexities.find((i) => i.inUse === 0)!;
    await useItems(ctx, est, k.id, { complexityIds: [item.id] }, 'scenario');
    await expect(ctx.db.deleteFrom('complexities').where('id', '=', item.id).execute()).rejects.toThrow();
    await expect(ctx.db.deleteFrom('competencies').where('id', '=', k.id).execute()).rejects.toThrow();
  });

  it('answers 404 for an item of another competency', async () => {
    const k = await competency('C112');
    const other = (await competency('C113')).complexities[0]!;
    const res = await admin.patch(url(k, `/complexities/${other.id}`), { label: 'X', version: k.version });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('referentials.item_not_found');
    // A hazard id is not a complexity id either.
    const hazard = k.hazards[0]!;
    expect((await admin.delete(url(k, `/complexities/${hazard.id}?version=${k.version}`))).statusCode).toBe(404);
  });

  it('caps a list at 50 items', async () => {
    let k = await competency('C131');
    for (let i = 1; i <= 50; i++) k = await ok(admin.post(url(k, '/hazards'), { label: `Aléa ${i}`, version: k.version }), 201);
    const res = await admin.post(url(k, '/hazards'), { label: 'Aléa 51', version: k.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('referentials.too_many_items');
  });
});

describe('optimistic concurrency', () => {
  it('answers 409 with the current version on a stale save, and changes nothing', async () => {
    const read = await competency('C132');
    // Someone else saves first.
    const saved = await ok(admin.post(url(read, '/complexities'), { label: 'Par un collègue', version: read.version }), 201);
    for (const stale of [
      () => admin.post(url(read, '/complexities'), { label: 'Trop tard', version: read.version }),
      () => admin.patch(url(read), { toComplete: false, version: read.version }),
      () => admin.put(url(read, '/complexities/order'), { ids: saved.complexities.map((i) => i.id), version: read.version }),
      () => admin.patch(url(read, `/complexities/${saved.complexities[0]!.id}`), { label: 'Écrasé', version: read.version }),
      () => admin.delete(url(read, `/complexities/${saved.complexities[0]!.id}?version=${read.version}`)),
    ]) {
      const res = await stale();
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'referentials.version_conflict',
        details: { currentVersion: saved.version, sentVersion: read.version },
      });
    }
    expect(await competency('C132')).toEqual(saved);
  });
});

describe('« à compléter »', () => {
  it('marks and unmarks a competency, and the counts follow', async () => {
    let tree = await getTree(admin, referentialId);
    const toCompleteBefore = tree.counts.toComplete;
    let k = competencyByCode(tree, 'C211');
    expect(k.toComplete).toBe(true);
    k = await ok(admin.patch(url(k), { toComplete: false, version: k.version }));
    expect(k.toComplete).toBe(false);
    tree = await getTree(admin, referentialId);
    expect(tree.counts.toComplete).toBe(toCompleteBefore - 1);
    k = await ok(admin.patch(url(k), { toComplete: true, version: k.version }));
    expect(k.toComplete).toBe(true);
  });

  it('records each edit in the audit log', async () => {
    const rows = await ctx.db.selectFrom('audit_log').select(['action']).where('establishment_id', '=', est.id).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'referentials.complexity_added',
      'referentials.complexities_reordered',
      'referentials.complexity_renamed',
      'referentials.complexity_deleted',
      'referentials.hazard_added',
      'referentials.competency_updated',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
