import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.ts';
import type { Db, Engine } from './db/schema.ts';
import type { FileStorage } from './modules/files/file-storage.ts';

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
};
