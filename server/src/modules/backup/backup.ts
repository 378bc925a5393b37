import fs from 'node:fs';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Deps } from '../../deps.ts';
import { MIGRATIONS } from '../../db/migrations/index.ts';
import { DURABLE_TABLES } from '../../db/table-order.ts';
import type { Tx } from '../../db/schema.ts';
import { nowIso } from '../../util/ids.ts';

export const BACKUP_FORMAT = 1;
/** Folders of DATA_DIR that hold user files (attachments); copied as they are. */
export const FILE_FOLDERS = ['attachments'];

export type BackupManifest = {
  format: number;
  app: 'cerise-pro';
  engine: string;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
  files: number;
};

function* walk(dir: string): Generator<string> {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes a backup: one ZIP with manifest.json, every durable table as JSON lines (read in one
 * transaction, so the copy is consistent while the service runs) and the attachments.
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
        entry.push(new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
        count += rows.length;
        after = rows[rows.length - 1]!.id;
      }
      entry.push(new Uint8Array(0), true);
      manifest.tables[table] = count;
    }
  });

  for (const folder of FILE_FOLDERS) {
    const base = path.join(deps.config.dataDir, folder);
    for (const full of walk(base)) {
      const rel = path.relative(deps.config.dataDir, full).split(path.sep).join('/');
      const entry = new ZipPassThrough(`files/${rel}`);
      zip.add(entry);
      entry.push(new Uint8Array(fs.readFileSync(full)), true);
      manifest.files++;
    }
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
