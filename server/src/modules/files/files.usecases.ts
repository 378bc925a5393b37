import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';
import type { DbOrTx } from '../../db/schema.ts';
import type { AttachmentMediaType } from '../../db/tables/teaching.ts';
import { lockKeyForTransaction } from '../../db/dialect.ts';
import { inOwnOrCurrentTransaction } from '../../db/transaction.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { formatSize, looksExecutable, MAX_ATTACHMENT_BYTES, mediaTypeOfName, sniffMediaType, zipProblem } from './file-check.ts';
import { attachmentKey } from './file-storage.ts';
import { deleteFiles, findFile, findFileByHash, insertFile, storedBytes, unreferencedFiles } from './files.repository.ts';

/**
 * Attachments (docs/design.md §4): checked by content, size-limited, stored once per establishment by
 * SHA-256 through the storage port, and reachable only through the routes of the module that
 * owns them (scenarios, passport), which check who may see their owner first.
 */

export type StoredFile = { id: string; sha256: string; size: number; mediaType: AttachmentMediaType };

/** An upload already streamed to a temporary file (see http/upload.ts). */
export type UploadedFile = { filename: string; tmpPath: string; size: number };

const storageKey = attachmentKey;

const TYPE_NAMES: Record<AttachmentMediaType, string> = {
  'application/pdf': 'PDF',
  'application/zip': 'ZIP',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** Checks an upload by its content and stores it; returns the file row (an identical file is stored once). */
export async function storeUpload(
  deps: Deps,
  establishmentId: string,
  upload: UploadedFile,
  accept: readonly AttachmentMediaType[],
): Promise<StoredFile> {
  const accepted = accept.map((t) => TYPE_NAMES[t]).join(', ');
  // The size on disk, not the one announced: the caller may have counted differently.
  const size = (await fs.promises.stat(upload.tmpPath)).size;
  if (size > MAX_ATTACHMENT_BYTES) {
    throw badRequest('files.too_large', `« ${upload.filename} » dépasse la taille maximale de ${formatSize(MAX_ATTACHMENT_BYTES)}.`);
  }
  if (size === 0) throw badRequest('files.empty', `« ${upload.filename} » est vide.`);
  const head = Buffer.alloc(16);
  const fd = await fs.promises.open(upload.tmpPath, 'r');
  try {
    await fd.read(head, 0, 16, 0);
  } finally {
    await fd.close();
  }
  const mediaType = sniffMediaType(head);
  if (!mediaType && looksExecutable(head)) {
    throw badRequest('files.unsupported_type', `« ${upload.filename} » est un programme, pas un document : il n'est pas accepté (${accepted}).`);
  }
  if (!mediaType || !accept.includes(mediaType)) {
    throw badRequest('files.unsupported_type', `« ${upload.filename} » n'est pas un fichier accepté (${accepted}) : son contenu ne correspond à aucun de ces formats.`);
  }
  const announced = mediaTypeOfName(upload.filename);
  if (announced !== mediaType) {
    throw badRequest(
      'files.extension_mismatch',
      `« ${upload.filename} » est en réalité un fichier ${TYPE_NAMES[mediaType]} : renommez-le avec la bonne extension avant de le déposer.`,
    );
  }
  if (mediaType === 'application/zip') {
    const problem = await zipProblem(upload.tmpPath);
    if (problem) throw badRequest('files.bad_zip', `« ${upload.filename} » est refusé : ${problem}`);
  }
  const sha256 = await hashFile(upload.tmpPath);
  const key = storageKey(establishmentId, sha256);
  const existing = await findFileByHash(deps.db, establishmentId, sha256);
  if (existing) {
    // Same content already stored: one row, one copy (the bytes are put back if they went missing).
    if (!(await deps.files.exists(key))) await deps.files.putFile(key, upload.tmpPath);
    return { id: existing.id, sha256, size: existing.size, mediaType: existing.media_type };
  }
  // Checked before the bytes are stored, and again under the establishment's lock with the row.
  await checkRoom(deps, deps.db, establishmentId, upload.filename, size);
  await deps.files.putFile(key, upload.tmpPath);
  const row = { id: newId(), establishment_id: establishmentId, sha256, size, media_type: mediaType, created_at: nowIso(deps.now()) };
  try {
    // The demo seed and a restore call this inside their own transaction: the row goes in it.
    await inOwnOrCurrentTransaction(deps.db, async (tx) => {
      await lockKeyForTransaction(tx, deps.engine, `files.room:${establishmentId}`);
      await checkRoom(deps, tx, establishmentId, upload.filename, size);
      await insertFile(tx, row);
    });
  } catch (e) {
    // Refused after all (another upload took the room meanwhile): no row, so no bytes either.
    if (!(await findFileByHash(deps.db, establishmentId, sha256))) await deps.files.remove(key).catch(() => {});
    throw e;
  }
  const stored = await findFileByHash(deps.db, establishmentId, sha256);
  return { id: stored!.id, sha256, size: stored!.size, mediaType };
}

/**
 * The establishment's room for attachments (ATTACHMENTS_MAX_MB_PER_ESTABLISHMENT, docs/performance.md
 * « Ressources bornées »): a file that would take it past the limit is refused, 507, and nothing is kept.
 */
async function checkRoom(deps: Deps, db: DbOrTx, establishmentId: string, filename: string, size: number): Promise<void> {
  const limit = deps.config.attachments.maxBytesPerEstablishment;
  const used = await storedBytes(db, establishmentId);
  if (used + size <= limit) return;
  throw new AppError(
    507,
    'files.establishment_full',
    `L'espace des pièces jointes de l'établissement est plein (${formatSize(used)} utilisés sur ${formatSize(limit)}) : « ${filename} » (${formatSize(size)}) n'a pas été enregistré. Supprimez des pièces jointes devenues inutiles, ou demandez à l'administrateur du service d'augmenter la limite.`,
  );
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The bytes of a stored file, for a route that has already checked who may read its owner. */
export async function openStoredFile(deps: Deps, establishmentId: string, fileId: string): Promise<{ stream: Readable; size: number; mediaType: AttachmentMediaType }> {
  const row = await findFile(deps.db, establishmentId, fileId);
  if (!row) throw notFound('files.not_found');
  try {
    return { stream: await deps.files.open(storageKey(establishmentId, row.sha256)), size: row.size, mediaType: row.media_type };
  } catch {
    throw notFound('files.not_found');
  }
}

/**
 * Deletes the files among `fileIds` that no attachment points to any more: rows in the caller's
 * transaction, bytes after (call `removeBytes` once the transaction has committed).
 */
export async function collectUnusedFiles(db: DbOrTx, establishmentId: string, fileIds: readonly string[]) {
  const unused = await unreferencedFiles(db, establishmentId, fileIds);
  await deleteFiles(db, establishmentId, unused.map((f) => f.id));
  return {
    removeBytes: async (deps: Deps) => {
      for (const f of unused) {
        if (!(await findFileByHash(deps.db, establishmentId, f.sha256))) await deps.files.remove(storageKey(establishmentId, f.sha256));
      }
    },
  };
}
