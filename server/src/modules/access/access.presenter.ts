import type { AccessLearner, AccessParent } from '@cerise/common';
import { passwordStateOf } from '../users/password-state.ts';
import type { AccessUserRow } from './access.repository.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

export function byName(a: { last_name: string; first_name: string; login: string }, b: typeof a): number {
  return collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.login.localeCompare(b.login);
}

const mustChange = (r: AccessUserRow) => r.must_change_password === 1 || r.has_no_password === 1;

export function presentLearner(r: AccessUserRow): AccessLearner {
  return {
    id: r.id,
    login: r.login,
    civility: r.civility,
    lastName: r.last_name,
    firstName: r.first_name,
    birthDate: r.birth_date,
    lastLoginAt: r.last_login_at,
    mustChangePassword: mustChange(r),
    passwordState: passwordStateOf(r),
    canReset: r.birth_date !== null,
  };
}

export function presentParent(r: AccessUserRow, children: AccessParent['children']): AccessParent {
  return {
    id: r.id,
    login: r.login,
    civility: r.civility,
    lastName: r.last_name,
    firstName: r.first_name,
    email: r.email,
    lastLoginAt: r.last_login_at,
    mustChangePassword: mustChange(r),
    passwordState: passwordStateOf(r),
    children,
  };
}
