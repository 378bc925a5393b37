import type { ClassCcf, ClassOverview, LearnerDashboard } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { nowIso } from '../../util/ids.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { learnerReadableBy } from '../relations/relations.usecases.ts';
import { childrenOf, learnersTaughtBy } from '../relations/relations.repository.ts';
import { ccfForLearner, ep1Of, lastReviews, masteryOf, piecesByCell, type Mastered } from './dashboard.compute.ts';
import { loadEvidence, loadSettings, loadStructure } from './dashboard.data.ts';
import { presentLearnerDashboard } from './dashboard.presenter.ts';
import * as repo from './dashboard.repository.ts';

/*
 * Tableau de bord (docs/guide.md § 3.8, docs/design.md §5–§6). Who may read a learner's dashboard: the learner,
 * their parents, their teachers this year, administrators (learnerReadableBy: otherwise 404).
 * Every read by someone other than the learner goes to the audit log.
 */

async function audit(deps: Deps, ctx: RequestContext, action: string, targetType: string, targetId: string) {
  await recordAudit(deps.db, { establishmentId: ctx.establishmentId, actorId: ctx.actor.id, action, targetType, targetId, ip: ctx.ip, at: nowIso(ctx.at) });
}

/** One learner's dashboard; `action` names the audited read (screen or PDF). */
export async function learnerDashboard(deps: Deps, ctx: RequestContext, learnerId: string, action = 'dashboard.learner_viewed'): Promise<LearnerDashboard> {
  const { learner } = await learnerReadableBy(deps, ctx, learnerId, 'dashboard.learner_not_found');
  const [structure, settings, data, blocked, divisions] = await Promise.all([
    loadStructure(deps.db, ctx.establishmentId),
    loadSettings(deps.db, ctx.establishmentId),
    loadEvidence(deps.db, ctx.establishmentId, [learner.id]),
    repo.listBlocked(deps.db, ctx.establishmentId, [learner.id]),
    repo.listLearnerDivisions(deps.db, ctx.establishmentId, learner.id),
  ]);
  if (ctx.actor.id !== learner.id) await audit(deps, ctx, action, 'user', learner.id);
  return presentLearnerDashboard(learner, structure, settings, data, blocked, divisions);
}

/** The divisions whose dashboards the actor may open: those holding a learner they teach; all for administrators. */
export async function listDashboardDivisions(deps: Deps, ctx: RequestContext) {
  const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
  if (ctx.actor.profiles.includes('administrator')) return { divisions: await repo.listDivisions(deps.db, ctx.establishmentId, schoolYear) };
  const taught = await learnersTaughtBy(deps.db, { establishmentId: ctx.establishmentId, schoolYear }, ctx.actor.id);
  return { divisions: await repo.listDivisions(deps.db, ctx.establishmentId, schoolYear, taught) };
}

/** A parent's children (the child chosen at the top). */
export async function listChildren(deps: Deps, ctx: RequestContext) {
  const rows = await childrenOf(deps.db, ctx.establishmentId, ctx.actor.id);
  return { children: rows.map((r) => ({ id: r.id, login: r.login, lastName: r.last_name, firstName: r.first_name })) };
}

/** The division and the learners of it this actor may read; 404 when none. */
async function divisionLearners(deps: Deps, ctx: RequestContext, divisionId: string) {
  const division = await repo.findDivision(deps.db, ctx.establishmentId, divisionId);
  if (!division) throw notFound('dashboard.division_not_found');
  let learners = await repo.listDivisionLearners(deps.db, ctx.establishmentId, division.id, division.school_year);
  if (!ctx.actor.profiles.includes('administrator')) {
    const schoolYear = await activeSchoolYear(deps.db, ctx.establishmentId, ctx.at);
    const taught = new Set(await learnersTaughtBy(deps.db, { establishmentId: ctx.establishmentId, schoolYear }, ctx.actor.id));
    learners = learners.filter((l) => taught.has(l.id));
    if (learners.length === 0) throw notFound('dashboard.division_not_found');
  }
  return { division, learners };
}

const person = (l: { id: string; login: string; last_name: string; first_name: string }) => ({ id: l.id, login: l.login, lastName: l.last_name, firstName: l.first_name });

async function classData(deps: Deps, ctx: RequestContext, divisionId: string) {
  const { division, learners } = await divisionLearners(deps, ctx, divisionId);
  const ids = learners.map((l) => l.id);
  const [structure, settings, data] = await Promise.all([
    loadStructure(deps.db, ctx.establishmentId),
    loadSettings(deps.db, ctx.establishmentId),
    loadEvidence(deps.db, ctx.establishmentId, ids, false),
  ]);
  await audit(deps, ctx, 'dashboard.class_viewed', 'division', division.id);
  const cells = piecesByCell(data);
  const masteries = new Map<string, Map<string, Mastered>>();
  for (const l of learners) {
    const m = new Map<string, Mastered>();
    for (const c of structure.competencies) m.set(c.id, masteryOf(cells.get(`${l.id}|${c.id}`), settings.mastery));
    masteries.set(l.id, m);
  }
  return { division, learners, structure, settings, data, cells, masteries };
}

/** Class overview: learners × competencies (heat map). */
export async function classOverview(deps: Deps, ctx: RequestContext, divisionId: string): Promise<ClassOverview> {
  const { division, learners, structure, masteries } = await classData(deps, ctx, divisionId);
  return {
    division: { id: division.id, code: division.code },
    competencies: structure.competencies.map((c) => ({ id: c.id, code: c.code, label: c.label, poleCode: c.pole_code })),
    learners: learners.map((l) => ({
      ...person(l),
      cells: structure.competencies.map((c) => {
        const m = masteries.get(l.id)!.get(c.id)!;
        return { percent: m.percent, state: m.state, evidenceCount: m.evidenceCount };
      }),
    })),
  };
}

/** The CCF table of a class: learners × E31, E32, E33, and EP1. */
export async function classCcf(deps: Deps, ctx: RequestContext, divisionId: string): Promise<ClassCcf> {
  const { division, learners, structure, settings, data, cells, masteries } = await classData(deps, ctx, divisionId);
  const last = lastReviews(data.reviews);
  const rows = learners.map((l) => {
    const situations = data.situations.filter((s) => s.learner_id === l.id);
    const pieces = structure.competencies.flatMap((c) => cells.get(`${l.id}|${c.id}`) ?? []);
    return { ...person(l), units: ccfForLearner(structure, masteries.get(l.id)!, pieces, situations, last, settings), ep1: ep1Of(structure, situations) };
  });
  const units = rows[0]?.units.map((u) => ({ unitCode: u.unitCode, poleCode: u.poleCode, poleTitle: u.poleTitle })) ?? [];
  return { division: { id: division.id, code: division.code }, units, learners: rows };
}

/** The learners of a division this actor may open (to choose one). */
export async function listDivisionLearners(deps: Deps, ctx: RequestContext, divisionId: string) {
  const { learners } = await divisionLearners(deps, ctx, divisionId);
  return { learners: learners.map(person) };
}
