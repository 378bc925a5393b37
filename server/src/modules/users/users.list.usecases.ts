import type { z } from 'zod';
import { foldSearchText, type UserListQuerySchema, type UserListResponse } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { SessionUser } from '../auth/auth.presenter.ts';
import { currentSchoolYear, presentUsers } from './users.admin.usecases.ts';
import { nextTurn } from '../../util/event-loop.ts';
import { nameKeyMaker } from './name-keys.ts';
import { countUsers, pageOfUsers, setNameKeys, usersWithoutNameKeys } from './users.list.repository.ts';

const HEAL_BATCH = 500;

/** Gives their keys to the accounts that lack them (after an import or a rename); usually nothing to do. */
export function fillNameKeys(db: DbOrTx, establishmentId: string): Promise<number> {
  // After an import, 16,000 accounts may lack their keys and 20 administrators ask for the list at
  // once: one filling per establishment, the others wait for it.
  const ofDb = filling.get(db) ?? new Map<string, Promise<number>>();
  filling.set(db, ofDb);
  const running = ofDb.get(establishmentId);
  if (running) return running;
  const work = (async () => {
    let filled = 0;
    for (;;) {
      const rows = await usersWithoutNameKeys(db, establishmentId, HEAL_BATCH);
      if (rows.length === 0) return filled;
      const keys = nameKeyMaker();
      await setNameKeys(db, rows.map((r) => ({ ...r, ...keys(r) })));
      filled += rows.length;
      if (rows.length < HEAL_BATCH) return filled;
      await nextTurn(); // the other requests between two batches
    }
  })().finally(() => ofDb.delete(establishmentId));
  ofDb.set(establishmentId, work);
  return work;
}
/** The fillings in progress, per database handle (a transaction never shares another's). */
const filling = new WeakMap<DbOrTx, Map<string, Promise<number>>>();

/**
 * The paginated list (docs/performance.md « Listes paginées en SQL »): filters, search, French order,
 * count and page in SQL; only the page is completed with its classes and children (three queries).
 */
export async function listUsers(deps: Deps, user: SessionUser, query: z.output<typeof UserListQuerySchema>): Promise<UserListResponse> {
  const est = user.establishmentId;
  const schoolYear = await currentSchoolYear(deps, est);
  await fillNameKeys(deps.db, est);
  const filter = {
    profile: query.profile,
    hidden: query.hidden,
    words: foldSearchText(query.search).split(' ').filter(Boolean),
    classOf: query.division ? { id: query.division, schoolYear } : undefined,
  };
  const [total, rows] = await Promise.all([
    countUsers(deps.db, est, filter),
    pageOfUsers(deps.db, est, filter, (query.page - 1) * query.pageSize, query.pageSize),
  ]);
  const items = await presentUsers(deps.db, est, schoolYear, rows);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
