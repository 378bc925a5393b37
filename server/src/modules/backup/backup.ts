import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Deps } from '../../deps.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { DURABLE_TABLES } from '../../db/table-order.ts';
import { withoutSecrets } from './backup.secrets.ts';
import type { Tx } from '../../db/schema.ts';
import { nowIso } from '../../util/ids.ts';
import { attachmentKey } from '../files/file-storage.ts';

export const BACKUP_FORMAT = 1;
/** Where attachments sit inside a backup: `files/attachments/<storage key>` (same as DATA_DIR). */
export const ATTACHMENTS_PREFIX = 'files/attachments/';

export type BackupManifest = {
  format: number;
  app: 'cerise-pro';
  engine: string;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
  files: number;
  /** Rows of `files` whose bytes the storage did not have (logged; the backup goes on). */
  missingFiles?: number;
};

/**
 * Writes a backup: one ZIP with manifest.json, every durable table as JSON lines (read in one
 * transaction, so the copy is consistent while the service runs) and the attachments, read
 * through the storage port (`deps.files`) for every row of `files`, so an object-storage adapter
 * is backed up the same way as the local folder.
 * The format is the same for SQLite and PostgreSQL, so a backup restores on either engine.
 */
export async function writeBackup(deps: Deps, file: string): Promise<BackupManifest> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp);
  let failed: Error | undefined;
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  const addText = (name: string, text: string, deflate = true) => {
    const entry = deflate ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(entry);
    entry.push(new TextEncoder().encode(text), true);
  };

  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    app: 'cerise-pro',
    engine: deps.engine,
    createdAt: nowIso(deps.now()),
    migrations: Object.keys(MIGRATIONS),
    tables: {},
    files: 0,
  };

  const attachmentKeys: string[] = [];
  await deps.db.transaction().execute(async (tx: Tx) => {
    for (const table of DURABLE_TABLES) {
      const entry = new ZipDeflate(`tables/${table}.jsonl`, { level: 6 });
      zip.add(entry);
      let count = 0;
      let after: string | null = null;
      for (;;) {
        // Keyset pagination on the primary key: constant memory whatever the table size.
        let q = tx.selectFrom(table).selectAll().orderBy('id').limit(2000);
        if (after !== null) q = q.where('id', '>', after);
        const rows = (await q.execute()) as { id: string }[];
        if (rows.length === 0) break;
        entry.push(new TextEncoder().encode(rows.map((r) => JSON.stringify(withoutSecrets(table, r))).join('\n') + '\n'));
        if (table === 'files') {
          for (const r of rows as unknown as { establishment_id: string; sha256: string }[]) attachmentKeys.push(attachmentKey(r.establishment_id, r.sha256));
        }
        count += rows.length;
        after = rows[rows.length - 1]!.id;
      }
      entry.push(new Uint8Array(0), true);
      manifest.tables[table] = count;
    }
  });

  for (const key of attachmentKeys) {
    let stream;
    try {
      stream = await deps.files.open(key);
    } catch {
      deps.log.warn({ key }, 'backup: attachment bytes missing from the storage');
      manifest.missingFiles = (manifest.missingFiles ?? 0) + 1;
      continue;
    }
    const entry = new ZipPassThrough(`${ATTACHMENTS_PREFIX}${key}`);
    zip.add(entry);
    for await (const chunk of stream) {
      entry.push(new Uint8Array(chunk as Buffer));
      // Streamed, with backpressure: never a whole attachment in memory.
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    entry.push(new Uint8Array(0), true);
    manifest.files++;
  }
  addText('manifest.json', JSON.stringify(manifest, null, 2));
  zip.end();
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  if (failed) throw failed;
  fs.renameSync(tmp, file);
  return manifest;
}
