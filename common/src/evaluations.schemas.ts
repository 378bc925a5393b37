// Contracts of the evaluations module (Zod schemas + inferred types), shared by server and web.
import { z } from 'zod';
import { AUDIT_ACTION_LABELS } from './audit.schemas.ts';
import { PersonRefSchema } from './auth.schemas.ts';
import { RESULT_LEVELS } from './mastery.ts';
import { RowVersionSchema, UserIdSchema } from './users.schemas.ts';

/*
 * Gestion des évaluations (docs/guide.md §3.6): /api/v1/evaluations (teachers; administrators read)
 * and /api/v1/learner-evaluations (learners and parents: visible evaluations, own results).
 */

AUDIT_ACTION_LABELS['evaluations.deleted'] = "Suppression d'une évaluation";

export const ResultLevelSchema = z.enum(RESULT_LEVELS);

/** Limits of one evaluation (a class of 35 × a dozen competencies fits many times). */
export const EVALUATION_LIMITS = { competencies: 60, learners: 200, coauthors: 20, cellsPerSave: 12_000 } as const;

const IdSchema = UserIdSchema;
const TextLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(/^[^\p{Cc}]*$/u)
    .transform((s) => s.replace(/\s+/g, ' '));
export const EvaluationTitleSchema = TextLine(200).pipe(z.string().min(1));
export const EvaluationDateSchema = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: 'Date invalide.' });
/** A comment: several lines allowed, no other control character. */
export const EvaluationCommentSchema = z
  .string()
  .max(4000)
  .refine((s) => !/[^\P{Cc}\t\n\r]/u.test(s), { message: 'Caractère de contrôle interdit.' });

export const EvaluationIdParamsSchema = z.object({ id: IdSchema });
export const EvaluationLearnerParamsSchema = z.object({ id: IdSchema, learnerId: IdSchema });

export const ChosenCompetencySchema = z.object({
  competencyId: IdSchema,
  complexityIds: z.array(IdSchema).max(50).default([]),
  hazardIds: z.array(IdSchema).max(50).default([]),
});
export type ChosenCompetency = z.infer<typeof ChosenCompetencySchema>;

const uniqueBy = <T>(key: (x: T) => string) => (list: T[]) => new Set(list.map(key)).size === list.length;

const CompetencyListSchema = z
  .array(ChosenCompetencySchema)
  .min(1)
  .max(EVALUATION_LIMITS.competencies)
  .refine(uniqueBy((c: ChosenCompetency) => c.competencyId), { message: 'Compétence en double.' });
const LearnerIdsSchema = z
  .array(IdSchema)
  .min(1)
  .max(EVALUATION_LIMITS.learners)
  .refine(uniqueBy((x: string) => x), { message: 'Apprenant en double.' });
const CoauthorIdsSchema = z
  .array(IdSchema)
  .max(EVALUATION_LIMITS.coauthors)
  .refine(uniqueBy((x: string) => x), { message: 'Co-auteur en double.' });

export const CreateEvaluationRequestSchema = z.object({
  title: EvaluationTitleSchema,
  /** Default: today. */
  evaluatedOn: EvaluationDateSchema.optional(),
  isVisible: z.boolean().default(false),
  scenarioId: IdSchema.nullable().optional(),
  competencies: CompetencyListSchema,
  learnerIds: LearnerIdsSchema,
  coauthorIds: CoauthorIdsSchema.default([]),
});
export type CreateEvaluationRequest = z.input<typeof CreateEvaluationRequestSchema>;

/** Changes to the definition; fields not sent stay. `confirmLoss`: results of removed rows/columns may go. */
export const UpdateEvaluationRequestSchema = z.object({
  version: RowVersionSchema,
  title: EvaluationTitleSchema.optional(),
  evaluatedOn: EvaluationDateSchema.optional(),
  isVisible: z.boolean().optional(),
  competencies: CompetencyListSchema.optional(),
  learnerIds: LearnerIdsSchema.optional(),
  coauthorIds: CoauthorIdsSchema.optional(),
  confirmLoss: z.boolean().default(false),
});
export type UpdateEvaluationRequest = z.input<typeof UpdateEvaluationRequestSchema>;

export const DeleteEvaluationQuerySchema = z.object({ version: z.coerce.number().int().min(1).max(2_000_000_000) });

/** Details of 409 `evaluations.results_would_be_lost`. */
export const LossDetailsSchema = z.object({ results: z.number().int(), learners: z.number().int(), competencies: z.number().int() });
export type LossDetails = z.infer<typeof LossDetailsSchema>;

// ---------------------------------------------------------------------------------------------
// The evaluation with its grid

export const EvaluationItemSchema = z.object({ id: z.string(), label: z.string() });
export const EvaluationCompetencySchema = z.object({
  /** evaluation_competencies.id: the grid's column key. */
  id: z.string(),
  competencyId: z.string(),
  code: z.string(),
  label: z.string(),
  position: z.number().int(),
  complexities: z.array(EvaluationItemSchema),
  hazards: z.array(EvaluationItemSchema),
});
export type EvaluationCompetency = z.infer<typeof EvaluationCompetencySchema>;

export const EvaluationLearnerSchema = PersonRefSchema.extend({
  classCodes: z.array(z.string()),
  comment: z.string(),
  commentVersion: z.number().int(),
});
export type EvaluationLearner = z.infer<typeof EvaluationLearnerSchema>;

export const ResultCellSchema = z.object({
  learnerId: z.string(),
  evaluationCompetencyId: z.string(),
  level: ResultLevelSchema,
  version: z.number().int(),
});
export type ResultCell = z.infer<typeof ResultCellSchema>;

export const EvaluationSchema = z.object({
  id: z.string(),
  title: z.string(),
  evaluatedOn: z.string(),
  schoolYear: z.string(),
  isVisible: z.boolean(),
  scenarioId: z.string().nullable(),
  version: z.number().int(),
  author: PersonRefSchema,
  coauthors: z.array(PersonRefSchema),
  /** The actor may change it (author or co-author); otherwise read only. */
  canEdit: z.boolean(),
  isAuthor: z.boolean(),
  competencies: z.array(EvaluationCompetencySchema),
  learners: z.array(EvaluationLearnerSchema),
  results: z.array(ResultCellSchema),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

// ---------------------------------------------------------------------------------------------
// Saving results: a batch of cells, merged per cell on the server

export const CellChangeSchema = z.object({
  learnerId: IdSchema,
  evaluationCompetencyId: IdSchema,
  /** null empties the cell. */
  level: ResultLevelSchema.nullable(),
  /** The cell's version the change was made from; null when it was empty. */
  baseVersion: z.number().int().min(1).max(2_000_000_000).nullable(),
});
export type CellChange = z.infer<typeof CellChangeSchema>;

export const SaveResultsRequestSchema = z.object({
  cells: z
    .array(CellChangeSchema)
    .min(1)
    .max(EVALUATION_LIMITS.cellsPerSave)
    .refine(uniqueBy((c: CellChange) => `${c.learnerId}/${c.evaluationCompetencyId}`), { message: 'Cellule en double.' }),
});
export type SaveResultsRequest = z.infer<typeof SaveResultsRequestSchema>;

const CellKeySchema = z.object({ learnerId: z.string(), evaluationCompetencyId: z.string() });
export const SaveResultsResponseSchema = z.object({
  /** The cells now as sent: their new version (null: empty). */
  saved: z.array(CellKeySchema.extend({ level: ResultLevelSchema.nullable(), version: z.number().int().nullable() })),
  /** Cells someone else changed since `baseVersion`: their value is kept until the user chooses. */
  conflicts: z.array(
    CellKeySchema.extend({
      yours: ResultLevelSchema.nullable(),
      theirs: ResultLevelSchema.nullable(),
      theirVersion: z.number().int().nullable(),
      recordedBy: PersonRefSchema.nullable(),
    }),
  ),
  /** Cells of a learner or competency no longer in the evaluation: not saved. */
  discarded: z.array(CellKeySchema),
  savedAt: z.string(),
});
export type SaveResultsResponse = z.infer<typeof SaveResultsResponseSchema>;

export const SaveCommentRequestSchema = z.object({ comment: EvaluationCommentSchema, version: RowVersionSchema });
export const SaveCommentResponseSchema = z.object({ comment: z.string(), commentVersion: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Lists and choices

const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const FilterText = z.string().max(100).regex(/^[^\p{Cc}]*$/u).optional();

export const EvaluationListQuerySchema = z.object({
  title: FilterText,
  /** Digits of the date (jj/mm/aaaa): « 11 », « 2026 », « 03/12 ». */
  date: z.string().max(10).regex(/^[0-9/ -]*$/).optional(),
  classId: IdSchema.optional(),
  ...PageQuery,
});
export type EvaluationListQuery = z.input<typeof EvaluationListQuerySchema>;

export const EvaluationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  evaluatedOn: z.string(),
  isVisible: z.boolean(),
  version: z.number().int(),
  author: PersonRefSchema,
  canEdit: z.boolean(),
  isAuthor: z.boolean(),
  classCodes: z.array(z.string()),
  learnerCount: z.number().int(),
  competencyCount: z.number().int(),
  resultCount: z.number().int(),
});
export type EvaluationSummary = z.infer<typeof EvaluationSummarySchema>;
export const EvaluationListResponseSchema = z.object({
  items: z.array(EvaluationSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type EvaluationListResponse = z.infer<typeof EvaluationListResponseSchema>;

/** What the editor offers: the classes and groups of this school year with their learners, the teachers. */
export const EvaluationChoicesSchema = z.object({
  schoolYear: z.string(),
  classes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['division', 'group']),
      code: z.string(),
      label: z.string().nullable(),
      /** The actor teaches it. */
      taught: z.boolean(),
      learners: z.array(PersonRefSchema),
    }),
  ),
  teachers: z.array(PersonRefSchema),
});
export type EvaluationChoices = z.infer<typeof EvaluationChoicesSchema>;

// ---------------------------------------------------------------------------------------------
// Learner and parent side

export const LearnerEvaluationsQuerySchema = z.object({
  learnerId: IdSchema,
  title: FilterText,
  date: z.string().max(10).regex(/^[0-9/ -]*$/).optional(),
  ...PageQuery,
});
export const LearnerEvaluationQuerySchema = z.object({ learnerId: IdSchema });

export const LearnerEvaluationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  evaluatedOn: z.string(),
  author: PersonRefSchema,
  competencyCount: z.number().int(),
  resultCount: z.number().int(),
});
export const LearnerEvaluationListResponseSchema = z.object({
  items: z.array(LearnerEvaluationSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type LearnerEvaluationListResponse = z.infer<typeof LearnerEvaluationListResponseSchema>;

export const LearnerEvaluationSchema = z.object({
  id: z.string(),
  title: z.string(),
  evaluatedOn: z.string(),
  author: PersonRefSchema,
  learner: PersonRefSchema,
  competencies: z.array(EvaluationCompetencySchema.extend({ level: ResultLevelSchema.nullable() })),
  comment: z.string(),
});
export type LearnerEvaluation = z.infer<typeof LearnerEvaluationSchema>;

export const EvaluationChildrenResponseSchema = z.object({ learners: z.array(PersonRefSchema) });
