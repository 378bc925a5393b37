// Whether the ahead-of-time bundle (scripts/build-server.mjs) may run: docs/performance.md,
// « Démarrage de la commande cerise ».
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The bundle's entry (a file: URL) when `dist` holds a bundle built after the last change of
 * every source file it was built from; null otherwise (none, a source edited or gone since).
 * `inputs.json` lists those sources relative to `dist`, and the time the build started.
 * `ignoreDates`: any complete bundle will do (benchmarks measure the bundle they built).
 */
export function freshBundle(dist, { ignoreDates = false } = {}) {
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(path.join(dist, 'inputs.json'), 'utf8'));
    if (!ignoreDates) for (const input of inputs) {
      const stat = fs.statSync(path.join(dist, input), { throwIfNoEntry: false });
      if (!stat || stat.mtimeMs > builtAt) return null;
    }
    const entry = path.join(dist, 'cerise.mjs');
    return fs.existsSync(entry) ? pathToFileURL(entry) : null;
  } catch {
    return null; // no bundle, or an unreadable list
  }
}
