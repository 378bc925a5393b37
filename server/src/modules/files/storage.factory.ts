import path from 'node:path';
import type { Config } from '../../config/config.ts';
import type { FileStorage } from './file-storage.ts';
import { createLocalFileStorage } from './local-file-storage.ts';
import { createS3FileStorage } from './s3-file-storage.ts';

/** The storage port chosen by configuration: `STORAGE=local` (DATA_DIR/attachments) or `STORAGE=s3`. */
export function createFileStorage(config: Config): FileStorage {
  if (config.storage.kind === 's3') return createS3FileStorage(config.storage);
  return createLocalFileStorage(path.join(config.dataDir, 'attachments'));
}
