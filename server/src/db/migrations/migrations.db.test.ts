import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../../test/harness.ts';
import { createMigrator, MIGRATIONS } from './index.ts';

describe(`migrations on ${testEngine}`, () => {
  it('run up to the latest, down to nothing, and up again', async () => {
    const handle = await createTestDatabase(); // already migrated up
    try {
      const migrator = createMigrator(handle.db);
      const status = await migrator.getMigrations();
      expect(status.map((m) => m.name)).toEqual(Object.keys(MIGRATIONS));
      expect(status.every((m) => m.executedAt)).toBe(true);
      const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
      for (const t of ['establishments', 'users', 'sessions', 'mail_outbox', 'audit_log', 'divisions', 'groups', 'memberships', 'teachings', 'guardians', 'import_runs']) {
        expect(tables).toContain(t);
      }
      let down = await migrator.migrateDown();
      while (down.results && down.results.length > 0) {
        expect(down.error).toBeUndefined();
        down = await migrator.migrateDown();
      }
      expect((await handle.db.introspection.getTables()).map((t) => t.name)).not.toContain('users');
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.length).toBe(Object.keys(MIGRATIONS).length);
    } finally {
      await handle.destroy();
    }
  });

  it('enforce CHECK constraints on flags and enumerations', async () => {
    const handle = await createTestDatabase();
    try {
      const at = new Date().toISOString();
      await handle.db.insertInto('establishments').values({ id: 'e1', uai: '0000001A', name: 'E', email: null, address: null, postal_code: null, town: null, phone: null, head_name: null, website: null, settings: '{}', local_login_disabled_profiles: '[]', created_at: at, updated_at: at, version: 1 }).execute();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const base: any = { id: 'u1', establishment_id: 'e1', login: 'a.b', last_name: 'B', first_name: 'A', source: 'manual' as const, created_at: at, updated_at: at };
      await expect(handle.db.insertInto('users').values({ ...base, is_teacher: 2 as 0 }).execute()).rejects.toThrow();
      await expect(handle.db.insertInto('users').values({ ...base, source: 'ldap' as 'manual' }).execute()).rejects.toThrow();
      await handle.db.insertInto('users').values(base).execute();
      await expect(handle.db.insertInto('users').values({ ...base, id: 'u2' }).execute()).rejects.toThrow(); // same login
    } finally {
      await handle.destroy();
    }
  });

  it('keep no index that a wider one serves: lookups by learner and by parent use the wider index', async () => {
    const handle = await createTestDatabase();
    try {
      const indexes = testEngine === 'postgres'
        ? (await sql<{ name: string }>`select indexname as name from pg_indexes where tablename in ('memberships', 'guardians')`.execute(handle.db)).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name in ('memberships', 'guardians')`.execute(handle.db)).rows;
      const names = indexes.map((i) => i.name);
      expect(names).toContain('memberships_learner_year');
      expect(names).not.toContain('memberships_learner');
      expect(names).not.toContain('guardians_parent');
      if (testEngine === 'sqlite') {
        const plan = async (q: string) => (await sql<{ detail: string }>`${sql.raw(`explain query plan ${q}`)}`.execute(handle.db)).rows.map((r) => r.detail).join(' | ');
        expect(await plan(`select * from memberships where learner_id = 'x'`)).toMatch(/USING INDEX memberships_learner_year/);
        expect(await plan(`select * from guardians where parent_id = 'x'`)).toMatch(/USING INDEX sqlite_autoindex_guardians/);
      }
    } finally {
      await handle.destroy();
    }
  });
});
