import path from 'node:path';
import { z } from 'zod';
import { resourceConfig, ResourceEnvSchema, storageNeedsBucket, type ResourceConfig } from './resources.ts';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./var'),
  DATABASE_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v) || /^sqlite:/.test(v), {
      message: 'DATABASE_URL doit commencer par postgres:// (ou sqlite:)',
    }),
  PUBLIC_URL: z.union([z.literal('').transform(() => undefined), z.url()]).optional(),
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: 'SMTP_URL doit commencer par smtp:// ou smtps://' }),
  MAIL_FROM: z.string().default('Cerise Pro <no-reply@cerise.local>'),
  SEED_DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('1')
    .transform((v) => v === '1' || v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
})
  .extend(ResourceEnvSchema.shape)
  .refine(storageNeedsBucket, { path: ['S3_BUCKET'], message: 'S3_BUCKET est requis quand STORAGE=s3' });

export type Config = ResourceConfig & {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  /** PUBLIC_URL is not set: `publicUrl` is only `http://localhost:PORT`. */
  publicUrlIsDefault: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  seedDemo: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Secure cookies when the public address is HTTPS. */
  secureCookies: boolean;
};

export class ConfigError extends Error {}

/**
 * The address to print once the server listens: PUBLIC_URL, else localhost on the port it really
 * listens on (PORT=0 picks a free one).
 */
export function listeningUrl(config: Config, listeningPort: number): string {
  return config.publicUrlIsDefault ? `http://localhost:${listeningPort}` : config.publicUrl;
}

/**
 * Said after an address printed by a command other than `serve` when PUBLIC_URL is not set: the
 * address is only the default one, built from PORT, and the server may run elsewhere.
 */
export function defaultPublicUrlNote(config: Config): { fr: string; en: string } | null {
  if (!config.publicUrlIsDefault) return null;
  return {
    fr: `adresse par défaut (PUBLIC_URL n'est pas défini, port ${config.port}) : si le serveur tourne sur un autre port ou derrière un nom de domaine, définissez PUBLIC_URL`,
    en: `default address (PUBLIC_URL is not set, port ${config.port}): if the server runs on another port or behind a domain name, set PUBLIC_URL`,
  };
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    publicUrlIsDefault: e.PUBLIC_URL === undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secureCookies: publicUrl.startsWith('https://'),
    ...resourceConfig(e),
  };
}
