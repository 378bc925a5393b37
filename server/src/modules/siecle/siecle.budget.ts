import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { badRequest } from '../../http/errors.ts';
import { receiveFiles } from '../../http/upload.ts';
import { uploadBudget } from '../../http/upload-budget.ts';
import { MAX_ZIP_BYTES } from './parse/limits.ts';
import * as runs from './siecle.runs.repository.ts';
import type { ImportUploads } from './siecle.usecases.ts';
import { sweepImportFiles } from './siecle.sweep.ts';

/**
 * SIECLE uploads within the budget (http/upload-budget.ts, docs/performance.md « Ressources bornées »):
 * expired analyses are swept first (their files free the establishment's disk), the declared body
 * is reserved before a byte is read (503 / 429 otherwise), the files are streamed to disk, and
 * they are read only once an analysis slot is granted, by the worker that parses them.
 */

/** Bytes the establishment keeps on disk for analyses awaiting confirmation. */
export async function keptAnalysisBytes(deps: Deps, establishmentId: string): Promise<number> {
  let total = 0;
  for (const { id } of await runs.listPendingAnalyses(deps.db, establishmentId)) {
    const dir = path.join(deps.config.dataDir, 'imports', id);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      total += (await fs.stat(path.join(dir, name)).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}

/** Runs `work` with the files of a multipart request, inside the upload budget and an analysis slot. */
export async function withBudgetedUploads<T>(
  deps: Deps,
  request: FastifyRequest,
  establishmentId: string,
  allowed: readonly string[],
  work: (uploads: ImportUploads) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw badRequest('siecle.missing_file', 'Envoyez les fichiers dans un formulaire (multipart/form-data).');
  const budget = uploadBudget(deps.config);
  await sweepImportFiles(deps).catch((err: unknown) => deps.log.error({ err }, 'import files sweep failed'));
  // A body without a declared length counts as one file of the largest size accepted.
  const declared = Number(request.headers['content-length']) || MAX_ZIP_BYTES;
  const release = budget.reserve(establishmentId, declared, await keptAnalysisBytes(deps, establishmentId));
  try {
    const received = await receiveFiles(request, { maxBytes: MAX_ZIP_BYTES, maxFiles: 3 });
    try {
      const unexpected = received.files.find((f) => !allowed.includes(f.field));
      if (unexpected) throw badRequest('siecle.unexpected_field', `Champ de fichier inattendu « ${unexpected.field.slice(0, 40)} ».`);
      const slot = await budget.analysisSlot();
      try {
        // The files stay on disk: the worker reads them, one at a time, where it parses them,
        // and the analysis keeps them by moving them (siecle.usecases.ts).
        const uploads: ImportUploads = {};
        for (const f of received.files) {
          if (f.size === 0) continue;
          uploads[f.field as keyof ImportUploads] = { name: f.filename, path: f.tmpPath, temporary: true };
        }
        return await work(uploads);
      } finally {
        slot();
      }
    } finally {
      await received.cleanup();
    }
  } finally {
    release();
  }
}

/** Runs `work` (applying a kept analysis: its files are read and parsed again) in an analysis slot. */
export async function withAnalysisSlot<T>(deps: Deps, work: () => Promise<T>): Promise<T> {
  const slot = await uploadBudget(deps.config).analysisSlot();
  try {
    return await work();
  } finally {
    slot();
  }
}
