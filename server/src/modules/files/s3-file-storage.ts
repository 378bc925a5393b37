import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../config/resources.ts';
import type { FileStorage } from './file-storage.ts';

type S3Settings = Extract<StorageConfig, { kind: 's3' }>;

/** Objects live under this prefix, so the bucket may hold other things (backups…). */
const PREFIX = 'attachments/';

const isMissing = (e: unknown) =>
  e instanceof S3ServiceException && (e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata.httpStatusCode === 404);

/**
 * The storage port on an S3-compatible object store (AWS S3, MinIO, Garage, Ceph RGW, OVH, Scaleway…),
 * for several app processes serving one database (docs/performance.md « Plusieurs processus »).
 * Keys are the port's keys under `attachments/`; bytes go up from the temporary file as a stream with
 * its length (one PUT: attachments are at most 10 MB, far under the 5 GB of a single PUT) and come
 * down as the response stream, never as a whole buffer. Content is immutable and named by its
 * SHA-256, so `putFile` skips a key that exists and a race between two processes writes the same bytes.
 * Checksums are computed only when an operation requires them: stores other than AWS often refuse
 * the SDK's default trailing checksums (aws-chunked uploads).
 */
export function createS3FileStorage(settings: S3Settings, client?: S3Client): FileStorage {
  const s3 =
    client ??
    new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const Bucket = settings.bucket;
  const objectKey = (key: string) => {
    if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(key)) throw new Error(`invalid storage key: ${key}`);
    return PREFIX + key;
  };
  const exists = async (key: string) => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
      return true;
    } catch (e) {
      if (isMissing(e)) return false;
      throw e;
    }
  };
  return {
    async putFile(key, sourcePath) {
      if (await exists(key)) return;
      const { size } = await fs.promises.stat(sourcePath);
      await s3.send(
        new PutObjectCommand({ Bucket, Key: objectKey(key), Body: fs.createReadStream(sourcePath), ContentLength: size, ContentType: 'application/octet-stream' }),
      );
    },
    async open(key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return res.Body as Readable;
      } catch (e) {
        if (isMissing(e)) throw Object.assign(new Error(`no object ${key}`), { code: 'ENOENT' });
        throw e;
      }
    },
    exists,
    async remove(key) {
      // DELETE of a missing object succeeds on S3 (204).
      await s3.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
