import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStorage } from './file-storage.ts';

/**
 * The default storage: a folder under DATA_DIR (`attachments/`), files 0600 and folders 0700,
 * written to a temporary name then renamed, so a crash never leaves half a file under a real key.
 * Keys are checked against the port's alphabet, so no key can climb out of `root`.
 */
export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string): string => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, ...key.split('/'));
  };
  /** Creates the folders of `target` 0700 (and tightens those made earlier, e.g. by a restore). */
  const ensureFolders = async (target: string) => {
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    for (let dir = path.dirname(target); ; dir = path.dirname(dir)) {
      await fs.promises.chmod(dir, 0o700);
      if (dir === root || path.dirname(dir) === dir) break;
    }
  };
  return {
    async putFile(key, sourcePath) {
      const target = pathOf(key);
      if (fs.existsSync(target)) return;
      await ensureFolders(target);
      const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      try {
        await fs.promises.copyFile(sourcePath, tmp);
        await fs.promises.chmod(tmp, 0o600);
        await fs.promises.rename(tmp, target);
      } finally {
        await fs.promises.rm(tmp, { force: true });
      }
    },
    async open(key) {
      // Opened now, so a missing file rejects here (ENOENT) rather than later on the stream.
      const handle = await fs.promises.open(pathOf(key), 'r');
      return handle.createReadStream() as Readable;
    },
    async exists(key) {
      return fs.existsSync(pathOf(key));
    },
    async remove(key) {
      await fs.promises.rm(pathOf(key), { force: true });
    },
  };
}
