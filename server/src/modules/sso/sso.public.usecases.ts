import type { Deps } from '../../deps.ts';
import { notFound } from '../../http/errors.ts';
import { findEstablishmentByUai } from '../establishments/establishments.repository.ts';
import { presentPublicProvider } from './sso.presenter.ts';
import { listEnabledProviders } from './sso.repository.ts';

/** The enabled providers of an establishment, for its login page's buttons (or 404 for an unknown UAI). */
export async function publicProviders(deps: Deps, uai: string) {
  const e = await findEstablishmentByUai(deps.db, uai);
  if (!e) throw notFound('auth.establishment_not_found');
  const rows = await listEnabledProviders(deps.db, e.id);
  return { providers: rows.map((r) => presentPublicProvider(e.uai, r)) };
}
