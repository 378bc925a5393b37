import { z } from 'zod';
import { ProfileSchema } from './profile.schema.ts';

/** What one SIECLE/STSWEB import did or would do (CONTRACT.md: created, updated, hidden, accounts). */
export const SIECLE_IMPORT_COUNT_KINDS = ['divisions', 'groups', 'teachers', 'heads', 'learners', 'parents'] as const;
export type SiecleImportCountKind = (typeof SIECLE_IMPORT_COUNT_KINDS)[number];

const CountsSchema = z.object({
  divisions: z.number().int(),
  groups: z.number().int(),
  teachers: z.number().int(),
  heads: z.number().int(),
  learners: z.number().int(),
  parents: z.number().int(),
});
export type SiecleImportCounts = z.infer<typeof CountsSchema>;

export const SiecleImportWarningSchema = z.object({
  code: z.string(),
  message: z.string(),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
});
export type SiecleImportWarning = z.infer<typeof SiecleImportWarningSchema>;

export const SiecleImportAccountSchema = z.object({
  login: z.string(),
  /** Only for accounts created by this import. */
  initialPassword: z.string(),
  profiles: z.array(ProfileSchema),
  lastName: z.string(),
  firstName: z.string(),
});

/**
 * Why a learner or a parent of the files gets no account (status `ignored`): `left` (exit date
 * passed), `inactive` (only in the pseudo-division « Inactifs »), `contact` (responsible of level 3
 * only, docs/design.md §4), `childrenLeft` (none of their children is imported).
 */
export const SIECLE_LEFT_OUT_REASONS = ['left', 'inactive', 'contact', 'childrenLeft'] as const;
export type SiecleLeftOutReason = (typeof SIECLE_LEFT_OUT_REASONS)[number];

/** One line of the detailed report (docs/guide.md §3.1.2: « vous pourrez alors visualiser … »). */
export const SiecleImportReportPersonSchema = z.object({
  kind: z.enum(['teacher', 'head', 'learner', 'parent', 'ignored']),
  status: z.enum(['created', 'updated', 'unchanged', 'hidden', 'ignored']),
  login: z.string().nullable(),
  initialPassword: z.string().nullable(),
  civility: z.string().nullable(),
  lastName: z.string(),
  firstName: z.string(),
  /** Teachers: discipline; ignored staff: their function. */
  discipline: z.string().nullable(),
  function: z.string().nullable(),
  divisions: z.array(z.string()),
  groups: z.array(z.string()),
  /** Parents: their children (« NOM Prénom (login) »). */
  children: z.array(z.string()),
  /** Learners and parents left out (status `ignored`): why. Absent from reports made before it existed. */
  reason: z.enum(SIECLE_LEFT_OUT_REASONS).optional(),
});
export type SiecleImportReportPerson = z.infer<typeof SiecleImportReportPersonSchema>;

export const SiecleImportReportSchema = z.object({
  runId: z.string().nullable(),
  kind: z.enum(['teachers', 'learners']),
  dryRun: z.boolean(),
  schoolYear: z.string(),
  files: z.array(z.string()),
  created: CountsSchema,
  updated: CountsSchema,
  hidden: CountsSchema,
  /** Staff neither teacher nor head, counted and listed with their function. */
  ignored: z.number().int(),
  accounts: z.array(SiecleImportAccountSchema),
  divisionsCreated: z.array(z.string()),
  groupsCreated: z.array(z.string()),
  people: z.array(SiecleImportReportPersonSchema),
  warnings: z.array(SiecleImportWarningSchema),
  mailsQueued: z.number().int(),
  /**
   * The initial passwords were dropped after the retention set in Paramètres: the report no
   * longer shows them; « Accès parents, accès apprenants » issues new ones.
   */
  initialPasswordsExpired: z.boolean().optional(),
  /**
   * An analysis only: another import of the same kind was applied after it, so its counts are
   * obsolete; it can no longer be applied, only analysed again (« Analyser à nouveau »).
   */
  stale: z.boolean().optional(),
});
export type SiecleImportReport = z.infer<typeof SiecleImportReportSchema>;

export const SiecleImportRunSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(['teachers', 'learners']),
  status: z.enum(['analysed', 'applied', 'failed']),
  files: z.array(z.string()),
  actor: z.string().nullable(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  /** An analysis made before the last applied import of its kind (see the report's `stale`). */
  stale: z.boolean(),
  created: CountsSchema,
  updated: CountsSchema,
  hidden: CountsSchema,
});
export type SiecleImportRunSummary = z.infer<typeof SiecleImportRunSummarySchema>;

export const emptySiecleCounts = (): SiecleImportCounts => ({ divisions: 0, groups: 0, teachers: 0, heads: 0, learners: 0, parents: 0 });
