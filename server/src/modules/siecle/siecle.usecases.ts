import fs from 'node:fs/promises';
import path from 'node:path';
import { SiecleImportReportSchema, type SiecleImportReport } from '@cerise/common/imports.schemas';
import type { Deps } from '../../deps.ts';
import type { DbOrTx, Tx } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { newId, nowIso } from '../../util/ids.ts';
import { asBuffer } from '../../workers/as-buffer.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findEstablishmentById, findEstablishmentByUai } from '../establishments/establishments.repository.ts';
import { loginUrl } from '../establishments/new-accounts.ts';
import { activeSchoolYear } from '../establishments/school-year.ts';
import { applyPlan } from './siecle.apply.ts';
import type { ImportKind, ImportUploads } from './siecle.plan-task.ts';
import type { ImportPlan, PlanContext } from './siecle.plan.ts';
import { loadSnapshot, refreshPlannerStatistics, snapshotFingerprint } from './siecle.repository.ts';
import * as runs from './siecle.runs.repository.ts';
import { schoolYearHint } from './siecle.inputs.ts';
import { passwordsExpired, withoutInitialPasswords } from './siecle.passwords.ts';
import { sweepImportFiles } from './siecle.sweep.ts';

export type { ImportKind, ImportUploads } from './siecle.plan-task.ts';
type Establishment = NonNullable<Awaited<ReturnType<typeof findEstablishmentById>>>;
type Planned = { plan: ImportPlan; fingerprint: string };

/**
 * Runs a planning task of the worker pool (docs/performance.md): the database's state goes to the
 * worker as plain data (the snapshot of the files' school year), with a fingerprint taken before
 * it, so that the apply can check nothing changed while the plan was made.
 */
async function withSnapshot<R extends object>(
  deps: Deps,
  db: DbOrTx,
  est: Establishment,
  task: (ctx: PlanContext, snapshotYear: string) => Promise<R | { needsYear: string }>,
  yearHint: string | null = null,
): Promise<{ result: R; fingerprint: string }> {
  const now = deps.now();
  // The establishment's year (Paramètres), not the calendar's: a file of another year goes into
  // its own year, with a warning, and does not switch the screens. The files' own year, when a
  // glance at them finds it, is tried first (the worker then parses them once, not twice).
  const currentSchoolYear = await activeSchoolYear(db, est.id, now);
  let year = yearHint ?? currentSchoolYear;
  for (;;) {
    const fingerprint = await snapshotFingerprint(db, est.id, year);
    const ctx: PlanContext = {
      establishmentId: est.id,
      uai: est.uai,
      currentSchoolYear,
      today: nowIso(now).slice(0, 10),
      at: nowIso(now),
      snapshot: await loadSnapshot(db, est.id, year),
      mailEnabled: Boolean(deps.config.smtpUrl && est.name && est.email),
    };
    const result = await task(ctx, year);
    if (!('needsYear' in result)) return { result, fingerprint };
    if (result.needsYear === year) throw new Error('planImport asked twice for the same school year');
    year = result.needsYear;
  }
}

/**
 * Files this large are parsed in a thread of their own, whose heap goes back to the system as soon
 * as it ends (docs/performance.md « Ressources bornées »); smaller ones in the kept threads, without
 * a thread's start-up (tenths of a second from the bundle, seconds from the sources in tests).
 */
const OWN_THREAD_MIN_BYTES = 8 * 1024 * 1024;
async function needsOwnThread(uploads: ImportUploads): Promise<boolean> {
  let total = 0;
  for (const u of Object.values(uploads)) if (u) total += 'bytes' in u ? u.bytes.byteLength : (await fs.stat(u.path)).size;
  return total >= OWN_THREAD_MIN_BYTES;
}

/**
 * What the parse of these files needs to know before it starts: the files' own school year (tried
 * first, so that files of another year than the establishment's are parsed once, not twice) and
 * whether they get a thread of their own.
 */
async function parseSetup(kind: ImportKind, uploads: ImportUploads): Promise<{ yearHint: string | null; ownThread: boolean }> {
  return { yearHint: await schoolYearHint(kind === 'teachers' ? uploads.teachers : uploads.eleves), ownThread: await needsOwnThread(uploads) };
}

/** Parses and plans an import in the worker pool; the whole plan comes back (to be applied). */
async function makePlan(deps: Deps, db: DbOrTx, est: Establishment, kind: ImportKind, uploads: ImportUploads): Promise<Planned> {
  // The files' own year first: otherwise parsed twice (the command line's imports: 0.5 s of 6,000
  // learners, docs/performance.md « Import par la ligne de commande »).
  const { yearHint, ownThread } = await parseSetup(kind, uploads);
  const { result, fingerprint } = await withSnapshot(deps, db, est, (ctx, snapshotYear) => deps.workers.run('siecle.plan', { kind, uploads, ctx, snapshotYear }, { key: est.id, ownThread }), yearHint);
  return { plan: result.plan, fingerprint };
}

/**
 * Writes an import in one transaction: everything or nothing. The plan is made before it, so that
 * the transaction holds only writes; if the establishment changed between the plan and the
 * transaction, the plan is made again. The web's apply runs this in the worker pool, on
 * the thread's own connection (siecle.apply-task.ts), so that the main thread keeps serving.
 */
async function applyInTransaction(deps: Deps, est: Establishment, kind: ImportKind, uploads: ImportUploads, actorId: string | null, runId: string, files: string[], existingRun: boolean, ip: string | null = null): Promise<AppliedImport> {
  for (let attempt = 1; ; attempt++) {
    const { plan, fingerprint } = await makePlan(deps, deps.db, est, kind, uploads);
    const at = nowIso(deps.now());
    const applyCtx = { establishmentId: est.id, establishmentName: est.name, loginUrl: loginUrl(deps, est.uai), at, engine: deps.engine };
    const finish = async (tx: Tx, mails: number): Promise<AppliedImport> => {
      const report: SiecleImportReport = { ...plan.report, runId, dryRun: false, mailsQueued: mails };
      // Serialised once: stored with the run, and the command line prints the same text.
      const json = JSON.stringify(report);
      const stored = { json, created: report.created, updated: report.updated, hidden: report.hidden };
      if (existingRun) await runs.finishRun(tx, runId, stored, at);
      else await runs.insertRun(tx, { id: runId, establishmentId: est.id, actorId, kind, status: 'applied', files, report: stored, at });
      await recordAudit(tx, {
        establishmentId: est.id,
        actorId,
        action: `import.${kind}`,
        targetType: 'import_run',
        targetId: runId,
        details: { files, created: report.created, updated: report.updated, hidden: report.hidden },
        ip,
        at,
      });
      return { report, json };
    };
    const applied = await inTransaction(deps.db, async (tx) => {
      if (existingRun && !(await runs.claimRun(tx, runId, est.id, at))) {
        throw conflict('siecle.run_not_pending', 'Cette importation a déjà été appliquée ou a expiré. Recommencez l’analyse des fichiers.');
      }
      if ((await snapshotFingerprint(tx, est.id, plan.schoolYear)) !== fingerprint && attempt < 3) return null;
      return finish(tx, await applyPlan(tx, plan, applyCtx));
    });
    if (!applied) continue;
    await refreshPlannerStatistics(deps.db, deps.engine);
    return applied;
  }
}

/** An import written: its report, and that report as JSON (`JSON.stringify`), as stored with its run. */
export type AppliedImport = { report: SiecleImportReport; json: string };

/**
 * The command line: parse, then apply in one transaction (or only plan with dryRun). With the
 * report's JSON: a report of 16,000 people is serialised once, for its run and for `--json`.
 */
export async function importDirectSerialised(deps: Deps, uai: string, kind: ImportKind, uploads: ImportUploads, opts: { dryRun: boolean }): Promise<AppliedImport> {
  const est = await findEstablishmentByUai(deps.db, uai);
  if (!est) throw notFound('auth.establishment_not_found', `Aucun établissement n'a le code UAI ${uai}.`);
  const files = Object.values(uploads).map((u) => u.name);
  if (opts.dryRun) {
    const { plan } = await makePlan(deps, deps.db, est, kind, uploads);
    const report = { ...plan.report, dryRun: true };
    return { report, json: JSON.stringify(report) };
  }
  return applyInTransaction(deps, est, kind, uploads, null, newId(), files, false);
}

export async function importDirect(deps: Deps, uai: string, kind: ImportKind, uploads: ImportUploads, opts: { dryRun: boolean }): Promise<SiecleImportReport> {
  return (await importDirectSerialised(deps, uai, kind, uploads, opts)).report;
}

const runDir = (deps: Deps, runId: string) => path.join(deps.config.dataDir, 'imports', runId);
/** An analysis waits this long for its confirmation. */
export const ANALYSIS_TTL_MS = 2 * 60 * 60 * 1000;

/** An analysis made: its run and the API's answer, the report already serialised (JSON). */
export type AnalysisAnswer = { runId: string; json: string };

/** Keeps an upload's file with its analysis: a temporary upload is moved, any other file copied. */
async function keepFile(upload: NonNullable<ImportUploads[keyof ImportUploads]>, target: string): Promise<void> {
  if ('bytes' in upload) return fs.writeFile(target, upload.bytes);
  if (upload.temporary) {
    try {
      return await fs.rename(upload.path, target);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e; // another file system: copied
    }
  }
  await fs.copyFile(upload.path, target);
}

/**
 * Step 1 of the UI: check the files, count what would change, keep the files for step 2. The
 * worker parses the files from disk and sends back only the report, serialised
 * (siecle.plan-task.ts `analyseImportTask`): the main thread never holds the files, the plan
 * nor the report as objects (docs/performance.md, « Ressources bornées »).
 */
export async function analyseImportJson(deps: Deps, actor: { id: string; establishmentId: string }, kind: ImportKind, uploads: ImportUploads): Promise<AnalysisAnswer> {
  const est = await findEstablishmentById(deps.db, actor.establishmentId);
  if (!est) throw notFound();
  const appliedBefore = (await runs.appliedImports(deps.db, est.id))[kind].count;
  const runId = newId();
  const { yearHint, ownThread } = await parseSetup(kind, uploads);
  const { result: analysed } = await withSnapshot(
    deps,
    deps.db,
    est,
    (ctx, snapshotYear) => deps.workers.run('siecle.analyse', { kind, uploads, ctx, snapshotYear, runId }, { key: est.id, ownThread }),
    yearHint,
  );
  const dir = runDir(deps, runId);
  await fs.mkdir(dir, { recursive: true });
  const stored: Record<string, string> = {};
  for (const [slot, upload] of Object.entries(uploads)) {
    if (!upload) continue;
    await keepFile(upload, path.join(dir, slot)); // generated name: the slot, never the user's
    stored[slot] = upload.name;
  }
  // Initial passwords are not kept with an analysis (the task left them out): they are drawn again when it is applied.
  await runs.insertRun(deps.db, { id: runId, establishmentId: est.id, actorId: actor.id, kind, status: 'analysed', files: Object.values(stored), report: { json: analysed.json, ...analysed.counts }, at: nowIso(deps.now()), slots: stored, appliedBefore });
  return { runId, json: analysed.json };
}

/** `analyseImportJson`, its answer as an object (tests and scripts). */
export async function analyseImport(deps: Deps, actor: { id: string; establishmentId: string }, kind: ImportKind, uploads: ImportUploads): Promise<SiecleImportReport> {
  return JSON.parse((await analyseImportJson(deps, actor, kind, uploads)).json) as SiecleImportReport;
}

type PendingRun = NonNullable<Awaited<ReturnType<typeof runs.findRun>>>;

/** The analysis `runId`, still waiting for its confirmation (else 404 / 409). */
async function pendingAnalysis(deps: Deps, establishmentId: string, runId: string): Promise<PendingRun> {
  const run = await runs.findRun(deps.db, establishmentId, runId);
  if (!run) throw notFound();
  if (run.status !== 'analysed') throw conflict('siecle.run_not_pending', 'Cette importation a déjà été appliquée. Recommencez l’analyse des fichiers pour importer à nouveau.');
  if (deps.now().getTime() - Date.parse(run.created_at) > ANALYSIS_TTL_MS) throw conflict('siecle.run_expired', 'Cette analyse date de plus de deux heures. Déposez à nouveau les fichiers.');
  return run;
}

/** The files kept with an analysis (read where they are parsed, in the worker). */
async function storedUploads(deps: Deps, run: PendingRun): Promise<ImportUploads> {
  const uploads: ImportUploads = {};
  for (const [slot, name] of Object.entries(run.slots)) {
    const file = path.join(runDir(deps, run.id), slot);
    await fs.access(file).catch(() => {
      throw conflict('siecle.run_expired', 'Les fichiers de cette analyse ne sont plus disponibles. Déposez-les à nouveau.');
    });
    uploads[slot as keyof ImportUploads] = { name, path: file };
  }
  return uploads;
}

const KIND_WORDS: Record<ImportKind, string> = { teachers: "des enseignants et chefs d'établissement", learners: 'des apprenants et parents' };

/** Whether another import of the same kind was applied after this analysis (its counts are then obsolete). */
async function isStaleAnalysis(db: DbOrTx, establishmentId: string, run: { kind: ImportKind; created_at: string; appliedBefore?: number | undefined }): Promise<boolean> {
  return runs.isStale(run, await runs.appliedImports(db, establishmentId));
}

/**
 * Step 2 of the UI: apply an analysed import, in one transaction, in the worker pool on the
 * thread's own connection to the database (siecle.apply-task.ts); here for a database in memory.
 */
export async function applyAnalysedImport(deps: Deps, actor: { id: string; establishmentId: string; ip?: string | null }, runId: string): Promise<AnalysisAnswer> {
  const dir = runDir(deps, runId);
  const kept = await fs.readdir(dir).catch(() => [] as string[]);
  const ownThread = await needsOwnThread(Object.fromEntries(kept.map((slot) => [slot, { name: slot, path: path.join(dir, slot) }])));
  const report = deps.databaseUrl
    ? await deps.workers.run(
        'siecle.applyAnalysed',
        { config: deps.config, databaseUrl: deps.databaseUrl, actor: { id: actor.id, establishmentId: actor.establishmentId, ip: actor.ip ?? null }, runId, at: nowIso(deps.now()) },
        { key: actor.establishmentId, ownThread },
      )
    : responseOf(await applyAnalysedImportHere(deps, actor, runId));
  await fs.rm(dir, { recursive: true, force: true });
  // And whatever an earlier crash left behind.
  await sweepImportFiles(deps).catch((err: unknown) => deps.log.error({ err }, 'import files sweep failed'));
  return report;
}

/**
 * The API's answer to an apply, made where the apply ran (the pool's thread): the report through
 * its response schema, serialised, as an analysis's (siecle.plan-task.ts). The main thread sends
 * the text: it neither validates nor serialises 16,000 people (docs/performance.md).
 */
export function responseOf(applied: AppliedImport): AnalysisAnswer {
  return { runId: applied.report.runId ?? '', json: JSON.stringify(SiecleImportReportSchema.parse(applied.report)) };
}

/** The apply itself, on `deps.db`. */
export async function applyAnalysedImportHere(deps: Deps, actor: { id: string; establishmentId: string; ip?: string | null }, runId: string): Promise<AppliedImport> {
  const run = await pendingAnalysis(deps, actor.establishmentId, runId);
  if (await isStaleAnalysis(deps.db, actor.establishmentId, run)) {
    throw conflict(
      'siecle.run_stale',
      `Une importation ${KIND_WORDS[run.kind]} a été faite après cette analyse : ses chiffres ne sont plus à jour et elle ne peut plus être importée. Analysez à nouveau les mêmes fichiers (« Analyser à nouveau »).`,
    );
  }
  const est = await findEstablishmentById(deps.db, actor.establishmentId);
  if (!est) throw notFound();
  const uploads = await storedUploads(deps, run);
  // The journal shows where the import was confirmed from, as for every other action.
  return applyInTransaction(deps, est, run.kind, uploads, actor.id, runId, Object.values(run.slots), true, actor.ip ?? null);
}

/**
 * « Analyser à nouveau »: the same kept files analysed against today's data, as a new analysis
 * (a stale one cannot be applied); the old analysis goes.
 */
export async function reanalyseImport(deps: Deps, actor: { id: string; establishmentId: string }, runId: string): Promise<AnalysisAnswer> {
  const run = await pendingAnalysis(deps, actor.establishmentId, runId);
  const answer = await analyseImportJson(deps, actor, run.kind, await storedUploads(deps, run));
  await cancelAnalysis(deps, actor.establishmentId, runId);
  return answer;
}

/** « Annuler » an analysis: its row and its kept files go; an applied import cannot be undone. */
export async function cancelAnalysis(deps: Deps, establishmentId: string, runId: string): Promise<void> {
  const run = await runs.findRun(deps.db, establishmentId, runId);
  if (!run) throw notFound();
  if (run.status !== 'analysed') throw conflict('siecle.run_not_pending', 'Cette importation a déjà été appliquée : elle ne peut plus être annulée.');
  await runs.deleteAnalysedRun(deps.db, establishmentId, runId);
  await fs.rm(runDir(deps, runId), { recursive: true, force: true });
}

/** Analyses never confirmed within the time limit are forgotten, with their files. */
async function sweepExpiredAnalyses(deps: Deps, establishmentId: string): Promise<void> {
  const before = nowIso(new Date(deps.now().getTime() - ANALYSIS_TTL_MS));
  for (const { id } of await runs.listExpiredAnalyses(deps.db, establishmentId, before)) {
    await runs.deleteAnalysedRun(deps.db, establishmentId, id);
    await fs.rm(runDir(deps, id), { recursive: true, force: true });
  }
}

export async function listImportRuns(deps: Deps, establishmentId: string) {
  await sweepExpiredAnalyses(deps, establishmentId);
  const [items, teachersImported] = await Promise.all([runs.listRuns(deps.db, establishmentId), runs.hasAppliedTeachersImport(deps.db, establishmentId)]);
  return { items, teachersImported };
}

export async function getImportReport(deps: Deps, establishmentId: string, runId: string): Promise<SiecleImportReport> {
  const run = await runs.findRun(deps.db, establishmentId, runId);
  if (!run || !run.report) throw notFound();
  // Past the retention set in Paramètres, the initial passwords are gone (docs/security.md), even before the daily purge.
  const est = await findEstablishmentById(deps.db, establishmentId);
  if (run.status === 'applied' && passwordsExpired(est?.settings ?? null, run.applied_at, deps.now())) return withoutInitialPasswords(run.report);
  if (run.status === 'analysed') return { ...run.report, stale: await isStaleAnalysis(deps.db, establishmentId, run) };
  return run.report;
}

/** The report of an import as a downloadable file: CSV (`;`, for spreadsheets) or printable PDF. */
export async function importReportFile(deps: Deps, establishmentId: string, runId: string, format: 'csv' | 'pdf'): Promise<{ filename: string; mediaType: string; body: Buffer }> {
  const report = await getImportReport(deps, establishmentId, runId);
  const filename = `import-${report.kind}-${runId.slice(-8)}.${format}`;
  // Built in the worker pool: a report lists every person of the establishment.
  if (format === 'csv') return { filename, mediaType: 'text/csv; charset=utf-8', body: Buffer.from(await deps.workers.run('siecle.reportCsv', { report }, { key: establishmentId })) };
  const est = await findEstablishmentById(deps.db, establishmentId);
  return { filename, mediaType: 'application/pdf', body: asBuffer(await deps.workers.run('siecle.reportPdf', { report, establishmentName: est?.name ?? '' }, { key: establishmentId })) };
}
