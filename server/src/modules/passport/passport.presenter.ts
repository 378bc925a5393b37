import type { BlockedCompetency, PassportReview, SituationDetail, SituationSummary } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';
import * as repo from './passport.repository.ts';

/** Turns rows into the API's shapes; loads what a page of situations needs in a few queries. */

export const person = (r: { teacher_id: string; login: string; last_name: string; first_name: string }) => ({
  id: r.teacher_id,
  login: r.login,
  lastName: r.last_name,
  firstName: r.first_name,
});

export function presentReview(r: repo.ReviewRow): PassportReview {
  return { id: r.id, level: r.level, appraisal: r.appraisal, reviewedOn: r.reviewed_on, createdAt: r.created_at, teacher: person(r) };
}

export function presentBlocked(rows: Awaited<ReturnType<typeof repo.blockedOf>>): BlockedCompetency[] {
  return rows.map((b) => ({ competencyId: b.competency_id, competencyCode: b.code, blockedAt: b.blocked_at, teacher: person(b) }));
}

/** Everything the list and the detail show about these situations. */
export async function loadRelated(db: DbOrTx, establishmentId: string, learnerId: string, rows: repo.SituationRow[]) {
  const ids = rows.map((r) => r.id);
  const [refs, reviews, attachments, items, blocked, beps] = await Promise.all([
    repo.competencyRefs(db, establishmentId, [...new Set(rows.map((r) => r.competency_id))]),
    repo.reviewsOf(db, ids),
    repo.attachmentsOf(db, ids),
    repo.itemsOf(db, ids),
    repo.blockedOf(db, establishmentId, learnerId),
    rows.some((r) => r.bep_activity_id) ? repo.bepActivities(db, establishmentId) : Promise.resolve([]),
  ]);
  return {
    refs: new Map(refs.map((r) => [r.id, r])),
    reviews: groupBy(reviews, (r) => r.situation_id),
    attachments: groupBy(attachments, (a) => a.situation_id),
    items: groupBy(items, (i) => i.owner_id),
    blocked,
    blockedIds: new Set(blocked.map((b) => b.competency_id)),
    beps: new Map(beps.map((b) => [b.id, b])),
  };
}
export type Related = Awaited<ReturnType<typeof loadRelated>>;

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export function presentSummary(row: repo.SituationRow, rel: Related): SituationSummary {
  const ref = rel.refs.get(row.competency_id);
  const reviews = rel.reviews.get(row.id) ?? [];
  const last = reviews.at(-1);
  const bep = row.bep_activity_id ? rel.beps.get(row.bep_activity_id) : undefined;
  return {
    id: row.id,
    title: row.title,
    occurredOn: row.occurred_on,
    createdAt: row.created_at,
    place: row.place,
    context: row.context,
    conditions: row.conditions,
    situation: {
      competencyId: row.competency_id,
      competencyCode: ref?.code ?? '',
      competencyLabel: ref?.label ?? '',
      situationCode: ref?.situation_code ?? '',
      situationTitle: ref?.situation_title ?? '',
      poleCode: ref?.pole_code ?? '',
    },
    attachmentCount: rel.attachments.get(row.id)?.length ?? 0,
    bepActivity: bep ? { id: bep.id, code: bep.code, label: bep.label } : null,
    lastReview: last ? presentReview(last) : null,
    changedSinceReview: last !== undefined && row.content_changed_at > last.created_at,
    blocked: rel.blockedIds.has(row.competency_id),
  };
}

export function presentDetail(row: repo.SituationRow, rel: Related, learner: { id: string; login: string; last_name: string; first_name: string }): SituationDetail {
  const items = rel.items.get(row.id) ?? [];
  return {
    ...presentSummary(row, rel),
    learner: { id: learner.id, login: learner.login, lastName: learner.last_name, firstName: learner.first_name },
    complexityIds: items.flatMap((i) => (i.complexity_id ? [i.complexity_id] : [])),
    hazardIds: items.flatMap((i) => (i.hazard_id ? [i.hazard_id] : [])),
    doneText: row.done_text,
    producedText: row.produced_text,
    analysisText: row.analysis_text,
    usageText: row.usage_text,
    bepText: row.bep_text,
    attachments: (rel.attachments.get(row.id) ?? []).map((a) => ({ id: a.id, filename: a.filename, part: a.part, mediaType: a.media_type, size: a.size })),
    reviews: (rel.reviews.get(row.id) ?? []).map(presentReview),
    version: row.version,
  };
}
