import { createRequire } from 'node:module';
import type * as Pino from 'pino';
import type { Logger } from 'pino';
import type { Config } from './config/config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrations/index.ts';
import type { Deps } from './deps.ts';
import { createInlinePool } from './workers/inline-pool.ts';
import { createFileStorage } from './modules/files/storage.factory.ts';

export type Runtime = { deps: Deps; handle: DatabaseHandle; close: () => Promise<void> };

const pinoToStderr = (level: string): Logger => {
  const pino = createRequire(import.meta.url)('pino') as typeof Pino;
  return pino.pino({ level }, pino.destination(2));
};

/**
 * A command's pino logger to stderr, made at the first use of any of its properties: most commands
 * log nothing, and loading pino cost each of them about 30 ms of its start (docs/performance.md,
 * « Import par la ligne de commande »). The server makes its logger at once: its first error is not
 * the moment to load a module.
 */
function lazyStderrLogger(level: string): Logger {
  let logger: Logger | undefined;
  const real = (): Logger => (logger ??= pinoToStderr(level));
  return new Proxy({} as Logger, {
    get(_target, key) {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
  });
}

/** Opens and migrates the configured database; logs go to stderr so stdout stays for results. */
export async function openRuntime(config: Config, opts: { logger?: Logger; migrate?: boolean; inlineTasks?: boolean } = {}): Promise<Runtime> {
  const log = opts.logger ?? (opts.inlineTasks ? lazyStderrLogger(config.logLevel) : pinoToStderr(config.logLevel));
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (opts.migrate !== false) await migrateToLatest(handle.db);
  const files = createFileStorage(config);
  // A command runs its tasks inline: the thread pool (piscina) is loaded only by the server.
  const workers = opts.inlineTasks ? createInlinePool() : (await import('./workers/pool.ts')).processWorkerPool();
  const deps: Deps = {
    db: handle.db,
    engine: handle.engine,
    config,
    log,
    now: () => new Date(),
    files,
    workers,
    databaseUrl: handle.engine === 'postgres' ? config.databaseUrl : handle.sqlitePath && handle.sqlitePath !== ':memory:' ? `sqlite:${handle.sqlitePath}` : undefined,
  };
  const close = async () => {
    await deps.workers.close();
    await handle.destroy();
  };
  return { deps, handle, close };
}

/**
 * Runs a command body with the configured database open, closing it whatever happens. Worker
 * tasks run inline: a command has no event loop to keep free (workers/inline-pool.ts).
 */
export async function withRuntime<T>(fn: (deps: Deps) => Promise<T>, opts: { migrate?: boolean; config?: Config } = {}): Promise<T> {
  const { loadConfig } = await import('./config/config.ts');
  const runtime = await openRuntime(opts.config ?? loadConfig(), { ...opts, inlineTasks: true });
  try {
    return await fn(runtime.deps);
  } finally {
    await runtime.close();
  }
}
