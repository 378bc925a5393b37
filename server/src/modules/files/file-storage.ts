import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live (DESIGN §4, §7): a port, so that an object-storage adapter can
 * replace the local folder when several app processes serve one database. Keys are made by the
 * files module from the establishment and the content's SHA-256, never from user input.
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
