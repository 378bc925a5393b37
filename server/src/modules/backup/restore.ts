import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Deps } from '../../deps.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { DURABLE_TABLES, TRANSIENT_TABLES } from '../../db/table-order.ts';
import { AppError } from '../../http/errors.ts';
import { attachmentKey } from '../files/file-storage.ts';
import { ATTACHMENTS_PREFIX, BACKUP_FORMAT, type BackupManifest } from './backup.ts';

const fail = (message: string) => new AppError(400, 'backup.invalid', message);

/**
 * Restores a backup into the configured database (migrated, and empty unless `replace`) and the
 * attachment storage (`deps.files`, the port: a local folder or an object store). One transaction:
 * a failed restore leaves the database as it was.
 */
export async function restoreBackup(deps: Deps, file: string, opts: { replace: boolean }): Promise<BackupManifest> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(new Uint8Array(fs.readFileSync(file)));
  } catch {
    throw fail(`${path.basename(file)} n'est pas une sauvegarde Cerise Pro lisible (ZIP attendu).`);
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw fail(`${path.basename(file)} : manifest.json manquant, ce n'est pas une sauvegarde Cerise Pro.`);
  const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as BackupManifest;
  if (manifest.app !== 'cerise-pro' || manifest.format !== BACKUP_FORMAT) throw fail('Format de sauvegarde inconnu.');
  const unknown = manifest.migrations.filter((m) => !(m in MIGRATIONS));
  if (unknown.length) throw fail(`Cette sauvegarde vient d'une version plus récente de Cerise Pro (migrations ${unknown.join(', ')}). Mettez l'application à jour avant de la restaurer.`);

  // Attachments go back through the port (a local folder or an object store), each checked first
  // against its content-addressed key: no path from the archive is used as a path, and no altered
  // byte comes back.
  const attachments: { key: string; sha256: string; bytes: Uint8Array }[] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    if (!name.startsWith('files/') || name.endsWith('/')) continue;
    const key = name.startsWith(ATTACHMENTS_PREFIX) ? name.slice(ATTACHMENTS_PREFIX.length) : '';
    const [establishmentId = '', , sha256 = ''] = key.split('/');
    const wellFormed = /^[0-9a-f]{64}$/.test(sha256) && /^[A-Za-z0-9_-]+$/.test(establishmentId) && attachmentKey(establishmentId, sha256) === key;
    if (!wellFormed) throw fail(`Chemin refusé dans la sauvegarde : ${name.slice('files/'.length)}`);
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== sha256) throw fail(`Sauvegarde abîmée : la pièce jointe ${key} ne correspond pas à son empreinte.`);
    attachments.push({ key, sha256, bytes });
  }

  const decoder = new TextDecoder();
  await deps.db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('establishments').select('id').limit(1).execute();
    if (existing.length > 0 && !opts.replace) {
      throw new AppError(409, 'backup.database_not_empty', 'La base de données contient déjà des établissements. Restaurez dans une base vide, ou ajoutez --replace pour tout remplacer.');
    }
    if (opts.replace) {
      for (const table of [...TRANSIENT_TABLES, ...[...DURABLE_TABLES].reverse()]) await tx.deleteFrom(table).execute();
    }
    for (const table of DURABLE_TABLES) {
      const bytes = entries[`tables/${table}.jsonl`];
      if (!bytes) continue; // a table newer than the backup stays empty
      const rows = decoder
        .decode(bytes)
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      if (rows.length !== (manifest.tables[table] ?? rows.length)) throw fail(`Sauvegarde incomplète : la table ${table} n'a pas le nombre de lignes annoncé.`);
      for (let i = 0; i < rows.length; i += 200) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        await tx.insertInto(table).values(rows.slice(i, i + 200) as any).execute();
      }
    }
  });

  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-restore-'));
  try {
    for (const { key, sha256, bytes } of attachments) {
      const tmp = path.join(tmpDir, sha256);
      fs.writeFileSync(tmp, bytes, { mode: 0o600 });
      await deps.files.putFile(key, tmp);
      fs.rmSync(tmp);
    }
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  return manifest;
}
