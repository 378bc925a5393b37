import { emptySiecleCounts } from '@cerise/common';
import { describe, expect, it } from 'vitest';
import type { GuardiansTable, MembershipsTable, UsersTable } from '../../db/tables/foundation.ts';
import { planSteps } from './siecle.apply-steps.ts';
import type { ImportPlan } from './siecle.plan.ts';

const membership = (learner: string, division: string): MembershipsTable => ({ id: `${learner}-${division}`, establishment_id: 'e', school_year: '2026-2027', learner_id: learner, division_id: division, group_id: null });
const guardian = (learner: string, parent: string): GuardiansTable => ({ id: `${learner}-${parent}`, establishment_id: 'e', parent_id: parent, learner_id: learner, level: 1 });

function plan(): ImportPlan {
  const learners = Array.from({ length: 7 }, (_, i) => `l${i}`);
  return {
    kind: 'learners',
    schoolYear: '2026-2027',
    newDivisions: [{ id: 'd1', establishment_id: 'e', school_year: '2026-2027', code: '2GA1', label: null, mef: null, hidden_at: null, created_at: 'x' }],
    newGroups: [],
    structureUpdates: [{ table: 'divisions', id: 'd0', label: 'Seconde' }],
    newUsers: learners.map((id) => ({ id }) as UsersTable),
    userUpdates: [{ id: 'u1', set: { last_name: 'NOUVEAU' } }],
    hiddenUserIds: ['h1', 'h2', 'h3'],
    memberships: { owners: learners, rows: learners.flatMap((l) => [membership(l, 'd1'), membership(l, 'd0')]) },
    teachings: { owners: [], rows: [] },
    guardians: { owners: ['l0', 'l1'], rows: [guardian('l0', 'p0'), guardian('l1', 'p0'), guardian('l1', 'p1')] },
    mails: [{ to: 'a@b.fr', login: 'a', password: 'x', firstName: 'A', lastName: 'B' }],
    report: { runId: null, kind: 'learners', dryRun: true, schoolYear: '2026-2027', files: [], created: emptySiecleCounts(), updated: emptySiecleCounts(), hidden: emptySiecleCounts(), ignored: 0, accounts: [], divisionsCreated: [], groupsCreated: [], people: [], warnings: [], mailsQueued: 0 },
  };
}

describe('an import plan cut into short transactions', () => {
  it('writes the same rows as the whole plan, in the order of the foreign keys, each owner with all its links', () => {
    const whole = plan();
    const steps = planSteps(whole, 3);
    const all = <T>(pick: (p: ImportPlan) => T[]) => steps.flatMap(pick);
    expect(all((p) => p.newDivisions)).toEqual(whole.newDivisions);
    expect(all((p) => p.structureUpdates)).toEqual(whole.structureUpdates);
    expect(all((p) => p.newUsers)).toEqual(whole.newUsers);
    expect(all((p) => p.userUpdates)).toEqual(whole.userUpdates);
    expect(all((p) => p.hiddenUserIds)).toEqual(whole.hiddenUserIds);
    expect(all((p) => p.memberships.owners)).toEqual(whole.memberships.owners);
    expect(all((p) => p.memberships.rows)).toHaveLength(whole.memberships.rows.length);
    expect(all((p) => p.guardians.rows)).toHaveLength(3);
    expect(all((p) => p.mails)).toEqual(whole.mails);
    for (const step of steps) {
      // An owner's rows are in the step that replaces it.
      for (const row of step.memberships.rows) expect(step.memberships.owners).toContain(row.learner_id);
      for (const row of step.guardians.rows) expect(step.guardians.owners).toContain(row.learner_id);
      const size = step.newUsers.length + step.userUpdates.length + step.hiddenUserIds.length + step.memberships.owners.length + step.guardians.owners.length + step.mails.length;
      expect(size).toBeLessThanOrEqual(3);
    }
    // Structures first, accounts before their links, mails last.
    const firstWith = (pick: (p: ImportPlan) => unknown[]) => steps.findIndex((p) => pick(p).length > 0);
    expect(firstWith((p) => p.newDivisions)).toBe(0);
    expect(firstWith((p) => p.newUsers)).toBeLessThan(firstWith((p) => p.memberships.rows));
    expect(firstWith((p) => p.memberships.rows)).toBeLessThan(firstWith((p) => p.guardians.rows));
    expect(firstWith((p) => p.mails)).toBe(steps.length - 1);
    // The report is the whole plan's in every step.
    expect(steps.every((p) => p.report === whole.report)).toBe(true);
  });
});
