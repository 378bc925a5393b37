import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { UploadedFile } from '../modules/files/files.usecases.ts';
import { formatSize, MAX_ATTACHMENT_BYTES } from '../modules/files/file-check.ts';
import { badRequest } from './errors.ts';

/**
 * Streams the files of a multipart request to temporary files (0600, in a 0700 folder), never
 * holding them in memory; refuses one over `maxBytes` as soon as it passes it (busboy stops at
 * `maxBytes + 1` bytes, so no more than that is ever written). The caller must `cleanup()`, in a
 * `finally`; on a refusal the files are already gone. Then `storeUpload` checks the content.
 */
export async function receiveFiles(
  request: FastifyRequest,
  opts: { maxBytes?: number; maxFiles?: number } = {},
): Promise<{ files: (UploadedFile & { field: string })[]; fields: Record<string, string>; cleanup: () => Promise<void> }> {
  if (!request.isMultipart()) throw badRequest('files.missing_file', 'Envoyez les fichiers dans un formulaire (multipart/form-data).');
  const maxBytes = opts.maxBytes ?? MAX_ATTACHMENT_BYTES;
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cerise-upload-'));
  await fs.promises.chmod(dir, 0o700);
  const files: (UploadedFile & { field: string })[] = [];
  const fields: Record<string, string> = {};
  const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: opts.maxFiles ?? 10 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const tmpPath = path.join(dir, crypto.randomBytes(8).toString('hex'));
      await writeStreamTo(part.file, tmpPath);
      const filename = (part.filename || 'fichier').normalize('NFC').slice(0, 200);
      if (part.file.truncated) {
        throw badRequest('files.too_large', `« ${filename} » dépasse la taille maximale de ${formatSize(maxBytes)}.`);
      }
      files.push({ field: part.fieldname, filename, tmpPath, size: (await fs.promises.stat(tmpPath)).size });
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { files, fields, cleanup };
}

/**
 * Copies a multipart file stream to disk chunk by chunk. Not `pipeline()`: when a body stops
 * before its closing boundary, busboy never ends nor errors the part's stream for a pipe, while
 * iterating it ends (then the parts iterator reports the malformed body).
 */
async function writeStreamTo(source: AsyncIterable<Buffer>, file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'w', 0o600);
  try {
    for await (const chunk of source) await handle.write(chunk);
  } finally {
    await handle.close();
  }
}
