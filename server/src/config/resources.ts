import { z } from 'zod';

/**
 * Settings of bounded resources, shared storage and app processes (docs/performance.md « Ressources
 * bornées », « Plusieurs processus »), read from the environment next to config.ts.
 */

const MB = 1024 * 1024;
const positiveInt = (dflt: number) => z.coerce.number().int().min(1).default(dflt);
const optional = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const ResourceEnvSchema = z.object({
  /** SIECLE analyses (and applies) parsed at once in this process; the others wait in a queue. */
  UPLOAD_MAX_ANALYSES: positiveInt(1),
  /** Megabytes of upload bodies being received or waiting for an analysis, all establishments. */
  UPLOAD_MAX_INFLIGHT_MB: positiveInt(400),
  /** Megabytes one establishment may hold in kept analyses and uploads in progress. */
  UPLOAD_MAX_DISK_MB_PER_ESTABLISHMENT: positiveInt(300),
  /** Megabytes of attachments (passport, scenarios) one establishment may keep; identical files count once. */
  ATTACHMENTS_MAX_MB_PER_ESTABLISHMENT: positiveInt(10 * 1024),
  /** How long a received upload waits for an analysis slot before a 503. */
  UPLOAD_QUEUE_WAIT_SECONDS: z.coerce.number().min(0).default(20),
  /** How often expired analyses and their files are swept. */
  IMPORT_SWEEP_MINUTES: z.coerce.number().min(1).default(10),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: optional.refine((v) => v === undefined || /^https?:\/\//.test(v), { message: 'S3_ENDPOINT doit commencer par http:// ou https://' }),
  S3_BUCKET: optional,
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  /** Path-style addresses (`endpoint/bucket/key`), what MinIO, Garage and s3rver expect. */
  S3_FORCE_PATH_STYLE: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  /** App processes behind the one port (node:cluster); 1 = no cluster. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
});

export type UploadLimits = {
  maxAnalyses: number;
  maxBytesInFlight: number;
  maxDiskPerEstablishment: number;
  queueWaitMs: number;
  sweepEveryMs: number;
};

export type StorageConfig =
  | { kind: 'local' }
  | { kind: 's3'; endpoint: string | undefined; bucket: string; region: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean };

export type ResourceConfig = { uploads: UploadLimits; attachments: { maxBytesPerEstablishment: number }; storage: StorageConfig; webConcurrency: number };

export function resourceConfig(e: z.infer<typeof ResourceEnvSchema>): ResourceConfig {
  return {
    uploads: {
      maxAnalyses: e.UPLOAD_MAX_ANALYSES,
      maxBytesInFlight: e.UPLOAD_MAX_INFLIGHT_MB * MB,
      maxDiskPerEstablishment: e.UPLOAD_MAX_DISK_MB_PER_ESTABLISHMENT * MB,
      queueWaitMs: e.UPLOAD_QUEUE_WAIT_SECONDS * 1000,
      sweepEveryMs: e.IMPORT_SWEEP_MINUTES * 60 * 1000,
    },
    attachments: { maxBytesPerEstablishment: e.ATTACHMENTS_MAX_MB_PER_ESTABLISHMENT * MB },
    storage:
      e.STORAGE === 's3'
        ? { kind: 's3', endpoint: e.S3_ENDPOINT, bucket: e.S3_BUCKET!, region: e.S3_REGION, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: e.S3_FORCE_PATH_STYLE }
        : { kind: 'local' },
    webConcurrency: e.WEB_CONCURRENCY,
  };
}

/** STORAGE=s3 needs a bucket. */
export const storageNeedsBucket = (e: { STORAGE: string; S3_BUCKET?: string }) => e.STORAGE !== 's3' || Boolean(e.S3_BUCKET);
