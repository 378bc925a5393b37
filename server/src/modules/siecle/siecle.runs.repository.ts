import type { SiecleImportReport, SiecleImportRunSummary } from '@cerise/common';
import type { DbOrTx } from '../../db/schema.ts';

type RunRow = {
  id: string;
  establishmentId: string;
  actorId: string | null;
  kind: 'teachers' | 'learners';
  status: 'analysed' | 'applied' | 'failed';
  files: string[];
  report: SiecleImportReport;
  at: string;
  /** For an analysis: upload slot → original file name. */
  slots?: Record<string, string>;
};

export async function insertRun(db: DbOrTx, r: RunRow): Promise<void> {
  await db
    .insertInto('import_runs')
    .values({
      id: r.id,
      establishment_id: r.establishmentId,
      actor_id: r.actorId,
      kind: r.kind,
      status: r.status,
      files: JSON.stringify({ names: r.files, slots: r.slots ?? {} }),
      counts: JSON.stringify({ created: r.report.created, updated: r.report.updated, hidden: r.report.hidden }),
      report: JSON.stringify(r.report),
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

export async function finishRun(db: DbOrTx, id: string, report: SiecleImportReport, at: string): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({ report: JSON.stringify(report), counts: JSON.stringify({ created: report.created, updated: report.updated, hidden: report.hidden }), applied_at: at })
    .where('id', '=', id)
    .execute();
}

export async function findRun(db: DbOrTx, establishmentId: string, id: string) {
  const row = await db.selectFrom('import_runs').selectAll().where('id', '=', id).where('establishment_id', '=', establishmentId).executeTakeFirst();
  if (!row) return undefined;
  const files = JSON.parse(row.files) as { names: string[]; slots: Record<string, string> };
  return { ...row, names: files.names, slots: files.slots, report: row.report ? (JSON.parse(row.report) as SiecleImportReport) : null };
}

export async function listRuns(db: DbOrTx, establishmentId: string): Promise<SiecleImportRunSummary[]> {
  const rows = await db
    .selectFrom('import_runs')
    .leftJoin('users', 'users.id', 'import_runs.actor_id')
    .select(['import_runs.id', 'import_runs.kind', 'import_runs.status', 'import_runs.files', 'import_runs.counts', 'import_runs.created_at', 'import_runs.applied_at', 'users.first_name', 'users.last_name'])
    .where('import_runs.establishment_id', '=', establishmentId)
    .orderBy('import_runs.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => {
    const counts = JSON.parse(r.counts) as Pick<SiecleImportRunSummary, 'created' | 'updated' | 'hidden'>;
    return {
      id: r.id,
      kind: r.kind,
      status: r.status,
      files: (JSON.parse(r.files) as { names: string[] }).names,
      actor: r.last_name ? `${r.first_name} ${r.last_name}` : null,
      createdAt: r.created_at,
      appliedAt: r.applied_at,
      ...counts,
    };
  });
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

/** Applied runs with a report (id, date, JSON). */
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
  await db.updateTable('import_runs').set({ report: JSON.stringify(report) }).where('id', '=', id).execute();
}

/** The analyses of an establishment still awaiting confirmation (their files are kept on disk). */
export function listPendingAnalyses(db: DbOrTx, establishmentId: string) {
  return db.selectFrom('import_runs').select('id').where('establishment_id', '=', establishmentId).where('status', '=', 'analysed').execute();
}
