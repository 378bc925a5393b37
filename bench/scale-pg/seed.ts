/**
 * National scale on PostgreSQL (docs/performance.md « Échelle nationale »), step 1: a dedicated
 * database with 300 establishments × 600 learners (180,000 learners), each establishment with
 * its referential, 18 divisions, one teacher, 300 evaluations of 10 competencies and ~105,000
 * results: ~31.5 million results in all. Rows are made by PostgreSQL itself (INSERT … SELECT over
 * generate_series, one statement per table and establishment batch), the results' secondary
 * indexes are dropped during the load and built again after (as a restore would), then ANALYZE.
 *
 *   SCALE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/cerise_scale npx tsx bench/scale-pg/seed.ts
 *
 * The database is created (dropped first if it exists). SCALE_ESTABLISHMENTS and
 * SCALE_LEARNERS change the size. Ids are UUID-shaped and ordered, made from numbers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/schema.ts';
import { openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrations/index.ts';
import { insertEstablishment } from '../../server/src/modules/establishments/establishments.repository.ts';
import { installDefaultReferential } from '../../server/src/modules/referentials/referentials.install.ts';

export const SCALE_URL = process.env.SCALE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/cerise_scale';
const ESTABLISHMENTS = Number(process.env.SCALE_ESTABLISHMENTS ?? 300);
const LEARNERS = Number(process.env.SCALE_LEARNERS ?? 600);
const CLASS_SIZE = 35;
const CLASSES = Math.ceil(LEARNERS / CLASS_SIZE);
const EVALUATIONS = 300;
const PER_EVALUATION = 10;
const YEAR = '2026-2027';
const AT = '2026-11-28T09:00:00.000Z';
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** A UUID-shaped id (version 7, variant 8) from a table number and a row number: ordered, unique. */
const id = (kind: number, n: string) => `lpad(to_hex(${kind}), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0')`;
const ID = { teacher: 1, learner: 2, division: 3, membership: 4, teaching: 5, evaluation: 6, evalComp: 7, result: 8 };

async function recreateDatabase(url: string) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

async function step(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  log(`${label} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

export async function seedScale(url = SCALE_URL): Promise<void> {
  const t0 = performance.now();
  await recreateDatabase(url);
  const handle = openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
  const db = handle.db as Kysely<Database>;
  try {
    await migrateToLatest(db);
    await step(`${ESTABLISHMENTS} établissements et leurs référentiels`, async () => {
      const ids = Array.from({ length: ESTABLISHMENTS }, (_, e) => `${lpadHex(9, 8)}-0000-7000-8000-${lpadHex(e, 12)}`);
      for (let e = 0; e < ESTABLISHMENTS; e += 10) {
        await Promise.all(
          ids.slice(e, e + 10).map(async (estId, k) => {
            await insertEstablishment(db, { id: estId, uai: `${String(9000000 + e + k)}Z`, name: `Lycée ${e + k}`, email: null, settings: '{}', at: AT });
            await installDefaultReferential(db, estId, AT);
          }),
        );
      }
      await sql`create table scale_est as select (row_number() over (order by id) - 1)::int as e, id from establishments`.execute(db);
      await sql`create table scale_comp as select s.e, (row_number() over (partition by c.establishment_id order by c.id) - 1)::int as k, c.id from competencies c join scale_est s on s.id = c.establishment_id`.execute(db);
    });
    const comps = Number((await sql<{ n: number }>`select min(n)::int as n from (select count(*) as n from scale_comp group by e) x`.execute(db)).rows[0]!.n);
    await step(`${ESTABLISHMENTS * LEARNERS} apprenants, ${ESTABLISHMENTS} enseignants, divisions, inscriptions, services`, async () => {
      await sql.raw(`
        insert into users (id, establishment_id, login, is_administrator, is_teacher, is_learner, is_parent, last_name, first_name, source, must_change_password, created_at, updated_at, version)
        select ${id(ID.teacher, 'e')}, id, 'prof.banc', 0, 1, 0, 0, 'BANC', 'Prof', 'manual', 0, '${AT}', '${AT}', 1 from scale_est;
        insert into users (id, establishment_id, login, is_administrator, is_teacher, is_learner, is_parent, last_name, first_name, source, must_change_password, birth_date, created_at, updated_at, version)
        select ${id(ID.learner, `e * ${LEARNERS} + i`)}, id, 'eleve.' || i, 0, 0, 1, 0, 'NOM' || lpad(i::text, 3, '0'), 'Élève', 'siecle', 0, '2009-05-12', '${AT}', '${AT}', 1
        from scale_est cross join generate_series(0, ${LEARNERS - 1}) i;
        insert into divisions (id, establishment_id, school_year, code, label, mef, hidden_at, created_at)
        select ${id(ID.division, `e * ${CLASSES} + c`)}, id, '${YEAR}', 'C' || c, null, null, null, '${AT}' from scale_est cross join generate_series(0, ${CLASSES - 1}) c;
        insert into memberships (id, establishment_id, school_year, learner_id, division_id, group_id)
        select ${id(ID.membership, `e * ${LEARNERS} + i`)}, id, '${YEAR}', ${id(ID.learner, `e * ${LEARNERS} + i`)}, ${id(ID.division, `e * ${CLASSES} + i / ${CLASS_SIZE}`)}, null
        from scale_est cross join generate_series(0, ${LEARNERS - 1}) i;
        insert into teachings (id, establishment_id, school_year, teacher_id, division_id, group_id, discipline)
        select ${id(ID.teaching, `e * ${CLASSES} + c`)}, id, '${YEAR}', ${id(ID.teacher, 'e')}, ${id(ID.division, `e * ${CLASSES} + c`)}, null, 'Gestion'
        from scale_est cross join generate_series(0, ${CLASSES - 1}) c;
      `).execute(db);
    });
    await step(`${ESTABLISHMENTS * EVALUATIONS} évaluations, ${ESTABLISHMENTS * EVALUATIONS * PER_EVALUATION} compétences évaluées`, async () => {
      await sql.raw(`
        insert into evaluations (id, establishment_id, author_id, scenario_id, title, evaluated_on, school_year, is_visible, created_at, updated_at, version)
        select ${id(ID.evaluation, `e * ${EVALUATIONS} + j`)}, id, ${id(ID.teacher, 'e')}, null, 'Évaluation ' || j, d::text,
               case when d < date '2026-08-01' then '2025-2026' else '${YEAR}' end, 1, '${AT}', '${AT}', 1
        from scale_est cross join generate_series(0, ${EVALUATIONS - 1}) j cross join lateral (select (date '2025-09-01' + j * 2) as d) x;
        insert into evaluation_competencies (id, establishment_id, evaluation_id, competency_id, position)
        select ${id(ID.evalComp, `(s.e * ${EVALUATIONS} + j) * 16 + p`)}, s.id, ${id(ID.evaluation, `s.e * ${EVALUATIONS} + j`)}, c.id, p + 1
        from scale_est s cross join generate_series(0, ${EVALUATIONS - 1}) j cross join generate_series(0, ${PER_EVALUATION - 1}) p
        join scale_comp c on c.e = s.e and c.k = (j * 7 + p * 5) % ${comps};
      `).execute(db);
    });
    // The results' secondary indexes, dropped for the load and built again after it.
    const indexes = (await sql<{ indexname: string; indexdef: string }>`select indexname, indexdef from pg_indexes where tablename = 'results' and indexname not in ('results_pkey')`.execute(db)).rows;
    const uniques = (await sql<{ conname: string; def: string }>`select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'results'::regclass and contype = 'u'`.execute(db)).rows;
    await step(`résultats : index secondaires retirés (${indexes.length})`, async () => {
      for (const u of uniques) await sql.raw(`alter table results drop constraint ${u.conname}`).execute(db);
      for (const i of indexes) await sql.raw(`drop index if exists ${i.indexname}`).execute(db);
    });
    const batch = 10;
    let done = 0;
    await step(`${ESTABLISHMENTS * EVALUATIONS * PER_EVALUATION} × ~${CLASS_SIZE} résultats`, async () => {
      for (let e = 0; e < ESTABLISHMENTS; e += batch) {
        await db.connection().execute(async (c) => {
          // Foreign keys are those of rows made above; not checked row by row during the load.
          await sql`set session_replication_role = replica`.execute(c);
          await sql`set synchronous_commit = off`.execute(c);
          const res = await sql.raw(`
            insert into results (id, establishment_id, evaluation_id, evaluation_competency_id, learner_id, competency_id, level, evaluated_on, recorded_at, recorded_by, version)
            select ${id(ID.result, `((s.e * ${EVALUATIONS} + j) * 16 + p) * 64 + (i - cls * ${CLASS_SIZE})`)}, s.id,
                   ${id(ID.evaluation, `s.e * ${EVALUATIONS} + j`)}, ${id(ID.evalComp, `(s.e * ${EVALUATIONS} + j) * 16 + p`)},
                   ${id(ID.learner, `s.e * ${LEARNERS} + i`)}, c.id,
                   ('{RT,RP,ECA,TE,RT,RP,NE,ABS,RP,RT}'::text[])[1 + ((i * 7 + j * 13 + p * 3) % 10)],
                   (date '2025-09-01' + j * 2)::text, '${AT}', ${id(ID.teacher, 's.e')}, 1
            from scale_est s
            cross join generate_series(0, ${EVALUATIONS - 1}) j
            cross join lateral (select j % ${CLASSES} as cls) k
            cross join generate_series(0, ${PER_EVALUATION - 1}) p
            join scale_comp c on c.e = s.e and c.k = (j * 7 + p * 5) % ${comps}
            cross join lateral generate_series(cls * ${CLASS_SIZE}, least(cls * ${CLASS_SIZE} + ${CLASS_SIZE}, ${LEARNERS}) - 1) i
            where s.e >= ${e} and s.e < ${e + batch}`).execute(c);
          done += Number(res.numAffectedRows ?? 0);
          await sql`set session_replication_role = origin`.execute(c);
        });
        log(`  ${Math.min(e + batch, ESTABLISHMENTS)}/${ESTABLISHMENTS} établissements, ${done} résultats`);
      }
    });
    await step('résultats : index reconstruits', async () => {
      await db.connection().execute(async (c) => {
        await sql`set maintenance_work_mem = '1GB'`.execute(c);
        await sql`set max_parallel_maintenance_workers = 1`.execute(c);
        for (const u of uniques) await step(`  ${u.conname}`, () => sql.raw(`alter table results add constraint ${u.conname} ${u.def}`).execute(c));
        for (const i of indexes) if (!uniques.some((u) => u.conname === i.indexname)) await step(`  ${i.indexname}`, () => sql.raw(i.indexdef).execute(c));
      });
    });
    await step('ANALYZE', () => sql`analyze`.execute(db));
    await sql`drop table scale_comp`.execute(db);
    const size = (await sql<{ s: string }>`select pg_size_pretty(pg_database_size(current_database())) as s`.execute(db)).rows[0]!.s;
    log(`fini : ${done} résultats, base ${size}, ${((performance.now() - t0) / 60000).toFixed(1)} min`);
  } finally {
    await handle.destroy();
  }
}

function lpadHex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await seedScale();
