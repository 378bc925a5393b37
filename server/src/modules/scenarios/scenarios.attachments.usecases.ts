import type { ScenarioAttachment } from '@cerise/common';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../context.ts';
import type { Deps } from '../../deps.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, badRequest } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { collectUnusedFiles, openStoredFile, storeUpload, type UploadedFile } from '../files/files.usecases.ts';
import { presentAttachments } from './scenarios.presenter.ts';
import * as repo from './scenarios.repository.ts';
import { docxFilename } from './scenarios.docx.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import { loadScenario, ownScenario, readableScenario } from './scenarios.usecases.ts';

/** What a scenario accepts as attachments (docs/guide.md § 3.5: « des fichiers zip ou pdf »). */
export const SCENARIO_ATTACHMENT_TYPES = ['application/pdf', 'application/zip'] as const;
export const MAX_ATTACHMENTS_PER_SCENARIO = 30;

/**
 * Adds files to my scenario (author only, checked before anything is stored): each is checked by
 * content and size by the files module; if one is refused, none is attached.
 */
export async function addAttachments(deps: Deps, ctx: RequestContext, scenarioId: string, uploads: UploadedFile[]): Promise<ScenarioAttachment[]> {
  await ownScenario(deps.db, ctx, scenarioId);
  if (uploads.length === 0) throw badRequest('files.missing_file');
  const existing = await repo.listAttachments(deps.db, ctx.establishmentId, scenarioId);
  if (existing.length + uploads.length > MAX_ATTACHMENTS_PER_SCENARIO) {
    throw badRequest('scenarios.too_many_attachments', `Un scénario compte au plus ${MAX_ATTACHMENTS_PER_SCENARIO} pièces jointes.`);
  }
  const stored: string[] = [];
  try {
    for (const upload of uploads) stored.push((await storeUpload(deps, ctx.establishmentId, upload, SCENARIO_ATTACHMENT_TYPES)).id);
    const at = nowIso(ctx.at);
    await inTransaction(deps.db, async (tx) => {
      await ownScenario(tx, ctx, scenarioId);
      await repo.insertAttachments(
        tx,
        uploads.map((u, i) => ({ id: newId(), establishment_id: ctx.establishmentId, scenario_id: scenarioId, file_id: stored[i]!, filename: u.filename, created_at: at })),
      );
    });
  } catch (e) {
    // Files stored for this request and pointed to by nothing go again.
    const collected = await inTransaction(deps.db, (tx) => collectUnusedFiles(tx, ctx.establishmentId, stored));
    await collected.removeBytes(deps);
    throw e;
  }
  return presentAttachments(await repo.listAttachments(deps.db, ctx.establishmentId, scenarioId));
}

/** Removes one attachment of my scenario; its bytes go when nothing points to them any more. */
export async function removeAttachment(deps: Deps, ctx: RequestContext, scenarioId: string, attachmentId: string): Promise<void> {
  const collected = await inTransaction(deps.db, async (tx) => {
    await ownScenario(tx, ctx, scenarioId);
    const attachment = (await repo.listAttachments(tx, ctx.establishmentId, scenarioId)).find((a) => a.id === attachmentId);
    if (!attachment) throw new AppError(404, 'scenarios.attachment_not_found');
    await repo.deleteAttachment(tx, ctx.establishmentId, scenarioId, attachmentId);
    return collectUnusedFiles(tx, ctx.establishmentId, [attachment.file_id]);
  });
  await collected.removeBytes(deps);
}

/** The bytes of an attachment, for whoever may read the scenario. */
export async function openAttachment(
  deps: Deps,
  ctx: RequestContext,
  scenarioId: string,
  attachmentId: string,
): Promise<{ filename: string; mediaType: string; size: number; stream: Readable }> {
  await readableScenario(deps.db, ctx, scenarioId);
  const attachment = (await repo.listAttachments(deps.db, ctx.establishmentId, scenarioId)).find((a) => a.id === attachmentId);
  if (!attachment) throw new AppError(404, 'scenarios.attachment_not_found');
  const file = await openStoredFile(deps, ctx.establishmentId, attachment.file_id);
  return { filename: attachment.filename, mediaType: file.mediaType, size: file.size, stream: file.stream };
}

/** « Exporter et/ou imprimer »: the scenario as a .docx (rendered off the request's thread). */
export async function exportScenarioDocx(deps: Deps, ctx: RequestContext, scenarioId: string): Promise<{ filename: string; body: Buffer }> {
  const scenario = await loadScenario(deps.db, ctx, await readableScenario(deps.db, ctx, scenarioId));
  const establishment = await repo.findEstablishmentName(deps.db, ctx.establishmentId);
  const body = asBuffer(await deps.workers.run('scenarios.docx', { scenario, establishment: establishment?.name ?? '', at: nowIso(ctx.at) }, { key: ctx.establishmentId }));
  return { filename: docxFilename(scenario.title), body };
}
