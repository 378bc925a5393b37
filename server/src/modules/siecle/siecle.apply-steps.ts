import type { ImportPlan } from './siecle.plan.ts';

/**
 * An import plan cut into steps, each written in its own short transaction on SQLite, where a
 * transaction holds every other request of the process (docs/performance.md). Steps go in the
 * order of the foreign keys: structures, new accounts, updates, hidden accounts, then the links
 * (replaced owner by owner, an owner's rows always in the same step as the owner), then mails.
 * Applying the steps in order writes exactly what applying the whole plan writes.
 */
export function planSteps(plan: ImportPlan, size = 500): ImportPlan[] {
  const empty: ImportPlan = {
    ...plan,
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
  };
  const slices = <T>(list: T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
  };
  const links = <R>(set: { owners: string[]; rows: R[] }, ownerOf: (row: R) => string) => {
    const byOwner = new Map<string, R[]>();
    for (const row of set.rows) {
      const list = byOwner.get(ownerOf(row)) ?? [];
      list.push(row);
      byOwner.set(ownerOf(row), list);
    }
    // Rows of an owner not listed (none expected) go with the last step, as applyPlan would write them.
    const listed = new Set(set.owners);
    const orphans = set.rows.filter((r) => !listed.has(ownerOf(r)));
    const steps = slices(set.owners).map((owners) => ({ owners, rows: owners.flatMap((o) => byOwner.get(o) ?? []) }));
    if (orphans.length > 0) steps.push({ owners: [], rows: orphans });
    return steps;
  };
  const steps: ImportPlan[] = [{ ...empty, newDivisions: plan.newDivisions, newGroups: plan.newGroups, structureUpdates: plan.structureUpdates }];
  for (const newUsers of slices(plan.newUsers)) steps.push({ ...empty, newUsers });
  for (const userUpdates of slices(plan.userUpdates)) steps.push({ ...empty, userUpdates });
  for (const hiddenUserIds of slices(plan.hiddenUserIds)) steps.push({ ...empty, hiddenUserIds });
  for (const memberships of links(plan.memberships, (r) => r.learner_id)) steps.push({ ...empty, memberships });
  for (const teachings of links(plan.teachings, (r) => r.teacher_id)) steps.push({ ...empty, teachings });
  for (const guardians of links(plan.guardians, (r) => r.learner_id)) steps.push({ ...empty, guardians });
  for (const mails of slices(plan.mails)) steps.push({ ...empty, mails });
  return steps;
}
