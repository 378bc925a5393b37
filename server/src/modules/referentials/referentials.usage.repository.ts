import type { DbOrTx } from '../../db/schema.ts';

/**
 * How many rows of the teaching tables point to referential items. Migration 0004 gives each of
 * these references a foreign key without ON DELETE (restrict): the counts below let the editor and
 * the import refuse a deletion with a clear message before the database would.
 * Reads only; the tables belong to their modules (scenarios, evaluations, passport, dashboard).
 */

/** Where a complexity or a hazard is chosen. */
export const ITEM_USERS = ['scenario_items', 'evaluation_items', 'passport_items'] as const;
/** Where a competency is referenced. */
export const COMPETENCY_USERS = [
  'scenario_competencies',
  'evaluation_competencies',
  'results',
  'passport_situations',
  'blocked_competencies',
  'dashboard_filter_competencies',
] as const;

export type ItemUser = (typeof ITEM_USERS)[number];
export type CompetencyUser = (typeof COMPETENCY_USERS)[number];
export type UsageCounts<T extends string> = Map<string, { total: number; by: Partial<Record<T, number>> }>;

const CHUNK = 500;

function add<T extends string>(out: UsageCounts<T>, id: string, table: T, n: number) {
  const entry = out.get(id) ?? { total: 0, by: {} as Partial<Record<T, number>> };
  entry.total += n;
  entry.by[table] = (entry.by[table] ?? 0) + n;
  out.set(id, entry);
}

/** Uses of complexities (or hazards) among `ids`, per table; ids without use are absent. */
export async function countItemUses(
  db: DbOrTx,
  establishmentId: string,
  column: 'complexity_id' | 'hazard_id',
  ids: readonly string[],
): Promise<UsageCounts<ItemUser>> {
  const out: UsageCounts<ItemUser> = new Map();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const table of ITEM_USERS) {
      const rows = await db
        .selectFrom(table)
        .select((eb) => [eb.ref(column).as('id'), eb.fn.countAll<number | string>().as('n')])
        .where('establishment_id', '=', establishmentId)
        .where(column, 'in', chunk)
        .groupBy(column)
        .execute();
      for (const r of rows) if (r.id) add(out, r.id, table, Number(r.n));
    }
  }
  return out;
}

/** Uses of competencies among `ids`, per table. */
export async function countCompetencyUses(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<UsageCounts<CompetencyUser>> {
  const out: UsageCounts<CompetencyUser> = new Map();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const table of COMPETENCY_USERS) {
      const rows = await db
        .selectFrom(table)
        .select((eb) => ['competency_id as id', eb.fn.countAll<number | string>().as('n')])
        .where('establishment_id', '=', establishmentId)
        .where('competency_id', 'in', chunk)
        .groupBy('competency_id')
        .execute();
      for (const r of rows) add(out, r.id, table, Number(r.n));
    }
  }
  return out;
}

/** Uses of BEP activities among `ids` (passport situations). */
export async function countBepActivityUses(db: DbOrTx, establishmentId: string, ids: readonly string[]): Promise<UsageCounts<'passport_situations'>> {
  const out: UsageCounts<'passport_situations'> = new Map();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('passport_situations')
      .select((eb) => ['bep_activity_id as id', eb.fn.countAll<number | string>().as('n')])
      .where('establishment_id', '=', establishmentId)
      .where('bep_activity_id', 'in', ids.slice(i, i + CHUNK))
      .groupBy('bep_activity_id')
      .execute();
    for (const r of rows) if (r.id) add(out, r.id, 'passport_situations', Number(r.n));
  }
  return out;
}
