import { z } from 'zod';
import { MASTERY_STATES } from './settings.schemas.ts';

/*
 * « Filtrer l'affichage » of the learner's dashboard (docs/guide.md §3.8.3): criteria such as « degré
 * de maîtrise supérieur à 50 % », a state, a pôle, the blocked competencies. Between two
 * criteria a connector ET or OU must be chosen each time. ET binds before OU
 * (A ET B OU C = (A ET B) OU C). Pure functions.
 */

export const DASHBOARD_STATES = [...MASTERY_STATES, 'insufficient'] as const;
export type DashboardState = (typeof DASHBOARD_STATES)[number];

export const DisplayCriterionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mastery_above'), percent: z.number().int().min(0).max(100) }),
  z.object({ kind: z.literal('mastery_below'), percent: z.number().int().min(0).max(100) }),
  z.object({ kind: z.literal('state'), state: z.enum(DASHBOARD_STATES) }),
  z.object({ kind: z.literal('pole'), poleId: z.string() }),
  z.object({ kind: z.literal('blocked') }),
]);
export type DisplayCriterion = z.infer<typeof DisplayCriterionSchema>;
export const CONNECTORS = ['and', 'or'] as const;
export type Connector = (typeof CONNECTORS)[number];

export type DisplayFilter = {
  criteria: DisplayCriterion[];
  /** connectors[i] joins criteria[i] and criteria[i + 1]; null = not chosen yet. */
  connectors: (Connector | null)[];
};

/** What a criterion is tested on: one competency's bar. */
export type DisplayRow = { percent: number | null; state: DashboardState; poleId: string; blocked: boolean };

export type DisplayFilterCheck = { ok: true } | { ok: false; problem: 'missing_connector'; index: number } | { ok: false; problem: 'no_criterion' };

/** Refuses a filter where a connector between two criteria is missing. */
export function checkDisplayFilter(f: DisplayFilter): DisplayFilterCheck {
  if (f.criteria.length === 0) return { ok: false, problem: 'no_criterion' };
  for (let i = 0; i < f.criteria.length - 1; i++) {
    const c = f.connectors[i];
    if (c !== 'and' && c !== 'or') return { ok: false, problem: 'missing_connector', index: i };
  }
  return { ok: true };
}

export function matchesCriterion(c: DisplayCriterion, row: DisplayRow): boolean {
  switch (c.kind) {
    case 'mastery_above':
      return row.percent !== null && row.percent > c.percent;
    case 'mastery_below':
      return row.percent !== null && row.percent < c.percent;
    case 'state':
      return row.state === c.state;
    case 'pole':
      return row.poleId === c.poleId;
    case 'blocked':
      return row.blocked;
  }
}

/** Whether a bar is shown under this filter (a filter that does not pass the check shows all). */
export function matchesDisplayFilter(f: DisplayFilter, row: DisplayRow): boolean {
  if (!checkDisplayFilter(f).ok) return true;
  // OR of AND-groups.
  let group = matchesCriterion(f.criteria[0]!, row);
  for (let i = 1; i < f.criteria.length; i++) {
    const m = matchesCriterion(f.criteria[i]!, row);
    if (f.connectors[i - 1] === 'and') group = group && m;
    else {
      if (group) return true;
      group = m;
    }
  }
  return group;
}
