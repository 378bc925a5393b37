import type { Deps } from '../../deps.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';
import { newId } from '../../util/ids.ts';

/**
 * What every new account needs: its row, and the address people sign in at. Apart from
 * establishments.usecases.ts, whose imports (the referential installer, mail templates, account
 * schemas) the SIECLE import would otherwise load at every command (docs/performance.md).
 */
export function loginUrl(deps: Pick<Deps, 'config'>, uai: string): string {
  return `${deps.config.publicUrl}/${uai}`;
}

/** A user row with every column, defaults filled in. */
export function newUserRow(p: Partial<UsersTable> & Pick<UsersTable, 'establishment_id' | 'login' | 'last_name' | 'first_name' | 'source'>, at: string): UsersTable {
  return {
    id: newId(),
    is_administrator: 0,
    is_teacher: 0,
    is_learner: 0,
    is_parent: 0,
    civility: null,
    birth_date: null,
    email: null,
    external_id: null,
    national_id: null,
    discipline: null,
    password_hash: null,
    initial_password_kind: null,
    initial_secret_hash: null,
    must_change_password: 0,
    password_delivery: null,
    hidden_at: null,
    left_at: null,
    last_login_at: null,
    created_at: at,
    updated_at: at,
    version: 1,
    ...p,
  };
}
