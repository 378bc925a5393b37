/**
 * The few things that differ between SQLite and PostgreSQL results. Nothing else in the code
 * base may branch on the engine.
 */

/** A count(*) comes back as a string from pg (bigint) and a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}
