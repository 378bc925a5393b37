import { describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine } from '../../../test/harness.ts';
import { createMigrator } from './index.ts';

describe(`migration 0008 (password state) on ${testEngine}`, () => {
  it('fills password_delivery for existing accounts from what the code did, and refuses an unknown value', async () => {
    const handle = await createTestDatabase();
    try {
      const migrator = createMigrator(handle.db);
      expect((await migrator.migrateTo('0007_sso')).error).toBeUndefined();
      const at = '2026-09-01T08:00:00.000Z';
      const later = '2026-10-01T08:00:00.000Z';
      await handle.db.insertInto('establishments').values({ id: 'e1', uai: '0000001A', name: 'E', email: null, address: null, postal_code: null, town: null, phone: null, head_name: null, website: null, settings: '{}', local_login_disabled_profiles: '[]', created_at: at, updated_at: at, version: 1 }).execute();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const user = (id: string, p: Record<string, unknown>): any => ({ id, establishment_id: 'e1', login: id, last_name: 'N', first_name: 'P', source: 'manual', created_at: at, updated_at: at, ...p });
      await handle.db
        .insertInto('users')
        .values([
          user('mailed', { password_hash: 'h', must_change_password: 1, email: 'a@b.fr' }),
          user('shown', { password_hash: 'h', must_change_password: 1 }),
          user('chosen', { password_hash: 'h', must_change_password: 0, email: 'c@d.fr' }),
          user('birth', { initial_password_kind: 'birthdate_ddmmyyyy', must_change_password: 1, birth_date: '2010-01-02' }),
          user('imported', { source: 'siecle', initial_password_kind: 'random', initial_secret_hash: 's:h', must_change_password: 1 }),
          user('lettered', { source: 'siecle', initial_password_kind: 'random', initial_secret_hash: 's:h', must_change_password: 1, updated_at: later }),
        ])
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await handle.db.selectFrom('users').select(['id', 'password_delivery']).orderBy('id').execute();
      expect(Object.fromEntries(rows.map((r) => [r.id, r.password_delivery]))).toEqual({
        birth: null,
        chosen: null,
        imported: 'import',
        lettered: 'letter',
        mailed: 'mail',
        shown: 'screen',
      });
      await expect(handle.db.updateTable('users').set({ password_delivery: 'pigeon' as 'mail' }).where('id', '=', 'mailed').execute()).rejects.toThrow();
    } finally {
      await handle.destroy();
    }
  });
});
