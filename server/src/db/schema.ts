import type { Kysely, Transaction } from 'kysely';
import type { FoundationTables } from './tables/foundation.ts';
import type { ReferentialTables } from './tables/referentials.ts';
import type { AccountTables } from './tables/accounts.ts';
import type { TeachingTables } from './tables/teaching.ts';
import type { SsoTables } from './tables/sso.ts';

/** Every table of the application; each module declares its own in `tables/`. */
export interface Database extends FoundationTables, ReferentialTables, AccountTables, TeachingTables, SsoTables {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** What repositories accept: the database or a transaction on it. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;
export type Engine = 'sqlite' | 'postgres';
