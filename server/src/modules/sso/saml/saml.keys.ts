/**
 * The SAML service provider's key pair, one per SAML provider, made at first use and kept in the
 * `sso_sp_keys` table (so in backups, like the provider itself): its certificate goes in the SP
 * metadata for the IdP to encrypt assertions with, its private key decrypts them (docs/sso.md
 * « SAML / ÉduConnect »). Made by the `openssl` command in a child process (RSA 2048, self-signed,
 * 10 years), off the event loop; without openssl the SP works with unencrypted assertions only.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Deps } from '../../../deps.ts';
import { newId, nowIso } from '../../../util/ids.ts';
import { findSpKeys, insertSpKeysIfMissing } from './saml.repository.ts';

const run = promisify(execFile);

export interface SpKeys {
  privateKey: string;
  certificate: string;
}

async function generate(commonName: string): Promise<SpKeys | null> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'cerise-sp-'));
  try {
    const key = path.join(dir, 'sp.key');
    const crt = path.join(dir, 'sp.crt');
    const subject = `/CN=${commonName.replace(/[^A-Za-z0-9 .:-]/g, '').slice(0, 60) || 'cerise'}`;
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650', '-subj', subject, '-keyout', key, '-out', crt], { timeout: 30_000 });
    return { privateKey: await fs.promises.readFile(key, 'utf8'), certificate: await fs.promises.readFile(crt, 'utf8') };
  } catch {
    return null;
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** The provider's key pair, made and stored at the first call; null when it cannot be made. */
export async function spKeysFor(deps: Deps, establishmentId: string, providerId: string, commonName: string): Promise<SpKeys | null> {
  const existing = await findSpKeys(deps.db, establishmentId, providerId);
  if (existing) return { privateKey: existing.private_key, certificate: existing.certificate };
  const made = await generate(commonName);
  if (!made) {
    deps.log.warn({ provider: providerId }, 'sso.saml_sp_keys_unavailable');
    return null;
  }
  await insertSpKeysIfMissing(deps.db, { id: newId(), provider_id: providerId, establishment_id: establishmentId, private_key: made.privateKey, certificate: made.certificate, created_at: nowIso(deps.now()) });
  const stored = await findSpKeys(deps.db, establishmentId, providerId);
  return stored ? { privateKey: stored.private_key, certificate: stored.certificate } : null;
}
