import type { DbOrTx } from '../../../db/schema.ts';
import type { ImportAccount } from './identity-import.plan.ts';

/**
 * Reads of « Import des identifiants ENT » (docs/sso.md): every account of the establishment,
 * hidden and departed ones included (to report « a quitté l'établissement » rather than
 * « inconnu »). Links are read and written through sso.repository.ts.
 */
export async function accountsForImport(db: DbOrTx, establishmentId: string): Promise<ImportAccount[]> {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'last_name', 'first_name', 'external_id', 'national_id', 'hidden_at', 'left_at', 'is_learner', 'is_parent', 'is_teacher'])
    .where('establishment_id', '=', establishmentId)
    .orderBy('id')
    .execute();
}
