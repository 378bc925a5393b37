import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live (docs/design.md §4, §7): a port, so that an object-storage adapter (S3,
 * Swift…) can replace the local folder when several app processes serve one database.
 *
 * The contract is deliberately narrow, four calls an object store has natively:
 * - keys are opaque `[A-Za-z0-9_-]` segments joined by `/`, made by `attachmentKey` from the
 *   establishment and the content's SHA-256, never from user input; an adapter may map them to
 *   object names as they are;
 * - content is immutable: a key always names the same bytes, so `putFile` of an existing key may
 *   do nothing, and nothing ever updates in place (no partial writes, no appends);
 * - bytes go in from a local file (uploads are first streamed to a temporary file, so an adapter
 *   can stream or multipart-upload it) and come out as a stream (never a whole buffer);
 * - no listing: the `files` table is the index (backups walk it, see modules/backup).
 * Access control is not the store's business: only routes that checked who may see the owner of
 * an attachment call `open` (modules/files/files.usecases.ts `openStoredFile`).
 */
export interface FileStorage {
  /** Stores the bytes of a local file under `key` (idempotent: same key, same content). */
  putFile(key: string, sourcePath: string): Promise<void>;
  /** A stream of the stored bytes; rejects with code `ENOENT` when missing. */
  open(key: string): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** Removes the bytes; no error when already gone. */
  remove(key: string): Promise<void>;
}

/** The storage key of an attachment: `<establishment>/<first two hex digits>/<sha256>`. */
export function attachmentKey(establishmentId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('attachment keys are made from a SHA-256');
  return `${establishmentId}/${sha256.slice(0, 2)}/${sha256}`;
}
