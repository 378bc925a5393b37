import type { SiecleImportReport } from '@cerise/common';
import type { Config } from '../../config/config.ts';

/**
 * The apply of an analysed import on SQLite, run in the worker pool on the thread's own connection
 * to the database file (docs/performance.md « Ne jamais bloquer la boucle d'événements »): one
 * transaction, as on PostgreSQL and in the command line — an import that fails writes nothing —
 * while the main thread keeps serving. Readers are not held (WAL); a write of the main thread
 * waits for the commit without holding the event loop (db/sqlite-driver.ts).
 */
export type ApplyTaskInput = {
  config: Config;
  sqliteFile: string;
  actor: { id: string; establishmentId: string; ip: string | null };
  runId: string;
  /** The main thread's clock when the apply was asked (tests freeze it). */
  at: string;
};

export async function applyAnalysedImportTask(input: ApplyTaskInput): Promise<SiecleImportReport> {
  const [{ openRuntime }, { applyAnalysedImportHere }] = await Promise.all([import('../../runtime.ts'), import('./siecle.usecases.ts')]);
  const runtime = await openRuntime({ ...input.config, databaseUrl: `sqlite:${input.sqliteFile}` }, { migrate: false, inlineTasks: true });
  const started = Date.now();
  const at = Date.parse(input.at);
  const deps = { ...runtime.deps, now: () => new Date(at + (Date.now() - started)) };
  try {
    return await applyAnalysedImportHere(deps, input.actor, input.runId);
  } finally {
    await runtime.close();
  }
}
