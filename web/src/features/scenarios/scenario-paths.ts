import { MODULE_PATHS } from '@cerise/common';

/** Addresses of the scenarios pages (relative parts live in scenarios.routes.tsx). */
export function scenarioPath(uai: string) {
  const root = `/${uai}/${MODULE_PATHS.scenarios}`;
  return {
    list: root,
    create: `${root}/nouveau`,
    one: (id: string) => `${root}/${id}`,
    edit: (id: string) => `${root}/${id}/modifier`,
    evaluate: (id: string) => `${root}/${id}/evaluer`,
  };
}

/**
 * The evaluations module's creation page, prefilled from a scenario: it reads `scenario` (the
 * scenario's id; GET /api/v1/scenarios/:id gives its competencies with complexity and hazard
 * ids) and `learners` (learner ids, comma-separated).
 */
export function newEvaluationPath(uai: string, scenarioId: string, learnerIds: readonly string[]): string {
  const q = new URLSearchParams({ scenario: scenarioId, learners: learnerIds.join(',') });
  return `/${uai}/${MODULE_PATHS.evaluations}/nouvelle?${q.toString()}`;
}
