import { AttachmentPartSchema, type SituationDetail } from '@cerise/common';
import type { RequestContext } from '../../context.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import type { AttachmentMediaType } from '../../db/tables/teaching.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { collectUnusedFiles, openStoredFile, storeUpload, type UploadedFile } from '../files/files.usecases.ts';
import { auditRead, situationFor } from './passport.access.ts';
import * as repo from './passport.repository.ts';
import { detailOf } from './passport.usecases.ts';

/** Attachments of a situation: PDF, ZIP and phone photos, common to both parts or for one. */

export const PASSPORT_ACCEPT: readonly AttachmentMediaType[] = ['application/pdf', 'application/zip', 'image/jpeg', 'image/png'];
const MAX_PER_SITUATION = 20;

export async function addAttachments(deps: Deps, ctx: RequestContext, id: string, files: UploadedFile[], partText: string | undefined): Promise<SituationDetail> {
  const { learner } = await situationFor(deps, ctx, id, 'write');
  const part = AttachmentPartSchema.safeParse(partText ?? 'common');
  if (!part.success) throw badRequest('passport.invalid_part');
  if (files.length === 0) throw badRequest('files.missing_file', 'Choisissez un fichier à joindre.');
  const existing = await repo.attachmentsOf(deps.db, [id]);
  if (existing.length + files.length > MAX_PER_SITUATION) throw badRequest('passport.too_many_attachments');
  const stored: { file: Awaited<ReturnType<typeof storeUpload>>; filename: string }[] = [];
  for (const f of files) stored.push({ file: await storeUpload(deps, ctx.establishmentId, f, PASSPORT_ACCEPT), filename: f.filename });
  const at = nowIso(ctx.at);
  await inTransaction(deps.db, async (tx) => {
    for (const s of stored) {
      await repo.insertAttachment(tx, { id: newId(), establishment_id: ctx.establishmentId, situation_id: id, file_id: s.file.id, filename: s.filename, part: part.data, created_at: at });
    }
    await bump(tx, ctx, id, at);
  });
  return detailOf(deps.db, ctx.establishmentId, id, learner);
}

/** An attachment changes the learner's content: new version, « modifiée depuis l'évaluation ». */
async function bump(tx: Parameters<typeof repo.findSituation>[0], ctx: RequestContext, id: string, at: string) {
  const row = await repo.findSituation(tx, ctx.establishmentId, id);
  if (row) await repo.updateSituation(tx, ctx.establishmentId, id, row.version, { updated_at: at, content_changed_at: at });
}

export async function removeAttachment(deps: Deps, ctx: RequestContext, id: string, attachmentId: string): Promise<void> {
  await situationFor(deps, ctx, id, 'write');
  const attachment = (await repo.attachmentsOf(deps.db, [id])).find((a) => a.id === attachmentId);
  if (!attachment) throw notFound('passport.attachment_not_found');
  const removal = await inTransaction(deps.db, async (tx) => {
    await repo.deleteAttachment(tx, id, attachmentId);
    await bump(tx, ctx, id, nowIso(ctx.at));
    return collectUnusedFiles(tx, ctx.establishmentId, [attachment.file_id]);
  });
  await removal.removeBytes(deps);
}

/** The bytes of an attachment, for those who may read the learner's passport (audited). */
export async function openAttachment(deps: Deps, ctx: RequestContext, id: string, attachmentId: string) {
  const { learner } = await situationFor(deps, ctx, id, 'read');
  const attachment = (await repo.attachmentsOf(deps.db, [id])).find((a) => a.id === attachmentId);
  if (!attachment) throw notFound('passport.attachment_not_found');
  const file = await openStoredFile(deps, ctx.establishmentId, attachment.file_id);
  await auditRead(deps.db, ctx, learner.id, 'attachment', { situationId: id, attachmentId });
  return { ...file, filename: attachment.filename };
}
