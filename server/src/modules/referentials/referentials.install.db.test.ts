import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEstablishment, uniqueUai } from '../../../test/factories.ts';
import { createTestApp, type TestContext } from '../../../test/harness.ts';
import { nowIso } from '../../util/ids.ts';
import { createEstablishment } from '../establishments/establishments.usecases.ts';
import { installDefaultReferential } from './referentials.install.ts';
import {
  assertItemsOfCompetency,
  findCompetenciesByIds,
  findCompetencyById,
  findCompetencyWithItems,
  listCompetencyPlacements,
  listReferentialRefs,
} from './referentials.lookup.ts';
import { loadTreeRows } from './referentials.repository.ts';
import { presentTree } from './referentials.presenter.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

const TABLES = ['referentials', 'poles', 'situation_classes', 'situations', 'competencies', 'complexities', 'hazards', 'bep_activities', 'exam_units'] as const;

async function countRows(establishmentId: string) {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const row = await ctx.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('establishment_id', '=', establishmentId)
      .executeTakeFirstOrThrow();
    out[t] = Number(row.n);
  }
  return out;
}

async function treeOf(establishmentId: string) {
  const [ref] = await listReferentialRefs(ctx.db, establishmentId);
  const rows = await loadTreeRows(ctx.db, establishmentId, ref!.id);
  return presentTree(rows!);
}

describe('installDefaultReferential', () => {
  it('installs Bac Pro GA with the BEP MSA: 4 pôles, 13 classes, 55 situations, 55 competencies, 17 activities', async () => {
    const est = await makeEstablishment(ctx.deps, { withReferential: true });
    expect(await countRows(est.id)).toEqual({
      referentials: 1,
      poles: 4,
      situation_classes: 13,
      situations: 55,
      competencies: 55,
      complexities: 13,
      hazards: 10,
      bep_activities: 17,
      exam_units: 4,
    });
    const tree = await treeOf(est.id);
    expect(tree.code).toBe('BACPRO-GA');
    expect(tree.counts).toEqual({ poles: 4, classes: 13, situations: 55, competencies: 55, toComplete: 52, bepActivities: 17 });
    expect(tree.examUnits.map((e) => `${e.code}:${e.poleCode}`)).toEqual(['E31:1', 'E2:2', 'E32:3', 'E33:4']);
    expect(tree.poles.map((p) => p.examUnitId)).toEqual(tree.examUnits.map((e) => e.id));

    const c111 = tree.poles[0]!.classes[0]!.situations[0]!.competencies[0]!;
    expect(c111.code).toBe('C111');
    expect(c111.toComplete).toBe(false);
    expect(c111.criterion).toEqual({ code: 'CE111', label: 'Fiabilité et exhaustivité des informations relatives aux fournisseurs' });
    expect(c111.complexities.map((c) => c.position)).toEqual([1, 2, 3, 4, 5]);
    expect(c111.complexities.map((c) => c.label)).toEqual([
      'Absence de fichier fournisseur',
      "Cas d'un fournisseur également client",
      "Cas de sous-traitant d'un fournisseur",
      'Tarifs conditionnels et variables',
      'Relations avec des fournisseurs UE et hors UE',
    ]);
    expect(c111.hazards).toHaveLength(4);
    const c114 = tree.poles[0]!.classes[0]!.situations[3]!.competencies[0]!;
    expect([c114.code, c114.toComplete, c114.complexities.length, c114.hazards.length]).toEqual(['C114', true, 0, 0]);
  });

  it('gives every establishment its own copy', async () => {
    const a = await makeEstablishment(ctx.deps, { withReferential: true });
    const b = await makeEstablishment(ctx.deps, { withReferential: true });
    const [ta, tb] = [await treeOf(a.id), await treeOf(b.id)];
    expect(ta.id).not.toBe(tb.id);
    const c111 = ta.poles[0]!.classes[0]!.situations[0]!.competencies[0]!;
    // Another establishment's competency is not found from b.
    expect((await findCompetenciesByIds(ctx.db, b.id, [c111.id])).size).toBe(0);
    expect((await findCompetencyWithItems(ctx.db, a.id, c111.id))?.complexities).toHaveLength(5);
  });

  it('installs once: a second call changes nothing', async () => {
    const est = await makeEstablishment(ctx.deps, { withReferential: true });
    await installDefaultReferential(ctx.db, est.id, nowIso(ctx.deps.now()));
    expect((await countRows(est.id)).competencies).toBe(55);
  });

  it('is fast: batched inserts', async () => {
    const est = await makeEstablishment(ctx.deps);
    const started = performance.now();
    await ctx.db.transaction().execute((tx) => installDefaultReferential(tx, est.id, nowIso(ctx.deps.now())));
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('runs inside the creation of an establishment', async () => {
    const created = await createEstablishment(ctx.deps, { uai: uniqueUai(), name: 'Lycée des tests' });
    const refs = await listReferentialRefs(ctx.db, created.id);
    expect(refs.map((r) => r.code)).toEqual(['BACPRO-GA']);
    const placements = await listCompetencyPlacements(ctx.db, created.id, refs[0]!.id);
    expect(placements).toHaveLength(55);
    expect(placements[0]).toMatchObject({ competencyCode: 'C111', situationCode: '1.1.1', classCode: '1.1', poleCode: '1' });
    expect(placements.at(-1)).toMatchObject({ competencyCode: 'C423', poleCode: '4' });
  });
});

describe('lookups for other modules', () => {
  it('find a competency and check chosen complexities and hazards, within the establishment only', async () => {
    const a = await makeEstablishment(ctx.deps, { withReferential: true });
    const b = await makeEstablishment(ctx.deps, { withReferential: true });
    const [ta, tb] = [await treeOf(a.id), await treeOf(b.id)];
    const [k111, k112] = ta.poles[0]!.classes[0]!.situations.slice(0, 2).map((s) => s.competencies[0]!);
    expect(await findCompetencyById(ctx.db, a.id, k111!.id)).toEqual({
      id: k111!.id,
      referentialId: ta.id,
      situationId: ta.poles[0]!.classes[0]!.situations[0]!.id,
      code: 'C111',
      label: 'Actualiser une base de données fournisseurs',
      toComplete: false,
    });
    expect(await findCompetencyById(ctx.db, b.id, k111!.id)).toBeUndefined();

    const chosen = { complexityIds: [k111!.complexities[1]!.id], hazardIds: [k111!.hazards[0]!.id] };
    await expect(assertItemsOfCompetency(ctx.db, a.id, k111!.id, chosen)).resolves.toBeUndefined();
    await expect(assertItemsOfCompetency(ctx.db, a.id, k112!.id, chosen)).rejects.toMatchObject({ status: 400, code: 'referentials.invalid_items' });
    await expect(assertItemsOfCompetency(ctx.db, a.id, k111!.id, { complexityIds: [k111!.hazards[0]!.id] })).rejects.toMatchObject({ code: 'referentials.invalid_items' });
    await expect(assertItemsOfCompetency(ctx.db, b.id, k111!.id, chosen)).rejects.toMatchObject({ code: 'referentials.invalid_items' });
    const other = tb.poles[0]!.classes[0]!.situations[0]!.competencies[0]!;
    await expect(assertItemsOfCompetency(ctx.db, a.id, k111!.id, { complexityIds: [other.complexities[0]!.id] })).rejects.toMatchObject({ code: 'referentials.invalid_items' });
  });
});
