import { emptySiecleCounts, type SiecleImportCounts, type SiecleImportReport, type SiecleImportReportPerson, type SiecleImportWarning } from '@cerise/common/imports.schemas';
import { allocateLogin, baseLogin } from '@cerise/common/login-rule';
import { formatInitialPassword } from '@cerise/common/password-policy';
import { type Profile } from '@cerise/common/profiles';
import type { DivisionsTable, GroupsTable, GuardiansTable, InitialPasswordKind, MembershipsTable, TeachingsTable, UsersTable } from '../../db/tables/foundation.ts';
import { AppError } from '../../http/errors.ts';
import { newId } from '../../util/ids.ts';
import { profileFlags } from '../auth/auth.presenter.ts';
import { digestInitialSecret, randomPassword } from '../auth/passwords.ts';
import { newUserRow } from '../establishments/new-accounts.ts';
import { learnerStatus } from './parse/eleves.parser.ts';
import type { ElevesFile, ResponsablesFile, SiecleFileHeader, SiecleWarning, StsFile } from './parse/types.ts';
import type { ImportSnapshot, SnapshotUser } from './siecle.repository.ts';

export type PlanContext = {
  establishmentId: string;
  uai: string;
  /** School year of the current date, e.g. "2026-2027". */
  currentSchoolYear: string;
  /** Today, ISO date (learners' exit dates are compared with it). */
  today: string;
  /** Timestamp written on every row. */
  at: string;
  snapshot: ImportSnapshot;
  /** Credential mails are queued for new accounts with a random password and an address. */
  mailEnabled: boolean;
};

export type PlannedMail = { to: string; login: string; password: string; firstName: string; lastName: string };

/** Everything one import changes; applied in one transaction by siecle.apply.ts. */
export type ImportPlan = {
  kind: 'teachers' | 'learners';
  schoolYear: string;
  newDivisions: DivisionsTable[];
  newGroups: GroupsTable[];
  structureUpdates: { table: 'divisions' | 'groups'; id: string; label: string | null }[];
  newUsers: UsersTable[];
  userUpdates: { id: string; set: Partial<UsersTable> }[];
  hiddenUserIds: string[];
  memberships: { owners: string[]; rows: MembershipsTable[] };
  teachings: { owners: string[]; rows: TeachingsTable[] };
  guardians: { owners: string[]; rows: GuardiansTable[] };
  mails: PlannedMail[];
  report: SiecleImportReport;
};

const yearLabel = (y: number) => `${y}-${y + 1}`;

/** STSWEB `FONCTION` codes in words (docs/siecle-formats.md §3; unknown codes are shown as they are). */
const FUNCTION_LABELS: Record<string, string> = {
  ENS: 'Enseignement',
  DIR: 'Direction',
  EDU: 'Éducation (CPE)',
  DOC: 'Documentation',
  ORI: 'Orientation',
  SUR: 'Surveillance',
  AED: "Assistance d'éducation",
  MDS: 'Médico-social',
  ADF: 'Administration et finances',
  FIJ: 'Fonction non renseignée (FIJ)',
};
export const functionLabel = (code: string | null): string | null => (code === null ? null : FUNCTION_LABELS[code] ? `${FUNCTION_LABELS[code]} (${code})` : code);

function toWarning(w: SiecleWarning): SiecleImportWarning {
  return { code: w.code, message: w.message, file: w.file, line: w.line };
}

/** Refuses a file of another establishment; warns about another school year. */
function checkHeader(file: SiecleFileHeader, ctx: PlanContext, warnings: SiecleImportWarning[]): string {
  if (file.uai && file.uai.toUpperCase() !== ctx.uai) {
    throw new AppError(
      422,
      'siecle.wrong_uai',
      `${file.fileName} : ce fichier est celui de l'établissement ${file.uai}, et non de ${ctx.uai}. Aucune donnée n'a été importée.`,
      { file: file.fileName, line: null },
    );
  }
  const schoolYear = file.schoolYear ? yearLabel(file.schoolYear) : ctx.currentSchoolYear;
  if (schoolYear !== ctx.currentSchoolYear) {
    warnings.push({
      code: 'siecle.other_school_year',
      message: `${file.fileName} : ce fichier concerne l'année scolaire ${schoolYear}, alors que l'année en cours est ${ctx.currentSchoolYear}.`,
      file: file.fileName,
      line: null,
    });
  }
  return schoolYear;
}

type Identity = { civility: string | null; last_name: string; first_name: string; birth_date: string | null };

/** Shared bookkeeping of one plan. */
class Planner {
  readonly plan: ImportPlan;
  readonly created: SiecleImportCounts = emptySiecleCounts();
  readonly updated: SiecleImportCounts = emptySiecleCounts();
  readonly hidden: SiecleImportCounts = emptySiecleCounts();
  private readonly touched = new Set<string>();
  private readonly updatedIds = new Set<string>();
  /** Base login → how many of its candidates are known to be taken (newLogin). */
  private readonly loginTries = new Map<string, number>();

  constructor(
    readonly ctx: PlanContext,
    kind: 'teachers' | 'learners',
    schoolYear: string,
    files: string[],
    warnings: SiecleImportWarning[],
  ) {
    this.plan = {
      kind,
      schoolYear,
      newDivisions: [],
      newGroups: [],
      structureUpdates: [],
      newUsers: [],
      userUpdates: [],
      hiddenUserIds: [],
      memberships: { owners: [], rows: [] },
      teachings: { owners: [], rows: [] },
      guardians: { owners: [], rows: [] },
      mails: [],
      report: {
        runId: null,
        kind,
        dryRun: false,
        schoolYear,
        files,
        created: this.created,
        updated: this.updated,
        hidden: this.hidden,
        ignored: 0,
        accounts: [],
        divisionsCreated: [],
        groupsCreated: [],
        people: [],
        warnings,
        mailsQueued: 0,
      },
    };
  }

  structure(table: 'divisions' | 'groups', code: string, label: string | null, mef: string | null = null): string {
    const existing = table === 'divisions' ? this.ctx.snapshot.divisions.get(code) : this.ctx.snapshot.groups.get(code);
    if (existing) {
      const wantLabel = label ?? existing.label;
      if (existing.label !== wantLabel || existing.hidden_at !== null) {
        existing.label = wantLabel;
        existing.hidden_at = null;
        this.plan.structureUpdates.push({ table, id: existing.id, label: wantLabel });
        this.updated[table]++;
      }
      return existing.id;
    }
    const row = { id: newId(), establishment_id: this.ctx.establishmentId, school_year: this.plan.schoolYear, code, label, hidden_at: null, created_at: this.ctx.at };
    if (table === 'divisions') {
      const d: DivisionsTable = { ...row, mef };
      this.ctx.snapshot.divisions.set(code, d);
      this.plan.newDivisions.push(d);
      this.plan.report.divisionsCreated.push(code);
    } else {
      this.ctx.snapshot.groups.set(code, row);
      this.plan.newGroups.push(row);
      this.plan.report.groupsCreated.push(code);
    }
    this.created[table]++;
    return row.id;
  }

  /**
   * Creates or updates the account of a person known by an external id. Returns its id, login,
   * whether it is new, and the initial password of a new account.
   */
  account(p: {
    externalId: string;
    identity: Identity;
    profiles: Profile[];
    countAs: keyof SiecleImportCounts;
    email: string | null;
    nationalId?: string | null;
    discipline?: string | null;
    passwordKind: 'birthdate_iso' | 'birthdate_ddmmyyyy';
  }): { id: string; login: string; isNew: boolean; initialPassword: string | null } {
    const existing = this.ctx.snapshot.usersByExternalId.get(p.externalId);
    this.touched.add(p.externalId);
    if (existing) {
      const set: Partial<UsersTable> = {};
      const want: Partial<SnapshotUser> = { ...p.identity };
      if (p.nationalId !== undefined) want.national_id = p.nationalId;
      if (p.discipline !== undefined && p.discipline !== null) want.discipline = p.discipline;
      for (const [k, v] of Object.entries(want) as [keyof SnapshotUser, unknown][]) {
        if (existing[k] !== v) (set as Record<string, unknown>)[k] = v;
      }
      // An address the person typed in Mon compte wins over the file's.
      if (!existing.email && p.email) set.email = p.email;
      // Imports add their profile, never remove one given by hand.
      for (const [k, v] of Object.entries(profileFlags(p.profiles)) as [keyof SnapshotUser, 0 | 1][]) {
        if (v === 1 && existing[k] !== 1) (set as Record<string, unknown>)[k] = 1;
      }
      if (existing.hidden_at !== null) {
        set.hidden_at = null;
        set.left_at = null;
      }
      if (Object.keys(set).length > 0) {
        this.plan.userUpdates.push({ id: existing.id, set });
        this.markUpdated(existing.id, p.countAs);
      }
      return { id: existing.id, login: existing.login, isNew: false, initialPassword: null };
    }

    const login = this.newLogin(p.identity);
    let kind: InitialPasswordKind;
    let password: string;
    let secret: string | null = null;
    if (p.identity.birth_date) {
      kind = p.passwordKind;
      password = formatInitialPassword(p.passwordKind, p.identity.birth_date);
    } else {
      kind = 'random';
      password = randomPassword(10);
      secret = digestInitialSecret(password);
    }
    const row = newUserRow(
      {
        establishment_id: this.ctx.establishmentId,
        login,
        ...p.identity,
        source: 'siecle',
        external_id: p.externalId,
        national_id: p.nationalId ?? null,
        discipline: p.discipline ?? null,
        email: p.email,
        initial_password_kind: kind,
        initial_secret_hash: secret,
        must_change_password: 1,
        // A random password goes by mail when it can, else only in the import report (password state, migration 0008).
        password_delivery: kind !== 'random' ? null : p.email && this.ctx.mailEnabled ? 'mail' : 'import',
        ...profileFlags(p.profiles),
      },
      this.ctx.at,
    );
    this.plan.newUsers.push(row);
    this.ctx.snapshot.usersByExternalId.set(p.externalId, row);
    this.created[p.countAs]++;
    this.plan.report.accounts.push({ login, initialPassword: password, profiles: p.profiles, lastName: row.last_name, firstName: row.first_name });
    if (kind === 'random' && p.email && this.ctx.mailEnabled) {
      this.plan.mails.push({ to: p.email, login, password, firstName: row.first_name, lastName: row.last_name });
    }
    return { id: row.id, login, isNew: true, initialPassword: password };
  }

  /**
   * allocateLogin's login for a new account. It tries `base`, then `base2`, `base3`… until one is
   * free; logins are only ever added during a plan, so the candidates a namesake found taken are
   * still taken: they are answered without a lookup (34 namesakes made 561 lookups of fresh
   * strings, a quarter of a 16,000-account plan). The login is the same.
   */
  private newLogin(identity: Identity): string {
    const base = baseLogin(identity.first_name, identity.last_name);
    const logins = this.ctx.snapshot.logins;
    const knownTaken = this.loginTries.get(base) ?? 0;
    let tries = 0;
    const login = allocateLogin(base, (candidate) => ++tries <= knownTaken || logins.has(candidate));
    this.loginTries.set(base, tries);
    logins.add(login);
    return login;
  }

  markUpdated(id: string, countAs: keyof SiecleImportCounts): void {
    if (this.updatedIds.has(id)) return;
    this.updatedIds.add(id);
    this.updated[countAs]++;
  }

  /** Hides the visible accounts with this id prefix that the files no longer list. */
  hideMissing(prefix: string, countAs: (u: SnapshotUser) => keyof SiecleImportCounts | null): void {
    for (const [externalId, u] of this.ctx.snapshot.usersByExternalId) {
      if (!externalId.startsWith(prefix) || this.touched.has(externalId) || u.hidden_at !== null) continue;
      this.hide(u, countAs(u));
    }
  }

  hide(u: SnapshotUser, countAs: keyof SiecleImportCounts | null): void {
    if (u.hidden_at !== null) return;
    this.plan.hiddenUserIds.push(u.id);
    u.hidden_at = this.ctx.at;
    if (countAs) this.hidden[countAs]++;
    this.plan.report.people.push({
      kind: countAs === 'heads' ? 'head' : countAs === 'parents' ? 'parent' : countAs === 'learners' ? 'learner' : 'teacher',
      status: 'hidden',
      login: u.login,
      initialPassword: null,
      civility: u.civility,
      lastName: u.last_name,
      firstName: u.first_name,
      discipline: null,
      function: null,
      divisions: [],
      groups: [],
      children: [],
    });
  }

  touch(externalId: string): void {
    this.touched.add(externalId);
  }

  /** Replaces an owner's rows when their sorted keys differ from the current ones. */
  replaceIfChanged<T>(target: { owners: string[]; rows: T[] }, current: string[] | undefined, ownerId: string, keys: string[], rows: T[]): boolean {
    const have = current ?? [];
    if (keys.length === have.length) {
      // Counts that differ need no comparison (a new account's links: no copy, no sort); one key needs no sort.
      const wanted = keys.length <= 1 ? keys : [...keys].sort();
      if (wanted.every((k, i) => k === have[i])) return false;
    }
    target.owners.push(ownerId);
    target.rows.push(...rows);
    return true;
  }

  person(p: Omit<SiecleImportReportPerson, 'civility'> & { civility?: string | null }): void {
    this.plan.report.people.push({ civility: null, ...p });
  }
}

function identityOf(p: { civility: string | null; lastName: string; firstName: string; birthDate: string | null }): Identity {
  return { civility: p.civility, last_name: p.lastName, first_name: p.firstName, birth_date: p.birthDate };
}

/** docs/design.md §4 for an STSWEB export: teachers and heads, their divisions, groups and services. */
export function planTeachers(sts: StsFile, ctx: PlanContext): ImportPlan {
  const warnings = sts.warnings.map(toWarning);
  const schoolYear = checkHeader(sts, ctx, warnings);
  const pl = new Planner(ctx, 'teachers', schoolYear, [sts.fileName], warnings);

  const groupLabels = new Map(sts.groups.map((g) => [g.code, g.label]));
  for (const d of sts.divisions) pl.structure('divisions', d.code, d.label, d.mefs[0] ?? null);
  for (const g of sts.groups) pl.structure('groups', g.code, g.label);

  for (const s of sts.staff) {
    if (s.kind === 'ignored') {
      pl.plan.report.ignored++;
      pl.touch(s.externalId);
      const existing = ctx.snapshot.usersByExternalId.get(s.externalId);
      if (existing && existing.hidden_at === null) pl.hide(existing, existing.is_administrator ? 'heads' : 'teachers');
      pl.person({ kind: 'ignored', status: 'ignored', login: null, initialPassword: null, civility: s.civility, lastName: s.lastName, firstName: s.firstName, discipline: null, function: functionLabel(s.function), divisions: [], groups: [], children: [] });
      continue;
    }
    const isHead = s.kind === 'head';
    const profiles: Profile[] = isHead ? (s.services.length > 0 ? ['administrator', 'teacher'] : ['administrator']) : ['teacher'];
    const countAs = isHead ? 'heads' : 'teachers';
    const acc = pl.account({ externalId: s.externalId, identity: identityOf(s), profiles, countAs, email: null, discipline: s.discipline, passwordKind: 'birthdate_iso' });

    const keys: string[] = [];
    const rows: TeachingsTable[] = [];
    const seen = new Set<string>();
    for (const sv of s.services) {
      const table = sv.structureType === 'division' ? 'divisions' : 'groups';
      const id = pl.structure(table, sv.structureCode, table === 'groups' ? (groupLabels.get(sv.structureCode) ?? null) : null);
      const key = `${table === 'divisions' ? 'd' : 'g'}:${id}:${sv.discipline ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
      rows.push({ id: newId(), establishment_id: ctx.establishmentId, school_year: schoolYear, teacher_id: acc.id, division_id: table === 'divisions' ? id : null, group_id: table === 'groups' ? id : null, discipline: sv.discipline });
    }
    if (pl.replaceIfChanged(pl.plan.teachings, ctx.snapshot.teachings.get(acc.id), acc.id, keys, rows) && !acc.isNew) pl.markUpdated(acc.id, countAs);

    const divisions = [...new Set(s.services.filter((x) => x.structureType === 'division').map((x) => x.structureCode))];
    const groups = [...new Set(s.services.filter((x) => x.structureType === 'group').map((x) => x.structureCode))];
    pl.person({
      kind: isHead ? 'head' : 'teacher',
      status: acc.isNew ? 'created' : 'unchanged',
      login: acc.login,
      initialPassword: acc.initialPassword,
      civility: s.civility,
      lastName: s.lastName,
      firstName: s.firstName,
      discipline: s.discipline,
      function: s.function,
      divisions,
      groups,
      children: [],
    });
  }
  pl.hideMissing('sts:', (u) => (u.is_administrator ? 'heads' : 'teachers'));
  markUpdatedPeople(pl);
  return pl.plan;
}

/** docs/design.md §4 for the BEE exports: learners, then the parents (levels 1–2) of learners with an account. */
export function planLearners(eleves: ElevesFile, responsables: ResponsablesFile, ctx: PlanContext): ImportPlan {
  if (ctx.snapshot.teacherImports === 0) {
    throw new AppError(409, 'siecle.teachers_first', "Importez d'abord les enseignants (fichier STSWEB sts_emp_…xml) : les apprenants ne peuvent pas être importés avant.");
  }
  const warnings = [...eleves.warnings, ...responsables.warnings].map(toWarning);
  const schoolYear = checkHeader(eleves, ctx, warnings);
  checkHeader(responsables, ctx, []);
  const pl = new Planner(ctx, 'learners', schoolYear, [eleves.fileName, responsables.fileName], warnings);

  const learnerIds = new Map<string, { id: string; label: string }>();
  for (const l of eleves.learners) {
    const status = learnerStatus(l, ctx.today);
    pl.touch(l.externalId);
    if (status !== 'active') {
      const existing = ctx.snapshot.usersByExternalId.get(l.externalId);
      if (existing && existing.hidden_at === null) pl.hide(existing, 'learners');
      // Named in the report, as ignored staff are: never left out without a word.
      else pl.person({ kind: 'learner', status: 'ignored', login: null, initialPassword: null, civility: l.civility, lastName: l.lastName, firstName: l.firstName, discipline: null, function: null, divisions: l.division ? [l.division] : [], groups: [...new Set(l.groups)], children: [], reason: status });
      continue;
    }
    const acc = pl.account({ externalId: l.externalId, identity: identityOf(l), profiles: ['learner'], countAs: 'learners', email: l.email, nationalId: l.nationalId, passwordKind: 'birthdate_ddmmyyyy' });
    learnerIds.set(l.externalId, { id: acc.id, label: `${l.lastName.toUpperCase()} ${l.firstName} (${acc.login})` });

    const keys: string[] = [];
    const rows: MembershipsTable[] = [];
    const base = { establishment_id: ctx.establishmentId, school_year: schoolYear, learner_id: acc.id };
    if (l.division) {
      const id = pl.structure('divisions', l.division, null, l.mef);
      keys.push(`d:${id}`);
      rows.push({ id: newId(), ...base, division_id: id, group_id: null });
    } else {
      warnings.push({
        code: 'siecle.no_division',
        message: `${eleves.fileName}, ligne ${l.line} : ${l.lastName.toUpperCase()} ${l.firstName} n'a pas de classe ; ${acc.isNew ? 'son compte est créé et apparaît' : 'son compte apparaît'} « sans classe ».`,
        file: eleves.fileName,
        line: l.line,
      });
    }
    for (const g of new Set(l.groups)) {
      const id = pl.structure('groups', g, null);
      keys.push(`g:${id}`);
      rows.push({ id: newId(), ...base, division_id: null, group_id: id });
    }
    if (pl.replaceIfChanged(pl.plan.memberships, ctx.snapshot.memberships.get(acc.id), acc.id, keys, rows) && !acc.isNew) pl.markUpdated(acc.id, 'learners');
    pl.person({ kind: 'learner', status: acc.isNew ? 'created' : 'unchanged', login: acc.login, initialPassword: acc.initialPassword, civility: l.civility, lastName: l.lastName, firstName: l.firstName, discipline: null, function: null, divisions: l.division ? [l.division] : [], groups: [...new Set(l.groups)], children: [] });
  }
  pl.hideMissing('eleve:', () => 'learners');

  // Parents: one account per person of level 1 or 2 of at least one learner with an account.
  const linksByPerson = new Map<string, { learnerId: string; label: string; level: 1 | 2 }[]>();
  for (const link of responsables.links) {
    const learner = learnerIds.get(link.learnerExternalId);
    if (!link.isLegalGuardian || !learner || (link.level !== 1 && link.level !== 2)) continue;
    const list = linksByPerson.get(link.personExternalId) ?? [];
    if (!list.some((x) => x.learnerId === learner.id)) list.push({ learnerId: learner.id, label: learner.label, level: link.level });
    linksByPerson.set(link.personExternalId, list);
  }
  const guardianRows = new Map<string, GuardiansTable[]>();
  const newParentIds = new Set<string>();
  for (const person of responsables.persons) {
    const links = linksByPerson.get(person.externalId);
    if (!links || links.length === 0) continue;
    const acc = pl.account({ externalId: person.externalId, identity: { civility: person.civility, last_name: person.lastName, first_name: person.firstName, birth_date: null }, profiles: ['parent'], countAs: 'parents', email: person.email, passwordKind: 'birthdate_ddmmyyyy' });
    if (acc.isNew) newParentIds.add(acc.id);
    for (const link of links) {
      const rows = guardianRows.get(link.learnerId) ?? [];
      rows.push({ id: newId(), establishment_id: ctx.establishmentId, parent_id: acc.id, learner_id: link.learnerId, level: link.level });
      guardianRows.set(link.learnerId, rows);
    }
    pl.person({ kind: 'parent', status: acc.isNew ? 'created' : 'unchanged', login: acc.login, initialPassword: acc.initialPassword, civility: person.civility, lastName: person.lastName, firstName: person.firstName, discipline: null, function: null, divisions: [], groups: [], children: links.map((l) => l.label) });
  }
  for (const { id: learnerId } of learnerIds.values()) {
    const rows = guardianRows.get(learnerId) ?? [];
    const keys = rows.map((r) => `${r.parent_id}:${r.level}`);
    if (pl.replaceIfChanged(pl.plan.guardians, ctx.snapshot.guardians.get(learnerId), learnerId, keys, rows)) {
      // Every guardian row's parent went through the loop above: new there, or already known.
      for (const r of rows) if (!newParentIds.has(r.parent_id)) pl.markUpdated(r.parent_id, 'parents');
    }
  }
  pl.hideMissing('resp:', () => 'parents');
  reportParentsLeftOut(pl, eleves, responsables, linksByPerson, learnerIds);
  markUpdatedPeople(pl);
  return pl.plan;
}

/**
 * Responsibles of the file who get no account, named in the report: contacts of level 3 only
 * (docs/design.md §4), and parents none of whose children is imported (left, « Inactifs »).
 * An account hidden by this import is already listed as hidden.
 */
function reportParentsLeftOut(
  pl: Planner,
  eleves: ElevesFile,
  responsables: ResponsablesFile,
  withAccount: Map<string, unknown[]>,
  imported: Map<string, { label: string }>,
): void {
  const names = new Map(eleves.learners.map((l) => [l.externalId, `${l.lastName.toUpperCase()} ${l.firstName}`]));
  const linksOf = new Map<string, typeof responsables.links>();
  for (const link of responsables.links) linksOf.set(link.personExternalId, [...(linksOf.get(link.personExternalId) ?? []), link]);
  const hidden = new Set(pl.plan.hiddenUserIds);
  for (const person of responsables.persons) {
    if (withAccount.get(person.externalId)?.length) continue;
    const links = linksOf.get(person.externalId) ?? [];
    if (links.length === 0) continue;
    const existing = pl.ctx.snapshot.usersByExternalId.get(person.externalId);
    if (existing && hidden.has(existing.id)) continue;
    const contactOf = links.filter((l) => imported.has(l.learnerExternalId));
    const reason = contactOf.length > 0 ? 'contact' : 'childrenLeft';
    const children = (reason === 'contact' ? contactOf : links).map((l) => imported.get(l.learnerExternalId)?.label ?? names.get(l.learnerExternalId) ?? l.eleveId);
    pl.person({ kind: 'parent', status: 'ignored', login: null, initialPassword: null, civility: person.civility, lastName: person.lastName, firstName: person.firstName, discipline: null, function: null, divisions: [], groups: [], children: [...new Set(children)], reason });
  }
}

/** People whose account or links changed show « mis à jour » in the report. */
function markUpdatedPeople(pl: Planner): void {
  // Only people listed « inchangé » can become « mis à jour » (none in a first import).
  if (!pl.plan.report.people.some((p) => p.status === 'unchanged' && p.login)) return;
  const updatedIds = new Set([...pl.plan.userUpdates.map((u) => u.id), ...pl.plan.teachings.owners, ...pl.plan.memberships.owners, ...pl.plan.guardians.rows.map((r) => r.parent_id)]);
  const loginsUpdated = new Set<string>();
  for (const u of pl.ctx.snapshot.usersByExternalId.values()) if (updatedIds.has(u.id)) loginsUpdated.add(u.login);
  for (const p of pl.plan.report.people) if (p.status === 'unchanged' && p.login && loginsUpdated.has(p.login)) p.status = 'updated';
}

