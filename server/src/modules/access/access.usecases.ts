import {
  LEARNER_RESET_SKIP_LABELS,
  NO_DIVISION_CODE,
  NO_DIVISION_ID,
  PASSWORD_STATE_LABELS,
  type AccessLearnersResponse,
  type AccessParent,
  type AccessParentsResponse,
  type ParentPasswordResetResponse,
  type PasswordHandover,
  type ResetLearnersResponse,
} from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { DbOrTx } from '../../db/schema.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { SessionUser } from '../auth/auth.presenter.ts';
import { digestInitialSecret, randomPassword } from '../auth/passwords.ts';
import { loginUrl } from '../establishments/new-accounts.ts';
import { enqueueMail } from '../mail/mail.repository.ts';
import { assertEstablishmentReady } from '../settings/settings.usecases.ts';
import { findEstablishmentById } from '../establishments/establishments.repository.ts';
import { lockoutKey } from '../users/users.actions.usecases.ts';
import { groupClassLinks } from '../users/users.admin.presenter.ts';
import { childrenOfParents, classLinksOfUsers } from '../users/users.admin.repository.ts';
import { passwordResetMails } from '../users/users.mails.ts';
import { passwordStateOf } from '../users/password-state.ts';
import { currentSchoolYear } from '../users/users.admin.usecases.ts';
import { textCell, toFrenchCsv } from '../../util/csv.ts';
import { frenchDate, frenchDateTime } from './access.csv.ts';
import type { ParentLetter } from './access.letters.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import { byName, presentLearner, presentParent } from './access.presenter.ts';
import { resetLearnersToBirthDate, setRandomInitialSecret } from '../users/accounts.repository.ts';
import * as repo from './access.repository.ts';

type AccessScope = {
  division: AccessLearnersResponse['division'];
  /** For file names: the division code, or `sans-classe`. */
  slug: string;
  learners: (db: DbOrTx) => Promise<repo.AccessUserRow[]>;
  parents: (db: DbOrTx) => Promise<repo.AccessUserRow[]>;
};

/** A visible division of the establishment, or « Sans classe » (learners in no division this school year). */
async function requireScope(deps: Deps, db: DbOrTx, establishmentId: string, divisionId: string): Promise<AccessScope> {
  if (divisionId === NO_DIVISION_ID) {
    const schoolYear = await currentSchoolYear({ ...deps, db }, establishmentId);
    return {
      division: { id: NO_DIVISION_ID, code: NO_DIVISION_CODE, label: null, schoolYear },
      slug: NO_DIVISION_ID,
      learners: (tx) => repo.learnersWithoutDivision(tx, establishmentId, schoolYear),
      parents: (tx) => repo.parentsOfLearnersWithoutDivision(tx, establishmentId, schoolYear),
    };
  }
  const d = await repo.findDivision(db, establishmentId, divisionId);
  if (!d) throw notFound('access.division_not_found');
  return {
    division: { id: d.id, code: d.code, label: d.label, schoolYear: d.school_year },
    slug: d.code,
    learners: (tx) => repo.learnersOfDivision(tx, establishmentId, d.id),
    parents: (tx) => repo.parentsOfDivision(tx, establishmentId, d.id),
  };
}

/** « Choisir une classe » → its learners with login, birth date and last login. */
export async function listDivisionLearners(deps: Deps, user: SessionUser, divisionId: string): Promise<AccessLearnersResponse> {
  const scope = await requireScope(deps, deps.db, user.establishmentId, divisionId);
  const learners = (await scope.learners(deps.db)).sort(byName);
  return { division: scope.division, learners: learners.map(presentLearner) };
}

/** « CSV de la division » (docs/guide.md §3.3.2). */
export async function divisionLearnersCsv(deps: Deps, user: SessionUser, divisionId: string): Promise<{ body: Buffer; filename: string }> {
  const scope = await requireScope(deps, deps.db, user.establishmentId, divisionId);
  const division = scope.division;
  const learners = (await scope.learners(deps.db)).sort(byName);
  const body = toFrenchCsv(
    ['Division', 'Nom', 'Prénom', 'Identifiant', 'Date de naissance', 'Mot de passe personnel choisi', 'Mot de passe en vigueur', 'Dernière connexion'],
    learners.map((l) => [
      textCell(division.code),
      l.last_name,
      l.first_name,
      textCell(l.login),
      frenchDate(l.birth_date),
      passwordStateOf(l) === 'chosen' ? 'Oui' : 'Non',
      PASSWORD_STATE_LABELS[passwordStateOf(l)],
      frenchDateTime(l.last_login_at),
    ]),
  );
  return { body: Buffer.from(body), filename: `apprenants-${scope.slug}.csv` };
}

/**
 * « Réinitialiser tous les comptes marqués »: back to `jjmmaaaa` with a forced change (instant,
 * docs/design.md §4). Every id must be a visible learner of the division (else 404, nothing changes);
 * learners without a birth date are skipped with the reason.
 */
export async function resetDivisionLearners(deps: Deps, ctx: RequestContext, divisionId: string, learnerIds: string[]): Promise<ResetLearnersResponse> {
  const { actor, ip } = ctx;
  const at = nowIso(ctx.at);
  return inTransaction(deps.db, async (tx) => {
    const scope = await requireScope(deps, tx, actor.establishmentId, divisionId);
    const learners = new Map((await scope.learners(tx)).map((l) => [l.id, l]));
    const wanted = [...new Set(learnerIds)].map((id) => learners.get(id));
    if (wanted.some((l) => l === undefined)) throw notFound('access.learner_not_found');
    const rows = (wanted as repo.AccessUserRow[]).sort(byName);
    const eligible = rows.filter((l) => l.birth_date !== null);
    const skipped = rows.filter((l) => l.birth_date === null);
    const ids = eligible.map((l) => l.id);
    await resetLearnersToBirthDate(tx, actor.establishmentId, ids, at);
    await repo.deleteSessionsOfUsers(tx, actor.establishmentId, ids);
    await repo.clearLockouts(tx, eligible.map((l) => lockoutKey(actor.establishmentId, l.login)));
    for (const l of eligible) {
      await recordAudit(tx, {
        establishmentId: actor.establishmentId,
        actorId: actor.id,
        action: 'access.learner_reset',
        targetType: 'user',
        targetId: l.id,
        details: { login: l.login, division: scope.division.code },
        ip,
        at,
      });
    }
    return {
      reset: eligible.map((l) => ({ id: l.id, login: l.login })),
      skipped: skipped.map((l) => ({ id: l.id, login: l.login, reason: 'no_birth_date' as const, message: LEARNER_RESET_SKIP_LABELS.no_birth_date })),
    };
  });
}

/** Parents' children with their divisions: two queries for the whole list. */
async function childrenByParent(db: DbOrTx, establishmentId: string, parentIds: string[], schoolYear: string) {
  const children = await childrenOfParents(db, establishmentId, parentIds);
  const classes = groupClassLinks(await classLinksOfUsers(db, establishmentId, [...new Set(children.map((c) => c.id))], schoolYear));
  const out = new Map<string, AccessParent['children']>();
  for (const c of [...children].sort(byName)) {
    const list = out.get(c.parent_id) ?? [];
    list.push({
      id: c.id,
      login: c.login,
      lastName: c.last_name,
      firstName: c.first_name,
      divisions: (classes.get(c.id)?.divisions ?? []).map((d) => d.code),
      level: c.level,
    });
    out.set(c.parent_id, list);
  }
  return out;
}

/** The parents of a division, with their children (the part the original left unfinished). */
export async function listDivisionParents(deps: Deps, user: SessionUser, divisionId: string): Promise<AccessParentsResponse> {
  const scope = await requireScope(deps, deps.db, user.establishmentId, divisionId);
  const parents = (await scope.parents(deps.db)).sort(byName);
  const children = await childrenByParent(deps.db, user.establishmentId, parents.map((p) => p.id), scope.division.schoolYear);
  return { division: scope.division, parents: parents.map((p) => presentParent(p, children.get(p.id) ?? [])) };
}

/**
 * A parent's password reset: a random temporary password (stored as a digest, docs/design.md §4), to
 * change at next login; by two mails (the parent's e-mail and the establishment's name and e-mail
 * are then required) or returned once for a letter. Without `delivery`: by mail when an e-mail is
 * known, else for a letter. Every session of the parent ends.
 */
export async function resetParentPassword(deps: Deps, ctx: RequestContext, parentId: string, delivery?: PasswordHandover): Promise<ParentPasswordResetResponse> {
  const { actor, ip } = ctx;
  const parent = await repo.findParent(deps.db, actor.establishmentId, parentId);
  if (!parent) throw notFound('access.parent_not_found');
  const handover = delivery ?? (parent.email ? 'mail' : 'letter');
  if (handover === 'mail' && !parent.email) throw conflict('users.no_email');
  const establishment = handover === 'mail' ? await assertEstablishmentReady(deps.db, actor.establishmentId) : await findEstablishmentById(deps.db, actor.establishmentId);
  if (!establishment) throw notFound();
  const password = randomPassword(10);
  const at = nowIso(ctx.at);
  const url = loginUrl(deps, establishment.uai);
  const email = handover === 'mail' ? parent.email : null;
  let mailsQueued = 0;
  await inTransaction(deps.db, async (tx) => {
    await setRandomInitialSecret(tx, actor.establishmentId, parent.id, digestInitialSecret(password), handover, at);
    await repo.deleteSessionsOfUsers(tx, actor.establishmentId, [parent.id]);
    await repo.clearLockouts(tx, [lockoutKey(actor.establishmentId, parent.login)]);
    if (email) {
      const mails = passwordResetMails({ establishmentName: establishment.name, loginUrl: url, login: parent.login, password, firstName: parent.first_name, lastName: parent.last_name });
      for (const m of mails) await enqueueMail(tx, { establishmentId: actor.establishmentId, to: email, ...m }, at);
      mailsQueued = mails.length;
    }
    await recordAudit(tx, {
      establishmentId: actor.establishmentId,
      actorId: actor.id,
      action: 'access.parent_password_reset',
      targetType: 'user',
      targetId: parent.id,
      details: { login: parent.login, delivery: email ? 'mail' : 'letter' },
      ip,
      at,
    });
  });
  return email ? { delivery: 'mail', email, mailsQueued } : { delivery: 'letter', login: parent.login, temporaryPassword: password, loginUrl: url };
}

/**
 * Printable letters (PDF) for the listed parents of a division: each gets a fresh temporary
 * password (the previous one stops working) and a page with the login address. All or nothing.
 */
export async function divisionParentLetters(deps: Deps, ctx: RequestContext, divisionId: string, parentIds: string[]): Promise<{ body: Buffer; filename: string }> {
  const { actor, ip } = ctx;
  const at = nowIso(ctx.at);
  // Read, draw the passwords and render (worker pool) first; then write them in a short
  // transaction: nothing changes if the rendering fails, and the writer is not held while a
  // class's letters are drawn (docs/performance.md).
  const scope = await requireScope(deps, deps.db, actor.establishmentId, divisionId);
  const division = scope.division;
  const establishment = await findEstablishmentById(deps.db, actor.establishmentId);
  if (!establishment) throw notFound();
  const parents = new Map((await scope.parents(deps.db)).map((p) => [p.id, p]));
  const wanted = [...new Set(parentIds)].map((id) => parents.get(id));
  if (wanted.some((p) => p === undefined)) throw notFound('access.parent_not_found');
  const children = await childrenByParent(deps.db, actor.establishmentId, parentIds, division.schoolYear);
  // Families together: by the first child's name, then the parent's.
  const familyKey = (p: repo.AccessUserRow) => {
    const c = children.get(p.id)?.find((x) => x.divisions.includes(division.code)) ?? children.get(p.id)?.[0];
    return c ? `${c.lastName} ${c.firstName} ${c.id}` : '';
  };
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const rows = (wanted as repo.AccessUserRow[]).sort((a, b) => collator.compare(familyKey(a), familyKey(b)) || byName(a, b));
  const letters: ParentLetter[] = rows.map((p) => ({
    civility: p.civility,
    firstName: p.first_name,
    lastName: p.last_name,
    login: p.login,
    temporaryPassword: randomPassword(10),
    children: (children.get(p.id) ?? []).map((c) => `${c.firstName} ${c.lastName}${c.divisions.length ? ` (${c.divisions.join(', ')})` : ''}`),
  }));
  const pdf = await deps.workers.run('access.parentLetters', { establishment, loginUrl: loginUrl(deps, establishment.uai), date: ctx.at, letters }, { key: actor.establishmentId });
  await inTransaction(deps.db, async (tx) => {
    for (const [i, p] of rows.entries()) {
      await setRandomInitialSecret(tx, actor.establishmentId, p.id, digestInitialSecret(letters[i]!.temporaryPassword), 'letter', at);
      await recordAudit(tx, {
        establishmentId: actor.establishmentId,
        actorId: actor.id,
        action: 'access.parent_letter',
        targetType: 'user',
        targetId: p.id,
        details: { login: p.login, division: division.code },
        ip,
        at,
      });
    }
    await repo.deleteSessionsOfUsers(tx, actor.establishmentId, rows.map((p) => p.id));
    await repo.clearLockouts(tx, rows.map((p) => lockoutKey(actor.establishmentId, p.login)));
  });
  return { body: asBuffer(pdf), filename: `lettres-parents-${scope.slug}.pdf` };
}
