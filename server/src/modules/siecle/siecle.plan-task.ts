import { AppError } from '../../http/errors.ts';
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
