import {
  allocateLogin,
  baseLogin,
  foldSearchText,
  type CreateUserRequestSchema,
  type DivisionListResponse,
  type Profile,
  type UpdateUserRequestSchema,
  type User,
} from '@cerise/common';
import type { z } from 'zod';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/foundation.ts';
import { AppError, badRequest, conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { profileFlags, profilesOf, type SessionUser } from '../auth/auth.presenter.ts';
import { hashPassword, randomPassword } from '../auth/passwords.ts';
import { loginUrl, newUserRow } from '../establishments/new-accounts.ts';
import { queueCredentialMails } from '../mail/credential-mails.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { assertEstablishmentReady } from '../settings/settings.usecases.ts';
import { groupChildren, groupClassLinks, presentUser } from './users.admin.presenter.ts';
import { insertAccounts, updateAccountIfVersion, type AccountColumns } from './accounts.repository.ts';
import * as repo from './users.admin.repository.ts';
import { countLearnersWithoutDivision } from '../access/access.repository.ts';

/** The school year shown and edited: see activeSchoolYear. */
export const currentSchoolYear = (deps: Pick<Deps, 'now' | 'db'>, establishmentId: string): Promise<string> => activeSchoolYear(deps.db, establishmentId, deps.now());

/** Presents rows with their classes and children: three queries whatever the number of rows. */
export async function presentUsers(db: DbOrTx, establishmentId: string, schoolYear: string, rows: repo.UserListRow[]): Promise<User[]> {
  const parentIds = rows.filter((r) => r.is_parent === 1).map((r) => r.id);
  const children = await repo.childrenOfParents(db, establishmentId, parentIds);
  const links = await repo.classLinksOfUsers(db, establishmentId, [...new Set([...rows.map((r) => r.id), ...children.map((c) => c.id)])], schoolYear);
  const classes = groupClassLinks(links);
  const childrenByParent = groupChildren(children, classes);
  return rows.map((r) => presentUser(r, classes.get(r.id), childrenByParent.get(r.id)));
}

export async function loadUser(db: DbOrTx, establishmentId: string, userId: string, schoolYear: string): Promise<User> {
  const row = await repo.findUserRow(db, establishmentId, userId);
  if (!row) throw notFound('users.not_found');
  const [user] = await presentUsers(db, establishmentId, schoolYear, [row]);
  return user!;
}

export async function getUser(deps: Deps, user: SessionUser, userId: string): Promise<User> {
  return loadUser(deps.db, user.establishmentId, userId, await currentSchoolYear(deps, user.establishmentId));
}

/** The login a new account with this name would get now (the form shows it before « OK »). */
export async function previewLogin(deps: Deps, user: SessionUser, input: { firstName: string; lastName: string }): Promise<{ login: string }> {
  const taken = await repo.allLogins(deps.db, user.establishmentId);
  return { login: allocateLogin(baseLogin(input.firstName, input.lastName), (l) => taken.has(l)) };
}

function assertBirthDateNotFuture(at: Date, birthDate: string | null | undefined): void {
  if (birthDate && birthDate > nowIso(at).slice(0, 10)) throw badRequest('users.birth_date_in_future');
}

/** The divisions and groups named by `classIds`, all of the establishment and school year, or 404. */
async function resolveClasses(db: DbOrTx, establishmentId: string, classIds: string[], schoolYear: string) {
  const unique = [...new Set(classIds)];
  const found = await repo.findClasses(db, establishmentId, unique, schoolYear);
  if (found.length !== unique.length) throw notFound('users.class_not_found');
  return found;
}

type CreateInput = z.output<typeof CreateUserRequestSchema>;

/**
 * « Nouvel enseignant », « Nouvel utilisateur » (docs/guide.md §3.2.2): login by the docs/design.md §4 rule,
 * random password forced to change, the two credential mails when an e-mail is known (else the
 * password is returned once). Needs the establishment's name and e-mail first.
 */
export async function createUser(deps: Deps, ctx: RequestContext, input: CreateInput) {
  const { actor, ip } = ctx;
  const establishment = await assertEstablishmentReady(deps.db, actor.establishmentId);
  const schoolYear = await currentSchoolYear(deps, actor.establishmentId);
  const profiles: Profile[] = profilesOf(profileFlags(input.profiles));
  assertBirthDateNotFuture(ctx.at, input.birthDate);
  const isTeacher = profiles.includes('teacher');
  if (!isTeacher && (input.classIds.length > 0 || input.discipline)) throw badRequest('users.classes_for_teachers_only');
  const classes = await resolveClasses(deps.db, actor.establishmentId, input.classIds, schoolYear);

  if (!input.allowDuplicate) {
    const duplicates = (await repo.listUserRows(deps.db, actor.establishmentId, { hidden: false })).filter(
      (r) =>
        foldSearchText(r.last_name) === foldSearchText(input.lastName) &&
        foldSearchText(r.first_name) === foldSearchText(input.firstName) &&
        (!input.birthDate || !r.birth_date || r.birth_date === input.birthDate),
    );
    if (duplicates.length > 0) {
      throw new AppError(409, 'users.possible_duplicate', undefined, {
        duplicates: duplicates.map((d) => ({
          id: d.id,
          login: d.login,
          lastName: d.last_name,
          firstName: d.first_name,
          birthDate: d.birth_date,
          profiles: profilesOf(d),
          source: d.source,
        })),
      });
    }
  }

  const password = randomPassword(10);
  const passwordHash = await hashPassword(password);
  const at = nowIso(ctx.at);
  const base = baseLogin(input.firstName, input.lastName);

  for (let attempt = 1; ; attempt++) {
    const taken = await repo.allLogins(deps.db, actor.establishmentId);
    const login = allocateLogin(base, (l) => taken.has(l));
    try {
      const result = await inTransaction(deps.db, async (tx) => {
        const row: UsersTable = newUserRow(
          {
            establishment_id: actor.establishmentId,
            login,
            last_name: input.lastName,
            first_name: input.firstName,
            civility: input.civility,
            birth_date: input.birthDate,
            email: input.email,
            source: 'manual',
            discipline: isTeacher ? input.discipline : null,
            password_hash: passwordHash,
            must_change_password: 1,
            password_delivery: input.email ? 'mail' : 'screen',
            ...profileFlags(profiles),
          },
          at,
        );
        await insertAccounts(tx, [row]);
        await repo.insertTeachings(tx, { establishmentId: actor.establishmentId, teacherId: row.id, schoolYear, discipline: row.discipline, classes });
        let mailsQueued = 0;
        if (row.email) {
          mailsQueued = await queueCredentialMails(tx, {
            establishmentId: actor.establishmentId,
            establishmentName: establishment.name,
            to: row.email,
            loginUrl: loginUrl(deps, establishment.uai),
            login,
            password,
            firstName: row.first_name,
            lastName: row.last_name,
            at,
          });
        }
        await recordAudit(tx, {
          establishmentId: actor.establishmentId,
          actorId: actor.id,
          action: 'users.created',
          targetType: 'user',
          targetId: row.id,
          details: { login, profiles, classes: classes.map((c) => c.code), email: row.email, mailsQueued },
          ip,
          at,
        });
        const user = await loadUser(tx, actor.establishmentId, row.id, schoolYear);
        return { user, mailsQueued, initialPassword: row.email ? null : password };
      });
      return result;
    } catch (err) {
      // Another administrator took the same login meanwhile: allocate again.
      if (attempt < 3 && (await repo.loginExists(deps.db, actor.establishmentId, login))) continue;
      throw err;
    }
  }
}

type UpdateInput = z.output<typeof UpdateUserRequestSchema>;

const IDENTITY: { field: 'civility' | 'lastName' | 'firstName' | 'birthDate'; column: 'civility' | 'last_name' | 'first_name' | 'birth_date' }[] = [
  { field: 'civility', column: 'civility' },
  { field: 'lastName', column: 'last_name' },
  { field: 'firstName', column: 'first_name' },
  { field: 'birthDate', column: 'birth_date' },
];

/**
 * Edits a user (docs/guide.md §3.2.2 « Modifier »). Only the fields sent change; the version sent must
 * be current. Imported identity fields are read-only; the login never changes.
 */
export async function updateUser(deps: Deps, ctx: RequestContext, userId: string, input: UpdateInput): Promise<User> {
  const { actor, ip } = ctx;
  const schoolYear = await currentSchoolYear(deps, actor.establishmentId);
  assertBirthDateNotFuture(ctx.at, input.birthDate);
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const row = await repo.findUserRow(tx, actor.establishmentId, userId);
    if (!row) throw notFound('users.not_found');
    if (row.version !== input.version) throw conflict('common.version_conflict', undefined, { currentVersion: row.version });

    const set: AccountColumns = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const readOnly: string[] = [];
    for (const { field, column } of IDENTITY) {
      const value = input[field];
      if (value === undefined || value === row[column]) continue;
      if (row.source === 'siecle') readOnly.push(field);
      else {
        set[column] = value as never;
        changes[field] = { from: row[column], to: value };
      }
    }
    if (readOnly.length > 0) throw badRequest('users.imported_identity_read_only', undefined, { fields: readOnly });
    if (input.email !== undefined && input.email !== row.email) {
      set.email = input.email;
      changes.email = { from: row.email, to: input.email };
    }

    const before = profilesOf(row);
    const profiles = input.profiles ? profilesOf(profileFlags(input.profiles)) : before;
    if (userId === actor.id && before.includes('administrator') && !profiles.includes('administrator')) {
      throw badRequest('users.cannot_remove_own_admin');
    }
    if (input.profiles && profiles.join() !== before.join()) {
      Object.assign(set, profileFlags(profiles));
      changes.profiles = { from: before, to: profiles };
    }
    const isTeacher = profiles.includes('teacher');
    if (!isTeacher && ((input.classIds && input.classIds.length > 0) || input.discipline)) throw badRequest('users.classes_for_teachers_only');
    const discipline = input.discipline !== undefined ? input.discipline : row.discipline;
    if (input.discipline !== undefined && input.discipline !== row.discipline) {
      set.discipline = input.discipline;
      changes.discipline = { from: row.discipline, to: input.discipline };
    }

    // Classes taught this school year: kept ones keep their row (and discipline), others go or come.
    const teachings = await repo.teachingsOf(tx, actor.establishmentId, userId, schoolYear);
    const wanted = input.classIds ? await resolveClasses(tx, actor.establishmentId, input.classIds, schoolYear) : undefined;
    let removedTeachings: string[] = [];
    let addedClasses: { id: string; kind: 'division' | 'group'; code: string }[] = [];
    if (!isTeacher) {
      removedTeachings = teachings.map((t) => t.id);
    } else if (wanted) {
      const wantedIds = new Set(wanted.map((c) => c.id));
      const current = new Set(teachings.map((t) => t.division_id ?? t.group_id));
      removedTeachings = teachings.filter((t) => !wantedIds.has((t.division_id ?? t.group_id)!)).map((t) => t.id);
      addedClasses = wanted.filter((c) => !current.has(c.id));
    }
    if (removedTeachings.length > 0 || addedClasses.length > 0) {
      changes.classes = { from: teachings.length, to: teachings.length - removedTeachings.length + addedClasses.length };
    }

    if (Object.keys(changes).length === 0) return loadUser(tx, actor.establishmentId, userId, schoolYear);
    set.updated_at = at;
    if (!(await updateAccountIfVersion(tx, actor.establishmentId, userId, input.version, set))) {
      const now = await repo.findUserRow(tx, actor.establishmentId, userId);
      throw conflict('common.version_conflict', undefined, { currentVersion: now?.version ?? input.version });
    }
    await repo.deleteTeachings(tx, actor.establishmentId, removedTeachings);
    await repo.insertTeachings(tx, { establishmentId: actor.establishmentId, teacherId: userId, schoolYear, discipline, classes: addedClasses });
    await recordAudit(tx, {
      establishmentId: actor.establishmentId,
      actorId: actor.id,
      action: 'users.updated',
      targetType: 'user',
      targetId: userId,
      details: { login: row.login, changes },
      ip,
      at,
    });
    return loadUser(tx, actor.establishmentId, userId, schoolYear);
  });
}

/** The divisions and groups of the current school year, for the pickers. */
export async function listDivisions(deps: Deps, user: SessionUser): Promise<DivisionListResponse> {
  const schoolYear = await currentSchoolYear(deps, user.establishmentId);
  const { divisions, groups, byClass } = await repo.listClassesWithCounts(deps.db, user.establishmentId, schoolYear);
  const learnersWithoutDivision = await countLearnersWithoutDivision(deps.db, user.establishmentId, schoolYear);
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const present = (c: { id: string; code: string; label: string | null }) => ({ id: c.id, code: c.code, label: c.label, learnerCount: byClass.get(c.id) ?? 0 });
  return {
    schoolYear,
    divisions: divisions.map(present).sort((a, b) => collator.compare(a.code, b.code)),
    groups: groups.map(present).sort((a, b) => collator.compare(a.code, b.code)),
    learnersWithoutDivision,
  };
}
