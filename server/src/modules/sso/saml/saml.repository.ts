import type { DbOrTx } from '../../../db/schema.ts';
import type { SsoSpKeysTable } from '../../../db/tables/sso.ts';

/** The SAML SP key pair of a provider (docs/sso.md « SAML / ÉduConnect »). */
export async function findSpKeys(db: DbOrTx, establishmentId: string, providerId: string): Promise<SsoSpKeysTable | undefined> {
  return db.selectFrom('sso_sp_keys').selectAll().where('establishment_id', '=', establishmentId).where('provider_id', '=', providerId).executeTakeFirst();
}

/** Stores a key pair unless one exists already (two first uses at once keep the first). */
export async function insertSpKeysIfMissing(db: DbOrTx, row: SsoSpKeysTable): Promise<void> {
  await db.insertInto('sso_sp_keys').values(row).onConflict((oc) => oc.column('provider_id').doNothing()).execute();
}
