import type { Evaluation, EvaluationCompetency } from '@cerise/common';
import type * as repo from './evaluations.repository.ts';

type PersonRow = { id: string; login: string; last_name: string; first_name: string };

export const presentPerson = (p: PersonRow) => ({ id: p.id, login: p.login, lastName: p.last_name, firstName: p.first_name });

type ItemRow = { owner_id: string; id: string; label: string };

/** Ordered competencies with the complexities and hazards chosen for each. */
export function presentCompetencies(
  rows: Awaited<ReturnType<typeof repo.listEvaluationCompetencies>>,
  items: { complexities: ItemRow[]; hazards: ItemRow[] },
): EvaluationCompetency[] {
  const byOwner = (list: ItemRow[]) => {
    const m = new Map<string, { id: string; label: string }[]>();
    for (const i of list) m.set(i.owner_id, [...(m.get(i.owner_id) ?? []), { id: i.id, label: i.label }]);
    return m;
  };
  const complexities = byOwner(items.complexities);
  const hazards = byOwner(items.hazards);
  return rows.map((r) => ({
    id: r.id,
    competencyId: r.competency_id,
    code: r.code,
    label: r.label,
    position: r.position,
    complexities: complexities.get(r.id) ?? [],
    hazards: hazards.get(r.id) ?? [],
  }));
}

export function presentEvaluation(p: {
  row: repo.EvaluationRow;
  author: PersonRow;
  coauthors: PersonRow[];
  canEdit: boolean;
  isAuthor: boolean;
  competencies: EvaluationCompetency[];
  learners: Awaited<ReturnType<typeof repo.listEvaluationLearners>>;
  classCodes: Map<string, string[]>;
  results: { learner_id: string; evaluation_competency_id: string; level: Evaluation['results'][number]['level']; version: number }[];
}): Evaluation {
  return {
    id: p.row.id,
    title: p.row.title,
    evaluatedOn: p.row.evaluated_on,
    schoolYear: p.row.school_year,
    isVisible: p.row.is_visible === 1,
    scenarioId: p.row.scenario_id,
    version: p.row.version,
    author: presentPerson(p.author),
    coauthors: p.coauthors.map(presentPerson),
    canEdit: p.canEdit,
    isAuthor: p.isAuthor,
    competencies: p.competencies,
    learners: p.learners.map((l) => ({
      ...presentPerson(l),
      classCodes: p.classCodes.get(l.id) ?? [],
      comment: l.comment,
      commentVersion: l.comment_version,
    })),
    results: p.results.map((r) => ({ learnerId: r.learner_id, evaluationCompetencyId: r.evaluation_competency_id, level: r.level, version: r.version })),
  };
}
