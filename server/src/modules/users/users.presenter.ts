import type { UsersTable } from '../../db/tables/foundation.ts';
import { profilesOf } from '../auth/auth.presenter.ts';

/** The `users list --json` shape of CONTRACT.md. */
export function presentUserForExport(
  u: UsersTable,
  classes: { divisions: Set<string>; groups: Set<string> } | undefined,
  children: string[] | undefined,
) {
  const profiles = profilesOf(u);
  return {
    login: u.login,
    profiles,
    lastName: u.last_name,
    firstName: u.first_name,
    civility: u.civility,
    birthDate: u.birth_date,
    email: u.email,
    source: u.source,
    divisions: [...(classes?.divisions ?? [])].sort(),
    groups: [...(classes?.groups ?? [])].sort(),
    hidden: u.hidden_at !== null,
    ...(profiles.includes('parent') ? { children: children ?? [] } : {}),
  };
}
