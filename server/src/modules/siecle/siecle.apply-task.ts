import type { Config } from '../../config/config.ts';
import type { AnalysisAnswer } from './siecle.usecases.ts';

/**
 * The apply of an analysed import, run in the worker pool on the thread's own connection to the
 * database (docs/performance.md « Ne jamais bloquer la boucle d'événements »): one transaction, as
 * in the command line — an import that fails half-way writes nothing — while the main thread keeps
 * serving: the plan, the statements of 16,000 accounts and the report never touch its heap. On
 * SQLite, readers are not held (WAL) and a write of the main thread waits for the commit without
 * holding the event loop (db/sqlite-driver.ts).
 */
export type ApplyTaskInput = {
  config: Config;
  /** `sqlite:/path/file` or `postgres://…` (Deps.databaseUrl). */
  databaseUrl: string;
  actor: { id: string; establishmentId: string; ip: string | null };
  runId: string;
  /** The main thread's clock when the apply was asked (tests freeze it): the import's date. */
  at: string;
};

export async function applyAnalysedImportTask(input: ApplyTaskInput): Promise<AnalysisAnswer> {
  const [{ openRuntime }, { applyAnalysedImportHere, responseOf }] = await Promise.all([import('../../runtime.ts'), import('./siecle.usecases.ts')]);
  const runtime = await openRuntime({ ...input.config, databaseUrl: input.databaseUrl }, { migrate: false, inlineTasks: true });
  // The import happens at the moment it was asked: every date it writes is that one.
  const at = Date.parse(input.at);
  const deps = { ...runtime.deps, now: () => new Date(at) };
  try {
    return responseOf(await applyAnalysedImportHere(deps, input.actor, input.runId));
  } finally {
    await runtime.close();
  }
}
