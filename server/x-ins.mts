import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { openSqlite } from '/work/main/server/src/db/database.ts';
import { migrateToLatest } from '/work/main/server/src/db/migrations/index.ts';
import { insertAccounts } from '/work/main/server/src/modules/users/accounts.repository.ts';
const src = new SQLite('/tmp/dbg/data/cerise.sqlite', { readonly: true });
const rows = src.prepare("select * from users where login not like 'admin%'").all() as any[];
const estRow = src.prepare('select * from establishments').get() as any;
console.log(rows.length, 'rows');
const method = process.argv[2];
for (let round = 0; round < 3; round++) {
  const file = `/tmp/dbg/ins-${round}.sqlite`; for (const s of ['', '-wal', '-shm']) try { (await import('node:fs')).rmSync(file + s); } catch {}
  const h = openSqlite(file); const db = h.db;
  await migrateToLatest(db);
  await db.insertInto('establishments').values(estRow).execute();
  const data = rows.map((r) => { const { sort_key, search_key, ...rest } = r; return rest; });
  const t0 = performance.now();
  await db.transaction().execute(async (tx) => {
    if (method === 'kysely') await insertAccounts(tx, data);
    else if (method === 'raw') {
      const cols = Object.keys(data[0]).concat(['sort_key', 'search_key']);
      const sqlText = `insert into users (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`;
      for (const r of data) { const v = cols.map((c) => (r as any)[c] ?? null); v[v.length-2] = r.last_name; v[v.length-1] = r.first_name; await tx.executeQuery(CompiledQuery.raw(sqlText, v)); }
    }
  });
  const t1 = performance.now();
  await h.destroy();
  console.log(method, (t1 - t0).toFixed(0), 'ms');
}
if (method === 'direct') {
  const file = '/tmp/dbg/ins-d.sqlite'; for (const s of ['', '-wal', '-shm']) try { (await import('node:fs')).rmSync(file + s); } catch {}
  const h = openSqlite(file); await migrateToLatest(h.db); await h.db.insertInto('establishments').values(estRow).execute(); await h.destroy();
  const d = new SQLite(file); d.pragma('journal_mode = WAL'); d.pragma('synchronous = NORMAL');
  const data = rows;
  const cols = Object.keys(data[0]);
  const st = d.prepare(`insert into users (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
  const t0 = performance.now();
  d.transaction(() => { for (const r of data) st.run(cols.map((c) => r[c])); })();
  console.log('direct', (performance.now() - t0).toFixed(0), 'ms');
  // without indexes other than pk
}
