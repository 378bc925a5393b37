import type { DbOrTx } from '../../db/schema.ts';
import type { ExternalIdentitiesTable, SsoProviderKind, SsoProvidersTable, SsoStatePurpose, SsoStatesTable } from '../../db/tables/sso.ts';

/**
 * Every query of single sign-on (docs/sso.md): providers, external identities, protocol states, and
 * the reads of accounts that matching needs. Each filters on the establishment, except the lookups
 * that find the same identity provider configured by other establishments (a parent with children
 * in two schools) — those return the establishment with every row.
 */

// --- Providers -------------------------------------------------------------------------------

export type ProviderRow = SsoProvidersTable;

export async function listProviders(db: DbOrTx, establishmentId: string): Promise<ProviderRow[]> {
  return db.selectFrom('sso_providers').selectAll().where('establishment_id', '=', establishmentId).orderBy('label').orderBy('id').execute();
}

export async function listEnabledProviders(db: DbOrTx, establishmentId: string): Promise<ProviderRow[]> {
  return db
    .selectFrom('sso_providers')
    .selectAll()
    .where('establishment_id', '=', establishmentId)
    .where('enabled', '=', 1)
    .orderBy('label')
    .orderBy('id')
    .execute();
}

/** A provider of that establishment, or undefined (another establishment's provider is not found). */
export async function findProvider(db: DbOrTx, establishmentId: string, providerId: string): Promise<ProviderRow | undefined> {
  return db.selectFrom('sso_providers').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', providerId).executeTakeFirst();
}

/** Enabled providers of every establishment that configured the same IdP (same kind and key), with the UAI. */
export async function enabledProvidersOfIdp(db: DbOrTx, kind: SsoProviderKind, idpKey: string) {
  return db
    .selectFrom('sso_providers as p')
    .innerJoin('establishments as e', 'e.id', 'p.establishment_id')
    .selectAll('p')
    .select(['e.uai', 'e.name as establishment_name'])
    .where('p.kind', '=', kind)
    .where('p.idp_key', '=', idpKey)
    .where('p.enabled', '=', 1)
    .where('p.idp_key', '<>', '')
    .execute();
}

export async function insertProvider(db: DbOrTx, row: ProviderRow): Promise<void> {
  await db.insertInto('sso_providers').values(row).execute();
}

export type ProviderChanges = Partial<Pick<ProviderRow, 'label' | 'enabled' | 'profiles' | 'settings' | 'idp_key'>> & { updated_at: string };

/** Updates a provider if `version` is still current (and bumps it); returns whether it did. */
export async function updateProviderIfVersion(db: DbOrTx, establishmentId: string, providerId: string, version: number, set: ProviderChanges): Promise<boolean> {
  const res = await db
    .updateTable('sso_providers')
    .set({ ...set, version: version + 1 })
    .where('establishment_id', '=', establishmentId)
    .where('id', '=', providerId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteProvider(db: DbOrTx, establishmentId: string, providerId: string): Promise<void> {
  await db.deleteFrom('sso_states').where('establishment_id', '=', establishmentId).where('provider_id', '=', providerId).execute();
  await db.deleteFrom('external_identities').where('establishment_id', '=', establishmentId).where('provider_id', '=', providerId).execute();
  await db.deleteFrom('sso_providers').where('establishment_id', '=', establishmentId).where('id', '=', providerId).execute();
}

// --- Protocol states ---------------------------------------------------------------------------

export type StateRow = SsoStatesTable;

/** Stores a state; `id` is the SHA-256 of the token the browser or the IdP carries (sso.tokens.ts). */
export async function createState(db: DbOrTx, row: Omit<StateRow, 'consumed_at'>): Promise<void> {
  await db.insertInto('sso_states').values({ ...row, consumed_at: null }).execute();
}

/**
 * Consumes a state once: marks it consumed if it exists, has that purpose, is not expired and was
 * not consumed before, then returns it; a second call (a replay) returns undefined.
 */
export async function consumeState(db: DbOrTx, id: string, purpose: SsoStatePurpose, at: string): Promise<StateRow | undefined> {
  const res = await db
    .updateTable('sso_states')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('sso_states').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Reads a live state without consuming it (a pending choice shown before it is made). */
export async function peekState(db: DbOrTx, id: string, purpose: SsoStatePurpose, at: string): Promise<StateRow | undefined> {
  return db
    .selectFrom('sso_states')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
}

/** Whether a state with that id was ever stored (consumed or not, expired or not): replay detection. */
export async function stateExists(db: DbOrTx, id: string): Promise<boolean> {
  return (await db.selectFrom('sso_states').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Drops states expired for more than a day (consumed ones are kept that long to refuse replays). */
export async function purgeStates(db: DbOrTx, before: string): Promise<number> {
  const res = await db.deleteFrom('sso_states').where('expires_at', '<', before).executeTakeFirst();
  return Number(res.numDeletedRows);
}

// --- External identities -----------------------------------------------------------------------

export type IdentityRow = ExternalIdentitiesTable;

export async function findIdentity(db: DbOrTx, providerId: string, subject: string): Promise<IdentityRow | undefined> {
  return db.selectFrom('external_identities').selectAll().where('provider_id', '=', providerId).where('subject', '=', subject).executeTakeFirst();
}

/** The links of one subject over several providers (the same IdP configured by several establishments). */
export async function findIdentitiesOfSubject(db: DbOrTx, providerIds: readonly string[], subject: string): Promise<IdentityRow[]> {
  if (providerIds.length === 0) return [];
  return db.selectFrom('external_identities').selectAll().where('provider_id', 'in', providerIds).where('subject', '=', subject).execute();
}

export async function findIdentityById(db: DbOrTx, establishmentId: string, id: string): Promise<IdentityRow | undefined> {
  return db.selectFrom('external_identities').selectAll().where('establishment_id', '=', establishmentId).where('id', '=', id).executeTakeFirst();
}

/** A user's links with their provider's label and kind, oldest first. */
export async function listIdentitiesOfUser(db: DbOrTx, establishmentId: string, userId: string) {
  return db
    .selectFrom('external_identities as i')
    .innerJoin('sso_providers as p', 'p.id', 'i.provider_id')
    .selectAll('i')
    .select(['p.label as provider_label', 'p.kind as provider_kind'])
    .where('i.establishment_id', '=', establishmentId)
    .where('i.user_id', '=', userId)
    .orderBy('i.linked_at')
    .orderBy('i.id')
    .execute();
}

/** The links of one provider for a set of subjects (identity import: who already holds which id). */
export async function identitiesOfProvider(db: DbOrTx, establishmentId: string, providerId: string): Promise<IdentityRow[]> {
  return db.selectFrom('external_identities').selectAll().where('establishment_id', '=', establishmentId).where('provider_id', '=', providerId).execute();
}

/** Links an identity; the caller checks (provider, subject) is free first, in the same transaction. */
export async function insertIdentity(db: DbOrTx, row: IdentityRow): Promise<void> {
  await db.insertInto('external_identities').values(row).execute();
}

export async function insertIdentities(db: DbOrTx, rows: readonly IdentityRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) await db.insertInto('external_identities').values(rows.slice(i, i + 300)).execute();
}

export async function deleteIdentity(db: DbOrTx, establishmentId: string, id: string): Promise<void> {
  await db.deleteFrom('external_identities').where('establishment_id', '=', establishmentId).where('id', '=', id).execute();
}

/** Removes a user's link to one provider (a user holds at most one subject per provider after an import). */
export async function deleteIdentitiesOfUser(db: DbOrTx, establishmentId: string, providerId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('external_identities')
    .where('establishment_id', '=', establishmentId)
    .where('provider_id', '=', providerId)
    .where('user_id', '=', userId)
    .execute();
}

// --- Accounts, read for matching -----------------------------------------------------------------

const ACCOUNT_COLUMNS = [
  'u.id',
  'u.establishment_id',
  'u.login',
  'u.last_name',
  'u.first_name',
  'u.is_administrator',
  'u.is_teacher',
  'u.is_learner',
  'u.is_parent',
  'u.external_id',
  'u.national_id',
  'u.hidden_at',
  'u.left_at',
] as const;

export type MatchAccountRow = {
  id: string;
  establishment_id: string;
  login: string;
  last_name: string;
  first_name: string;
  is_administrator: 0 | 1;
  is_teacher: 0 | 1;
  is_learner: 0 | 1;
  is_parent: 0 | 1;
  external_id: string | null;
  national_id: string | null;
  hidden_at: string | null;
  left_at: string | null;
};

export async function accountsByIds(db: DbOrTx, ids: readonly string[]): Promise<MatchAccountRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('users as u').select(ACCOUNT_COLUMNS).where('u.id', 'in', ids).execute();
}

export async function accountById(db: DbOrTx, establishmentId: string, id: string): Promise<MatchAccountRow | undefined> {
  return db.selectFrom('users as u').select(ACCOUNT_COLUMNS).where('u.establishment_id', '=', establishmentId).where('u.id', '=', id).executeTakeFirst();
}

/** Accounts whose SIECLE/STSWEB id (`eleve:…`, `resp:…`, `sts:…`) is one of those. */
export async function accountsByExternalIds(db: DbOrTx, establishmentId: string, externalIds: readonly string[]): Promise<MatchAccountRow[]> {
  if (externalIds.length === 0) return [];
  return db.selectFrom('users as u').select(ACCOUNT_COLUMNS).where('u.establishment_id', '=', establishmentId).where('u.external_id', 'in', externalIds).execute();
}

/** Accounts whose INE is one of those (compared upper-cased). */
export async function accountsByNationalIds(db: DbOrTx, establishmentId: string, ines: readonly string[]): Promise<MatchAccountRow[]> {
  if (ines.length === 0) return [];
  return db.selectFrom('users as u').select(ACCOUNT_COLUMNS).where('u.establishment_id', '=', establishmentId).where('u.national_id', 'in', ines).execute();
}

/** The legal guardians (levels 1 and 2) of the learner whose SIECLE id is `eleve:<eleveId>`. */
export async function guardiansOfEleve(db: DbOrTx, establishmentId: string, eleveId: string): Promise<MatchAccountRow[]> {
  return db
    .selectFrom('guardians as g')
    .innerJoin('users as l', 'l.id', 'g.learner_id')
    .innerJoin('users as u', 'u.id', 'g.parent_id')
    .select(ACCOUNT_COLUMNS)
    .where('g.establishment_id', '=', establishmentId)
    .where('g.level', 'in', [1, 2])
    .where('l.establishment_id', '=', establishmentId)
    .where('l.external_id', '=', `eleve:${eleveId}`)
    .execute();
}

/** Accounts of the establishment by login (copy the login as ENT id, manual link checks). */
export async function accountByLogin(db: DbOrTx, establishmentId: string, login: string): Promise<MatchAccountRow | undefined> {
  return db.selectFrom('users as u').select(ACCOUNT_COLUMNS).where('u.establishment_id', '=', establishmentId).where('u.login', '=', login).executeTakeFirst();
}

/** How many identities each provider of the establishment links. */
export async function countIdentitiesByProvider(db: DbOrTx, establishmentId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('external_identities')
    .select(['provider_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('establishment_id', '=', establishmentId)
    .groupBy('provider_id')
    .execute();
  return new Map(rows.map((r) => [r.provider_id, Number(r.n)]));
}
