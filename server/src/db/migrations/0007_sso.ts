import { sql, type Kysely } from 'kysely';

/*
 * Single sign-on (docs/sso.md): identity providers per establishment (CAS, SAML, OpenID Connect),
 * external identities linked to accounts, short-lived protocol states, and the profiles whose local
 * password login is switched off.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sso_providers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().modifyEnd(sql`check (kind in ('cas', 'saml', 'oidc'))`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0).modifyEnd(sql`check (enabled in (0, 1))`))
    .addColumn('profiles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    // The identity provider itself (CAS server URL, SAML IdP entity id, OIDC issuer): establishments that
    // configured the same one can offer a person who has accounts in several of them the choice.
    .addColumn('idp_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('sso_providers_establishment').on('sso_providers').column('establishment_id').execute();
  await db.schema.createIndex('sso_providers_idp').on('sso_providers').columns(['kind', 'idp_key']).execute();

  await db.schema
    .createTable('external_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.notNull().references('sso_providers.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) =>
      c.notNull().modifyEnd(sql`check (rule in ('existing', 'eleve_id', 'ine', 'sts_id', 'parent_vector', 'admin', 'import', 'copy_login'))`),
    )
    .addColumn('linked_by_user_id', 'text')
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('external_identities_subject_unique', ['provider_id', 'subject'])
    .execute();
  await db.schema.createIndex('external_identities_user').on('external_identities').column('user_id').execute();

  await db.schema
    .createTable('sso_states')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('provider_id', 'text', (c) => c.references('sso_providers.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull().modifyEnd(sql`check (purpose in ('cas', 'saml_request', 'oidc', 'choice', 'refusal'))`))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .execute();
  await db.schema.createIndex('sso_states_expires').on('sso_states').column('expires_at').execute();

  await db.schema
    .alterTable('establishments')
    .addColumn('local_login_disabled_profiles', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  // A session opened through a provider: no local password change is forced, and its logout URL is offered.
  await db.schema.alterTable('sessions').addColumn('sso_provider_id', 'text').execute();

  // The SAML service provider's key pair of each SAML provider (decrypts encrypted assertions; its
  // certificate is in the SP metadata), made at first use: docs/sso.md « SAML / ÉduConnect ».
  await db.schema
    .createTable('sso_sp_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider_id', 'text', (c) => c.notNull().unique().references('sso_providers.id').onDelete('cascade'))
    .addColumn('establishment_id', 'text', (c) => c.notNull().references('establishments.id').onDelete('cascade'))
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_sp_keys').execute();
  await db.schema.alterTable('sessions').dropColumn('sso_provider_id').execute();
  await db.schema.alterTable('establishments').dropColumn('local_login_disabled_profiles').execute();
  for (const t of ['sso_states', 'external_identities', 'sso_providers']) await db.schema.dropTable(t).execute();
}
