import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.ts';
import type { Db, Engine } from './db/schema.ts';
import type { FileStorage } from './modules/files/file-storage.ts';
import type { WorkerPool } from './workers/pool.ts';

/** What use cases receive: plain values, no globals (STYLE: composition root in app.ts). */
export type Deps = {
  db: Db;
  engine: Engine;
  config: Config;
  log: FastifyBaseLogger;
  /** Current time; tests may freeze it. */
  now: () => Date;
  /** Attachment bytes (local folder by default; see modules/files). */
  files: FileStorage;
  /** CPU-heavy work (PDF, DOCX, SIECLE parsing, large CSV) off the event loop: workers/pool.ts. */
  workers: WorkerPool;
  /**
   * The database's address (`sqlite:/path/file` or `postgres://…`), absent for a database in
   * memory: work that writes a lot in one transaction runs in the worker pool on its own
   * connection to it (siecle.apply-task.ts).
   */
  databaseUrl?: string | undefined;
};
