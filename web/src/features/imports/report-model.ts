import type { SiecleImportReport, SiecleImportReportPerson } from '@cerise/common';
import { t, type MessageKey } from '../../app/i18n/t.ts';
import { foldForSearch } from './format.ts';

/** The tables of a report (docs/guide.md §3.1.2: « vous pourrez alors visualiser … »). */
export type SectionId = 'teachers' | 'heads' | 'learners' | 'parents' | 'ignored' | 'leftOutLearners' | 'leftOutParents' | 'hidden';

export type ColumnId = 'lastName' | 'firstName' | 'login' | 'password' | 'discipline' | 'classes' | 'division' | 'groups' | 'children' | 'function' | 'profile' | 'status' | 'reason';

export type Column = {
  id: ColumnId;
  header: string;
  value: (person: SiecleImportReportPerson) => string;
};

export type Section = {
  id: SectionId;
  title: string;
  people: SiecleImportReportPerson[];
  columns: Column[];
  /** Whether the « État » filter is useful (created, updated, unchanged in one table). */
  hasStatusFilter: boolean;
};

const PROFILE_OF_KIND: Record<SiecleImportReportPerson['kind'], MessageKey> = {
  teacher: 'imports.people.profiles.teacher',
  head: 'imports.people.profiles.head',
  learner: 'imports.people.profiles.learner',
  parent: 'imports.people.profiles.parent',
  ignored: 'imports.people.profiles.ignored',
};

export function statusText(status: SiecleImportReportPerson['status']): string {
  return t(`imports.people.status.${status}`);
}

const list = (values: string[]) => values.join(', ');

/** Why a learner or a parent gets no account, in words. */
export function reasonText(person: SiecleImportReportPerson): string {
  return person.reason ? t(`imports.people.reasons.${person.reason}`) : '';
}

/** Learners and parents of the files left out (status `ignored`), counted for the summary. */
export function leftOutCounts(report: SiecleImportReport): { learners: number; parents: number } {
  const ignored = report.people.filter((p) => p.status === 'ignored');
  return { learners: ignored.filter((p) => p.kind === 'learner').length, parents: ignored.filter((p) => p.kind === 'parent').length };
}

function columnsOf(id: SectionId, withPasswords: boolean): Column[] {
  const c = (columnId: ColumnId, value: Column['value']): Column => ({ id: columnId, header: t(`imports.people.columns.${columnId}`), value });
  const lastName = c('lastName', (p) => p.lastName);
  const firstName = c('firstName', (p) => p.firstName);
  const login = c('login', (p) => p.login ?? '');
  const password = c('password', (p) => p.initialPassword ?? (p.status === 'created' ? '' : t('imports.people.existingAccount')));
  const status = c('status', (p) => statusText(p.status));
  const credentials = withPasswords ? [login, password] : [login];
  switch (id) {
    case 'teachers':
      return [lastName, firstName, ...credentials, c('discipline', (p) => p.discipline ?? ''), c('classes', (p) => list([...p.divisions, ...p.groups])), status];
    case 'heads':
      return [lastName, firstName, ...credentials, status];
    case 'learners':
      return [
        lastName,
        firstName,
        ...credentials,
        c('division', (p) => (p.divisions.length > 0 ? list(p.divisions) : t('imports.people.noClass'))),
        c('groups', (p) => list(p.groups)),
        status,
      ];
    case 'parents':
      return [lastName, firstName, ...credentials, c('children', (p) => list(p.children)), status];
    case 'ignored':
      return [lastName, firstName, c('function', (p) => p.function ?? p.discipline ?? t('imports.people.noFunction'))];
    case 'leftOutLearners':
      return [lastName, firstName, c('division', (p) => list([...p.divisions, ...p.groups])), c('reason', reasonText)];
    case 'leftOutParents':
      return [lastName, firstName, c('children', (p) => list(p.children)), c('reason', reasonText)];
    case 'hidden':
      return [c('profile', (p) => t(PROFILE_OF_KIND[p.kind])), lastName, firstName, login];
  }
}

const SECTION_ORDER: Record<SiecleImportReport['kind'], SectionId[]> = {
  teachers: ['teachers', 'heads', 'ignored', 'hidden'],
  learners: ['learners', 'parents', 'leftOutLearners', 'leftOutParents', 'hidden'],
};

function belongsTo(id: SectionId, p: SiecleImportReportPerson): boolean {
  if (id === 'hidden') return p.status === 'hidden';
  if (p.status === 'hidden') return false;
  if (id === 'leftOutLearners') return p.kind === 'learner' && p.status === 'ignored';
  if (id === 'leftOutParents') return p.kind === 'parent' && p.status === 'ignored';
  if ((p.kind === 'learner' || p.kind === 'parent') && p.status === 'ignored') return false;
  const kindOf: Record<Exclude<SectionId, 'hidden' | 'leftOutLearners' | 'leftOutParents'>, SiecleImportReportPerson['kind']> = {
    teachers: 'teacher',
    heads: 'head',
    learners: 'learner',
    parents: 'parent',
    ignored: 'ignored',
  };
  return p.kind === kindOf[id];
}

/**
 * The tables of a report, in the guide's order. The main tables are always there (even empty);
 * ignored staff, learners and parents left out, and hidden people only when there are some. Passwords only once applied.
 */
export function reportSections(report: SiecleImportReport): Section[] {
  const withPasswords = !report.dryRun;
  const main = report.kind === 'teachers' ? ['teachers', 'heads'] : ['learners', 'parents'];
  return SECTION_ORDER[report.kind]
    .map((id): Section => {
      const people = report.people.filter((p) => belongsTo(id, p));
      const statuses = new Set(people.map((p) => p.status));
      return {
        id,
        title: t(`imports.people.sections.${id}`),
        people,
        columns: columnsOf(id, withPasswords),
        hasStatusFilter: (id === 'teachers' || id === 'heads' || id === 'learners' || id === 'parents') && statuses.size > 1,
      };
    })
    .filter((s) => main.includes(s.id) || s.people.length > 0);
}

export type StatusFilter = 'all' | SiecleImportReportPerson['status'];

/** The rows matching a free text (any column, accents and case ignored) and a status. */
export function filterPeople(section: Section, query: string, status: StatusFilter): SiecleImportReportPerson[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  return section.people.filter((p) => {
    if (status !== 'all' && p.status !== status) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(section.columns.map((c) => c.value(p)).join(' '));
    return words.every((w) => haystack.includes(w));
  });
}
