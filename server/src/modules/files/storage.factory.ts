import path from 'node:path';
import type { Config } from '../../config/config.ts';
import type { FileStorage } from './file-storage.ts';
import { createLocalFileStorage } from './local-file-storage.ts';

/**
 * The storage port chosen by configuration: `STORAGE=local` (DATA_DIR/attachments) or `STORAGE=s3`.
 * The S3 adapter (and the AWS SDK, about 0.4 s to load) is loaded on the first file operation,
 * so commands and processes that never touch an attachment do not pay for it (docs/performance.md).
 */
export function createFileStorage(config: Config): FileStorage {
  if (config.storage.kind === 'local') return createLocalFileStorage(path.join(config.dataDir, 'attachments'));
  const settings = config.storage;
  let loaded: Promise<FileStorage> | null = null;
  const s3 = () => (loaded ??= import('./s3-file-storage.ts').then((m) => m.createS3FileStorage(settings)));
  return {
    putFile: async (key, sourcePath) => (await s3()).putFile(key, sourcePath),
    open: async (key) => (await s3()).open(key),
    exists: async (key) => (await s3()).exists(key),
    remove: async (key) => (await s3()).remove(key),
  };
}
