import type { Deps } from '../../deps.ts';
import { pingDatabase } from './health.repository.ts';

/** The service answers and its database too (a failing query makes the route answer 500). */
export async function checkHealth(deps: Deps): Promise<{ status: 'ok' }> {
  await pingDatabase(deps.db);
  return { status: 'ok' };
}
