import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_referentials.ts';
import * as m0003 from './0003_accounts.ts';
import * as m0004 from './0004_teaching.ts';
import * as m0005 from './0005_dashboard.ts';
import * as m0006 from './0006_security.ts';
import * as m0007 from './0007_sso.ts';
import * as m0008 from './0008_administration.ts';
import * as m0009 from './0009_performance.ts';
import * as m0010 from './0010_visible_users.ts';
import * as m0011 from './0011_redundant_indexes.ts';

/** Numbered migrations, in order. Never edit one after it has landed: add a new one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_referentials': m0002,
  '0003_accounts': m0003,
  '0004_teaching': m0004,
  '0005_dashboard': m0005,
  '0006_security': m0006,
  '0007_sso': m0007,
  '0008_administration': m0008,
  '0009_performance': m0009,
  '0010_visible_users': m0010,
  '0011_redundant_indexes': m0011,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'cerise_migrations',
    migrationLockTableName: 'cerise_migrations_lock',
  });
}

/** Runs every pending migration; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results }: MigrationResultSet = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`La migration ${failed} a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
