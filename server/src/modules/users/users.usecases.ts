import type { Profile } from '@cerise/common';
import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { findEstablishmentByUai } from '../establishments/establishments.repository.ts';
import { presentUserForExport } from './users.presenter.ts';
import * as repo from './users.repository.ts';

export async function exportUsers(deps: Deps, uai: string, opts: { profile?: Profile; includeHidden?: boolean }) {
  const establishment = await findEstablishmentByUai(deps.db, uai);
  if (!establishment) throw notFound('auth.establishment_not_found');
  const [users, classes, children] = await Promise.all([
    repo.listUsers(deps.db, establishment.id, opts),
    repo.classCodesByUser(deps.db, establishment.id),
    repo.childrenByParent(deps.db, establishment.id),
  ]);
  return users.map((u) => presentUserForExport(u, classes.get(u.id), children.get(u.id)));
}
