import type { PasswordState } from '@cerise/common';
import type { UsersTable } from '../../db/tables/foundation.ts';

/** The columns that tell which password opens an account (never the hash itself). */
export type PasswordStateColumns = Pick<UsersTable, 'initial_password_kind' | 'must_change_password' | 'password_delivery' | 'birth_date'> & {
  /** 1 when `password_hash` is NULL (selected as a flag, so the hash never leaves SQL). */
  has_no_password: number;
};

const TEMPORARY = { mail: 'temporary_mail', letter: 'temporary_letter', screen: 'temporary_screen', import: 'temporary_import' } as const;

/**
 * Which password works now (docs/design.md §4, migration 0008): a hashed password is the user's own
 * unless a change is still required (then a temporary one, handed over as `password_delivery`
 * says); without a hash, the initial password: the birth date or a random secret.
 */
export function passwordStateOf(u: PasswordStateColumns): PasswordState {
  if (u.has_no_password !== 1) return u.must_change_password === 1 ? TEMPORARY[u.password_delivery ?? 'screen'] : 'chosen';
  switch (u.initial_password_kind) {
    case 'birthdate_ddmmyyyy':
      return u.birth_date ? 'birth_date' : 'none';
    case 'birthdate_iso':
      return u.birth_date ? 'birth_date_iso' : 'none';
    case 'random':
      return TEMPORARY[u.password_delivery ?? 'letter'];
    default:
      return 'none';
  }
}
