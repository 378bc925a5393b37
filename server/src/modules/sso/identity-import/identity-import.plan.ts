/**
 * Matching the lines of an ENT export to accounts (docs/sso.md « Import des identifiants ENT »),
 * after SACoche's `import_ent`: on the SIECLE id (ELEVE_ID, PERSONNE_ID or STS id) or the INE when
 * the line has one, otherwise on the accent-folded last and first names. Pure: the use case loads
 * the accounts and the provider's current links, this decides, the use case applies.
 */
import crypto from 'node:crypto';
import type { IdentityImportOutcome, IdentityImportRow } from '@cerise/common';
import { foldName } from '../sso.matching.ts';
import type { MappedLine } from './identity-import.csv.ts';

export interface ImportAccount {
  id: string;
  login: string;
  last_name: string;
  first_name: string;
  external_id: string | null;
  national_id: string | null;
  hidden_at: string | null;
  left_at: string | null;
  is_learner: 0 | 1;
  is_parent: 0 | 1;
  is_teacher: 0 | 1;
}

const hasProfile = (a: ImportAccount, p: MappedLine['profile']) =>
  p === null || (p === 'learner' && a.is_learner === 1) || (p === 'parent' && a.is_parent === 1) || (p === 'teacher' && a.is_teacher === 1);

export interface CurrentLink {
  user_id: string;
  subject: string;
}

export interface PlannedChange {
  userId: string;
  subject: string;
  /** `changed`: the subject it replaces. */
  replaces: string | null;
}

export interface ImportPlan {
  rows: IdentityImportRow[];
  counts: Record<IdentityImportOutcome, number>;
  changes: PlannedChange[];
  digest: string;
}

const isActive = (a: ImportAccount, at: string) => a.hidden_at === null && (a.left_at === null || a.left_at > at);
const nameKey = (last: string, first: string) => `${foldName(last)}|${foldName(first)}`;

export function planIdentityImport(lines: readonly MappedLine[], accounts: readonly ImportAccount[], links: readonly CurrentLink[], at: string): ImportPlan {
  const byExternal = new Map<string, ImportAccount[]>();
  const byIne = new Map<string, ImportAccount[]>();
  const byNames = new Map<string, ImportAccount[]>();
  const add = (m: Map<string, ImportAccount[]>, k: string, a: ImportAccount) => m.set(k, [...(m.get(k) ?? []), a]);
  for (const a of accounts) {
    if (a.external_id) add(byExternal, a.external_id.slice(a.external_id.indexOf(':') + 1), a);
    if (a.national_id) add(byIne, a.national_id.toUpperCase(), a);
    add(byNames, nameKey(a.last_name, a.first_name), a);
  }
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const holderOf = new Map(links.map((l) => [l.subject, l.user_id]));
  const subjectOf = new Map<string, string>();
  for (const l of links) if (!subjectOf.has(l.user_id)) subjectOf.set(l.user_id, l.subject);

  const idCount = new Map<string, number>();
  for (const l of lines) if (l.idEnt) idCount.set(l.idEnt, (idCount.get(l.idEnt) ?? 0) + 1);

  type Draft = { line: MappedLine; outcome: IdentityImportOutcome; account: ImportAccount | null; matchedBy: IdentityImportRow['matchedBy']; previous: string | null; candidates: number };
  const drafts: Draft[] = lines.map((line) => {
    const d: Draft = { line, outcome: 'unknown', account: null, matchedBy: null, previous: null, candidates: 0 };
    if (!line.idEnt || line.idEnt.length > 255 || (!line.sconetId && !line.ine && (!line.lastName || !line.firstName))) return { ...d, outcome: 'invalid' };
    if ((idCount.get(line.idEnt) ?? 0) > 1) return { ...d, outcome: 'duplicate' };
    let found: ImportAccount[];
    if (line.sconetId) {
      found = byExternal.get(line.sconetId) ?? [];
      d.matchedBy = 'sconet_id';
      // A SIECLE id shared by a learner and a parent (different number spaces): the names decide.
      if (found.length > 1) found = found.filter((a) => nameKey(a.last_name, a.first_name) === nameKey(line.lastName, line.firstName));
    } else if (line.ine) {
      found = byIne.get(line.ine) ?? [];
      d.matchedBy = 'ine';
    } else {
      found = (byNames.get(nameKey(line.lastName, line.firstName)) ?? []).filter((a) => hasProfile(a, line.profile));
      d.matchedBy = 'names';
    }
    const active = found.filter((a) => isActive(a, at));
    if (active.length === 1) return { ...d, account: active[0]!, candidates: 1 };
    if (active.length > 1) return { ...d, outcome: 'homonyms', matchedBy: null, candidates: active.length };
    if (found.length > 0) return { ...d, outcome: 'left', account: found[0]!, candidates: found.length };
    return { ...d, matchedBy: null };
  });

  // One account on several lines: none of them is applied.
  const accountLines = new Map<string, number>();
  for (const d of drafts) if (d.account && d.outcome === 'unknown') accountLines.set(d.account.id, (accountLines.get(d.account.id) ?? 0) + 1);

  const changes: PlannedChange[] = [];
  for (const d of drafts) {
    if (!d.account || d.outcome !== 'unknown') continue;
    if ((accountLines.get(d.account.id) ?? 0) > 1) {
      d.outcome = 'duplicate';
      continue;
    }
    const holder = holderOf.get(d.line.idEnt);
    const current = subjectOf.get(d.account.id) ?? null;
    if (holder === d.account.id) d.outcome = 'unchanged';
    else if (holder) {
      d.outcome = 'taken';
      d.previous = accountById.get(holder)?.login ?? null;
    } else if (current !== null) {
      d.outcome = 'changed';
      d.previous = current;
      changes.push({ userId: d.account.id, subject: d.line.idEnt, replaces: current });
    } else {
      d.outcome = 'linked';
      changes.push({ userId: d.account.id, subject: d.line.idEnt, replaces: null });
    }
  }

  const counts = Object.fromEntries(
    (['linked', 'changed', 'unchanged', 'taken', 'homonyms', 'unknown', 'left', 'duplicate', 'invalid'] as const).map((o) => [o, 0]),
  ) as Record<IdentityImportOutcome, number>;
  for (const d of drafts) counts[d.outcome]++;
  const rows: IdentityImportRow[] = drafts.map((d) => ({
    line: d.line.line,
    idEnt: d.line.idEnt,
    lastName: d.line.lastName,
    firstName: d.line.firstName,
    outcome: d.outcome,
    matchedBy: d.outcome === 'unknown' || d.outcome === 'invalid' || d.outcome === 'homonyms' ? null : d.matchedBy,
    account: d.account ? { id: d.account.id, login: d.account.login, lastName: d.account.last_name, firstName: d.account.first_name } : null,
    previous: d.previous,
    candidates: d.candidates,
  }));
  const sorted = [...changes].sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const digest = crypto.createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 32);
  return { rows, counts, changes, digest };
}
