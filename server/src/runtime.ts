import pino, { type Logger } from 'pino';
import type { Config } from './config/config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import type { Deps } from './deps.ts';

export type Runtime = { deps: Deps; handle: DatabaseHandle; close: () => Promise<void> };

/** Opens and migrates the configured database; logs go to stderr so stdout stays for results. */
export async function openRuntime(config: Config, opts: { logger?: Logger; migrate?: boolean } = {}): Promise<Runtime> {
  const log = opts.logger ?? pino({ level: config.logLevel }, pino.destination(2));
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  const deps: Deps = { db: handle.db, engine: handle.engine, config, log, now: () => new Date() };
  return { deps, handle, close: () => handle.destroy() };
}
