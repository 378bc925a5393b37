import type { SiecleImportReport, SiecleImportRunSummary } from '@cerise/common';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/schema.ts';
import { packReport, unpackReport } from './report-storage.ts';

type RunRow = {
  id: string;
  establishmentId: string;
  actorId: string | null;
  kind: 'teachers' | 'learners';
  status: 'analysed' | 'applied' | 'failed';
  files: string[];
  /** The report, or already serialised (an analysis: JSON made in the worker) with its counts. */
  report: SiecleImportReport | SerialisedReport;
  at: string;
  /** For an analysis: upload slot → original file name. */
  slots?: Record<string, string>;
  /** For an analysis: how many imports of its kind were applied before it (see `isStale`). */
  appliedBefore?: number;
};

export type SerialisedReport = { json: string } & Pick<SiecleImportReport, 'created' | 'updated' | 'hidden'>;

type FilesColumn = { names: string[]; slots: Record<string, string>; appliedBefore?: number };

export async function insertRun(db: DbOrTx, r: RunRow): Promise<void> {
  await db
    .insertInto('import_runs')
    .values({
      id: r.id,
      establishment_id: r.establishmentId,
      actor_id: r.actorId,
      kind: r.kind,
      status: r.status,
      files: JSON.stringify({ names: r.files, slots: r.slots ?? {}, appliedBefore: r.appliedBefore } satisfies FilesColumn),
      counts: JSON.stringify({ created: r.report.created, updated: r.report.updated, hidden: r.report.hidden }),
      report: await packReport('json' in r.report ? r.report.json : JSON.stringify(r.report)),
      created_at: r.at,
      applied_at: r.status === 'applied' ? r.at : null,
    })
    .execute();
}

/** Marks an analysed run as applied, only once: a second confirmation finds nothing to claim. */
export async function claimRun(db: DbOrTx, id: string, establishmentId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('import_runs')
    .set({ status: 'applied', applied_at: at })
    .where('id', '=', id)
    .where('establishment_id', '=', establishmentId)
    .where('status', '=', 'analysed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function finishRun(db: DbOrTx, id: string, report: SiecleImportReport | SerialisedReport, at: string): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({ report: await packReport('json' in report ? report.json : JSON.stringify(report)), counts: JSON.stringify({ created: report.created, updated: report.updated, hidden: report.hidden }), applied_at: at })
    .where('id', '=', id)
    .execute();
}

export async function findRun(db: DbOrTx, establishmentId: string, id: string) {
  const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).where('establishment_id', '=', establishmentId).executeTakeFirst();
  if (!row) return undefined;
  const files = JSON.parse(row.files) as FilesColumn;
  return { ...row, names: files.names, slots: files.slots, appliedBefore: files.appliedBefore, report: row.report ? (JSON.parse(await unpackReport(row.report)) as SiecleImportReport) : null };
}

export async function listRuns(db: DbOrTx, establishmentId: string): Promise<SiecleImportRunSummary[]> {
  const rows = await db
    .selectFrom('import_runs')
    .leftJoin('users', 'users.id', 'import_runs.actor_id')
    .select(['import_runs.id', 'import_runs.kind', 'import_runs.status', 'import_runs.files', 'import_runs.counts', 'import_runs.created_at', 'import_runs.applied_at', 'users.first_name', 'users.last_name'])
    .where('import_runs.establishment_id', '=', establishmentId)
    // By the date shown: when it was imported, else when it was analysed.
    .orderBy(sql`coalesce(import_runs.applied_at, import_runs.created_at)`, 'desc')
    .orderBy('import_runs.id', 'desc')
    .limit(100)
    .execute();
  const applied = await appliedImports(db, establishmentId);
  return rows.map((r) => {
    const files = JSON.parse(r.files) as FilesColumn;
    const counts = JSON.parse(r.counts) as Pick<SiecleImportRunSummary, 'created' | 'updated' | 'hidden'>;
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      files: files.names,
      actor: r.last_name ? `${r.first_name} ${r.last_name}` : null,
      createdAt: r.created_at,
      appliedAt: r.applied_at,
      stale: r.status === 'analysed' && isStale({ kind: r.kind, created_at: r.created_at, appliedBefore: files.appliedBefore }, applied),
      ...counts,
    };
  });
}

type Kind = 'teachers' | 'learners';
/** Per kind: how many imports were applied, and when the last one was. */
export type AppliedImports = Record<Kind, { count: number; last: string | null }>;

export async function appliedImports(db: DbOrTx, establishmentId: string): Promise<AppliedImports> {
  const rows = await db
    .selectFrom('import_runs')
    .select(['kind', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('applied_at').as('last')])
    .where('establishment_id', '=', establishmentId)
    .where('status', '=', 'applied')
    .groupBy('kind')
    .execute();
  const of = (kind: Kind) => {
    const row = rows.find((r) => r.kind === kind);
    return { count: Number(row?.n ?? 0), last: (row?.last as string | null | undefined) ?? null };
  };
  return { teachers: of('teachers'), learners: of('learners') };
}

/**
 * An analysis is stale once another import of its kind was applied after it: its counts are
 * obsolete. Counted (applied imports are never deleted), so that two events in the same
 * millisecond still compare; analyses stored before the count was kept compare dates.
 */
export function isStale(run: { kind: Kind; created_at: string; appliedBefore?: number | undefined }, applied: AppliedImports): boolean {
  const now = applied[run.kind];
  if (run.appliedBefore !== undefined) return now.count > run.appliedBefore;
  return now.last !== null && now.last > run.created_at;
}

/** Deletes an analysis that was not applied (cancelled, or expired). */
export async function deleteAnalysedRun(db: DbOrTx, establishmentId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('import_runs').where('id', '=', id).where('establishment_id', '=', establishmentId).where('status', '=', 'analysed').executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export function listExpiredAnalyses(db: DbOrTx, establishmentId: string, beforeIso: string) {
  return db.selectFrom('import_runs').select('id').where('establishment_id', '=', establishmentId).where('status', '=', 'analysed').where('created_at', '<', beforeIso).execute();
}

export async function hasAppliedTeachersImport(db: DbOrTx, establishmentId: string): Promise<boolean> {
  const row = await db.selectFrom('import_runs').select('id').where('establishment_id', '=', establishmentId).where('kind', '=', 'teachers').where('status', '=', 'applied').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Status and date of the runs among `ids` (any establishment: the file sweep works per folder). */
export function findRunStates(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('import_runs').select(['id', 'status', 'created_at']).where('id', 'in', ids).execute();
}

export async function deleteExpiredAnalysisRow(db: DbOrTx, id: string): Promise<void> {
  await db.deleteFrom('import_runs').where('id', '=', id).where('status', '=', 'analysed').execute();
}

export function listEstablishmentSettings(db: DbOrTx) {
  return db.selectFrom('establishments').select(['id', 'settings']).execute();
}

/** Applied runs with a report (id, date, the report as stored: `unpackReport` gives its JSON). */
export async function listAppliedReports(db: DbOrTx, establishmentId: string) {
  const rows = await db
    .selectFrom('import_runs')
    .select(['id', 'applied_at', 'report'])
    .where('establishment_id', '=', establishmentId)
    .where('status', '=', 'applied')
    .where('report', 'is not', null)
    .execute();
  return rows as { id: string; applied_at: string | null; report: string }[];
}

export async function replaceReport(db: DbOrTx, id: string, report: SiecleImportReport): Promise<void> {
  await db.updateTable('import_runs').set({ report: await packReport(JSON.stringify(report)) }).where('id', '=', id).execute();
}

/** The analyses of an establishment still awaiting confirmation (their files are kept on disk). */
export function listPendingAnalyses(db: DbOrTx, establishmentId: string) {
  return db.selectFrom('import_runs').select('id').where('establishment_id', '=', establishmentId).where('status', '=', 'analysed').execute();
}
