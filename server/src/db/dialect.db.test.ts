import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testEngine, type TestContext } from '../../test/harness.ts';
import { makeEstablishment } from '../../test/factories.ts';
import { newId } from '../util/ids.ts';
import { insertRows } from './dialect.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe(`insertRows (${testEngine})`, () => {
  it('writes every row with its extra columns, by the engine’s way and by the portable one', async () => {
    const est = await makeEstablishment(ctx.deps);
    // `label` is given by the extra column, not by the rows.
    const row = (code: string) => ({ id: newId(), establishment_id: est.id, school_year: '2026-2027', code, mef: null, hidden_at: null, created_at: '2026-12-03T09:00:00.000Z' });
    const extra = { columns: ['label'], of: (r: { code: string }) => [`Classe ${r.code}`] };
    const engineRows = Array.from({ length: 650 }, (_, i) => row(`E${i}`));
    await insertRows(ctx.db, ctx.deps.engine, 'divisions', engineRows, 300, extra);
    await insertRows(ctx.db, undefined, 'divisions', [row('P1'), row('P2')], 300, extra);
    const stored = await ctx.db.selectFrom('divisions').select(['code', 'label', 'mef']).where('establishment_id', '=', est.id).orderBy('code').execute();
    expect(stored).toHaveLength(652);
    expect(stored.every((d) => d.label === `Classe ${d.code}` && d.mef === null)).toBe(true);
  });

  it('writes a row lacking a column through Kysely (its default, or a refusal), never with a null in its place', async () => {
    const est = await makeEstablishment(ctx.deps);
    const full = { id: newId(), establishment_id: est.id, school_year: '2026-2027', code: 'A', label: 'a', mef: null, hidden_at: null, created_at: '2026-12-03T09:00:00.000Z' };
    const missing = { ...full, id: newId(), code: 'B', created_at: undefined as unknown as string };
    const error = await ctx.db
      .transaction()
      .execute((tx) => insertRows(tx, ctx.deps.engine, 'divisions', [full, missing], 300))
      .catch((e: unknown) => e);
    // created_at has no default: the row is refused (NOT NULL) rather than written with a null date.
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/created_at|NOT NULL|null value/i);
    expect(await ctx.db.selectFrom('divisions').select('code').where('establishment_id', '=', est.id).execute()).toEqual([]);
  });
});
