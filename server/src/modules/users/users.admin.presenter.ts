import { IMPORTED_IDENTITY_FIELDS, type User, type UserChild, type UserClassRef } from '@cerise/common';
import { profilesOf } from '../auth/auth.presenter.ts';
import { passwordStateOf } from './password-state.ts';
import type { ChildLink, ClassLink, UserListRow } from './users.admin.repository.ts';

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** French alphabetical order, the same on both engines: last name, first name, login. */
export function compareByName(a: { last_name: string; first_name: string; login: string }, b: typeof a): number {
  return collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.login.localeCompare(b.login);
}

export type UserClasses = { divisions: UserClassRef[]; groups: UserClassRef[] };

export function groupClassLinks(links: ClassLink[]): Map<string, UserClasses> {
  const out = new Map<string, UserClasses>();
  for (const l of links) {
    let e = out.get(l.user_id);
    if (!e) out.set(l.user_id, (e = { divisions: [], groups: [] }));
    const list = l.kind === 'division' ? e.divisions : e.groups;
    if (!list.some((c) => c.id === l.id)) list.push({ id: l.id, code: l.code, label: l.label });
  }
  for (const e of out.values()) {
    e.divisions.sort((a, b) => collator.compare(a.code, b.code));
    e.groups.sort((a, b) => collator.compare(a.code, b.code));
  }
  return out;
}

export function groupChildren(children: ChildLink[], classes: Map<string, UserClasses>): Map<string, UserChild[]> {
  const out = new Map<string, UserChild[]>();
  for (const c of [...children].sort(compareByName)) {
    const list = out.get(c.parent_id) ?? [];
    if (!list.some((x) => x.id === c.id)) {
      list.push({
        id: c.id,
        login: c.login,
        lastName: c.last_name,
        firstName: c.first_name,
        divisions: (classes.get(c.id)?.divisions ?? []).map((d) => d.code),
      });
    }
    out.set(c.parent_id, list);
  }
  return out;
}

/** Row → DTO of the users list and edit form. */
export function presentUser(u: UserListRow, classes: UserClasses | undefined, children: UserChild[] | undefined): User {
  const profiles = profilesOf(u);
  const hidden = u.hidden_at !== null;
  return {
    id: u.id,
    login: u.login,
    civility: u.civility,
    lastName: u.last_name,
    firstName: u.first_name,
    birthDate: u.birth_date,
    email: u.email,
    profiles,
    divisions: classes?.divisions ?? [],
    groups: classes?.groups ?? [],
    discipline: u.discipline,
    children: profiles.includes('parent') ? (children ?? []) : [],
    source: u.source,
    hidden,
    hiddenAt: u.hidden_at,
    lastLoginAt: u.last_login_at,
    mustChangePassword: u.must_change_password === 1 || u.has_no_password === 1,
    passwordState: passwordStateOf(u),
    version: u.version,
    readOnlyFields: u.source === 'siecle' ? [...IMPORTED_IDENTITY_FIELDS] : [],
    canHide: u.source === 'manual' && !hidden,
    canRestore: u.source === 'manual' && hidden,
    canResetPassword: !hidden,
  };
}
