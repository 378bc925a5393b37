import fs from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps.ts';
import * as runs from './siecle.runs.repository.ts';
import { ANALYSIS_TTL_MS } from './siecle.usecases.ts';

/**
 * Deletes the kept SIECLE uploads (parents' addresses…) that no longer serve: those of applied,
 * failed or cancelled imports, and of analyses older than their expiry (their row goes too).
 * Runs at start-up, daily and after every import, so that a crash between the commit and the
 * clean-up (kill -9) leaves nothing behind for long. A folder with no row and younger than the
 * expiry is left alone: an analysis writes its files just before its row.
 */
export async function sweepImportFiles(deps: Deps): Promise<number> {
  const root = path.join(deps.config.dataDir, 'imports');
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const now = deps.now().getTime();
  let removed = 0;
  for (let i = 0; i < names.length; i += 200) {
    const chunk = names.slice(i, i + 200);
    const states = new Map((await runs.findRunStates(deps.db, chunk)).map((r) => [r.id, r]));
    for (const name of chunk) {
      const dir = path.join(root, name);
      const state = states.get(name);
      let stale: boolean;
      if (state) {
        stale = state.status !== 'analysed' || now - Date.parse(state.created_at) > ANALYSIS_TTL_MS;
        if (state.status === 'analysed' && stale) await runs.deleteExpiredAnalysisRow(deps.db, name);
      } else {
        const stat = await fs.stat(dir).catch(() => null);
        stale = !stat || Date.now() - stat.mtimeMs > ANALYSIS_TTL_MS; // the file system's clock
      }
      if (stale) {
        await fs.rm(dir, { recursive: true, force: true });
        removed++;
      }
    }
  }
  if (removed > 0) deps.log.info({ event: 'imports.files_swept', removed }, 'leftover import files deleted');
  return removed;
}

/**
 * Sweeps on a timer (`IMPORT_SWEEP_MINUTES`, 10 by default), so that an expired analysis frees its
 * disk without anyone opening the import list; returns the stop. Each app process runs its own:
 * the sweep is idempotent (docs/performance.md « Ressources bornées »).
 */
export function startImportSweeper(deps: Deps): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepImportFiles(deps)
      .catch((err: unknown) => deps.log.error({ err }, 'import files sweep failed'))
      .finally(() => (running = false));
  }, deps.config.uploads.sweepEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
