import { SiecleImportReportSchema, type SiecleImportReport } from '@cerise/common/imports.schemas';
import { AppError } from '../../http/errors.ts';
import { collectGarbage } from '../../util/gc.ts';
import { readLearnersInput, readTeachersInput, type UploadedFile } from './siecle.inputs.ts';
import { planLearners, planTeachers, type ImportPlan, type PlanContext } from './siecle.plan.ts';

/**
 * Parsing and planning of an import, in one worker task (workers/tasks.ts): a pure function of
 * the uploaded bytes and the database's current state passed as plain data (the snapshot).
 */
export type ImportKind = 'teachers' | 'learners';
export type ImportUploads = { teachers?: UploadedFile; eleves?: UploadedFile; responsables?: UploadedFile; zip?: UploadedFile };

/** Parses the uploads of a kind (throws SiecleFileError / AppError on bad input). */
export function parseUploads(kind: ImportKind, uploads: ImportUploads) {
  if (kind === 'teachers') {
    if (!uploads.teachers) throw new AppError(400, 'siecle.missing_file', 'Choisissez le fichier STSWEB des enseignants (sts_emp_…xml ou un ZIP le contenant).');
    return { kind, sts: readTeachersInput(uploads.teachers) } as const;
  }
  return { kind, ...readLearnersInput(uploads) } as const;
}

export type Parsed = ReturnType<typeof parseUploads>;

/** The school year an import goes into: the file's own, or the establishment's current one. */
export function importSchoolYear(parsed: Parsed, currentSchoolYear: string): string {
  const fileYear = parsed.kind === 'teachers' ? parsed.sts.schoolYear : parsed.eleves.schoolYear;
  return fileYear ? `${fileYear}-${fileYear + 1}` : currentSchoolYear;
}

export type PlanTaskInput = {
  kind: ImportKind;
  uploads: ImportUploads;
  /** The snapshot in `ctx` is the one of `snapshotYear`. */
  ctx: PlanContext;
  snapshotYear: string;
};

/**
 * The plan, or — when the files are of another school year than the snapshot passed — the year
 * whose snapshot is needed (the caller loads it and asks again).
 */
export function planImport(input: PlanTaskInput): { plan: ImportPlan; schoolYear: string } | { needsYear: string } {
  const parsed = parseUploads(input.kind, input.uploads);
  const schoolYear = importSchoolYear(parsed, input.ctx.currentSchoolYear);
  if (schoolYear !== input.snapshotYear) return { needsYear: schoolYear };
  const plan = parsed.kind === 'teachers' ? planTeachers(parsed.sts, input.ctx) : planLearners(parsed.eleves, parsed.responsables, input.ctx);
  return { plan, schoolYear };
}

/**
 * An analysis as the server keeps and answers it, serialised where it was made: the main thread
 * never holds the plan nor the ~50,000 people of a large report as objects (docs/performance.md,
 * « Ressources bornées »).
 */
export type AnalysedImport = {
  /**
   * The report through the route's response schema, as JSON: both the API's answer (byte for byte
   * what fastify-type-provider-zod makes of the report: parse, then stringify) and what
   * `import_runs.report` keeps (the same data as `JSON.stringify` of the report; keys in the
   * schema's order).
   */
  json: string;
  /** Kept beside it in `import_runs.counts`. */
  counts: Pick<SiecleImportReport, 'created' | 'updated' | 'hidden'>;
};

/** Only the report of a plan: the plan's rows (and the parsed files) are garbage once it returns. */
function plannedReport(input: PlanTaskInput): { report: SiecleImportReport } | { needsYear: string } {
  const planned = planImport(input);
  return 'plan' in planned ? { report: planned.plan.report } : planned;
}

/**
 * The analysis step (« Analyser »): the plan's report without initial passwords (they are drawn
 * again when the analysis is applied), serialised for the database and the answer.
 */
export function analyseImportTask(input: PlanTaskInput & { runId: string }): AnalysedImport | { needsYear: string } {
  const analysed = analysedReport(input);
  // Then the report's objects go too, before the JSON is copied to the main thread.
  collectGarbage();
  return analysed;
}

function analysedReport(input: PlanTaskInput & { runId: string }): AnalysedImport | { needsYear: string } {
  const planned = plannedReport(input);
  // The snapshot, to which the plan added the accounts it creates, is not needed past the plan
  // (the caller makes a new input for each task and does not read it again).
  delete (input as Partial<PlanTaskInput>).ctx;
  collectGarbage();
  if (!('report' in planned)) return planned;
  return serialisedAnalysis(planned.report, input.runId);
}

function serialisedAnalysis(report: SiecleImportReport, runId: string): AnalysedImport {
  // The plan is this task's own: its report is changed in place rather than copied (same keys,
  // same order as `{ ...report, runId, dryRun: true, accounts: [], people: … }`).
  report.runId = runId;
  report.dryRun = true;
  report.accounts = [];
  for (const person of report.people) person.initialPassword = null;
  return { json: JSON.stringify(SiecleImportReportSchema.parse(report)), counts: { created: report.created, updated: report.updated, hidden: report.hidden } };
}
