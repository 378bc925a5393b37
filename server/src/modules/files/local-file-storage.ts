import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStorage } from './file-storage.ts';

/**
 * The default storage: a folder under DATA_DIR (`attachments/`, which backups copy), files 0600
 * and folders 0700, written to a temporary name then renamed, so a crash never leaves half a file
 * under a real key.
 */
export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string): string => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key)) throw new Error(`invalid storage key: ${key}`);
    return path.join(root, ...key.split('/'));
  };
  return {
    async putFile(key, sourcePath) {
      const target = pathOf(key);
      if (fs.existsSync(target)) return;
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await fs.promises.copyFile(sourcePath, tmp);
      await fs.promises.chmod(tmp, 0o600);
      await fs.promises.rename(tmp, target);
    },
    async open(key) {
      const target = pathOf(key);
      await fs.promises.access(target, fs.constants.R_OK);
      return fs.createReadStream(target) as Readable;
    },
    async exists(key) {
      return fs.existsSync(pathOf(key));
    },
    async remove(key) {
      await fs.promises.rm(pathOf(key), { force: true });
    },
  };
}
