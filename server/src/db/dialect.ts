import { sql, type RawBuilder } from 'kysely';
import type { Engine } from './schema.ts';

/**
 * The few SQL fragments that differ between SQLite and PostgreSQL. Nothing else in the code
 * base may branch on the engine.
 */
export function caseInsensitiveLike(engine: Engine): 'like' | 'ilike' {
  return engine === 'postgres' ? 'ilike' : 'like';
}

/** A count(*) comes back as a string from pg (bigint) and a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** Lower-case, for case-insensitive search on both engines. */
export function lower(expr: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`lower(${expr})`;
}
