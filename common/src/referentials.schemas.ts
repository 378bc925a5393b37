import { z } from 'zod';

/** BEP activity families (« dominantes »). */
export const BEP_DOMAINS = ['technique', 'organisationnelle', 'relationnelle'] as const;
export type BepDomain = (typeof BEP_DOMAINS)[number];

/** The two ordered lists of a competency, as they appear in URLs and documents. */
export const COMPETENCY_ITEM_LISTS = ['complexities', 'hazards'] as const;
export type CompetencyItemList = (typeof COMPETENCY_ITEM_LISTS)[number];

/** At most this many complexities (or hazards) per competency. */
export const MAX_ITEMS_PER_LIST = 50;
export const MAX_ITEM_LABEL_LENGTH = 500;

/**
 * Comparison key of a label: accents, case, typographic apostrophes and non-breaking spaces
 * folded. For search and duplicate detection only; labels are displayed as typed.
 */
export function labelKey(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Tree (GET /api/v1/referentials/:id/tree): stable ids, codes, labels and 1-based positions.

/**
 * How many rows of the teaching modules point to this element (scenarios, evaluations, results,
 * passport, blocked competencies, dashboard filters). Sent by the referential's tree and the
 * editor's answers; an element in use (> 0) cannot be deleted (409 `referentials.item_in_use`).
 */
const InUseSchema = z.number().int().min(0).optional();

export const CompetencyItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  position: z.number().int(),
  inUse: InUseSchema,
});
export type CompetencyItem = z.infer<typeof CompetencyItemSchema>;

export const CompetencySchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  criterion: z.object({ code: z.string().nullable(), label: z.string() }).nullable(),
  /** « à compléter »: its official complexities and hazards are still to be typed. */
  toComplete: z.boolean(),
  /** Send it back with every edit (optimistic concurrency). */
  version: z.number().int(),
  position: z.number().int(),
  complexities: z.array(CompetencyItemSchema),
  hazards: z.array(CompetencyItemSchema),
  inUse: InUseSchema,
});
export type Competency = z.infer<typeof CompetencySchema>;

export const SituationSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  position: z.number().int(),
  competencies: z.array(CompetencySchema),
});
export type Situation = z.infer<typeof SituationSchema>;

export const SituationClassSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  transversalCriterion: z.string().nullable(),
  position: z.number().int(),
  situations: z.array(SituationSchema),
});
export type SituationClass = z.infer<typeof SituationClassSchema>;

export const PoleSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  generalAptitude: z.string().nullable(),
  position: z.number().int(),
  /** Id of the pôle's exam unit (see `examUnits`), if any. */
  examUnitId: z.string().nullable(),
  classes: z.array(SituationClassSchema),
});
export type Pole = z.infer<typeof PoleSchema>;

export const ExamUnitSchema = z.object({
  id: z.string(),
  code: z.string(),
  unitCode: z.string().nullable(),
  poleId: z.string().nullable(),
  poleCode: z.string().nullable(),
  coefficient: z.number().int().nullable(),
  ccf: z.string().nullable(),
  finalExam: z.string().nullable(),
  position: z.number().int(),
});
export type ExamUnit = z.infer<typeof ExamUnitSchema>;

export const BepActivitySchema = z.object({
  id: z.string(),
  code: z.string(),
  domain: z.enum(BEP_DOMAINS),
  label: z.string(),
  autonomy: z.string().nullable(),
  details: z.array(z.string()),
  /** Situations this activity probably matches: an inference, to suggest, never to enforce. */
  suggestedSituationCodes: z.array(z.string()),
  position: z.number().int(),
  inUse: InUseSchema,
});
export type BepActivity = z.infer<typeof BepActivitySchema>;

export const ReferentialCountsSchema = z.object({
  poles: z.number().int(),
  classes: z.number().int(),
  situations: z.number().int(),
  competencies: z.number().int(),
  /** Competencies still « à compléter ». */
  toComplete: z.number().int(),
  bepActivities: z.number().int(),
});
export type ReferentialCounts = z.infer<typeof ReferentialCountsSchema>;

export const ReferentialSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  source: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  counts: ReferentialCountsSchema,
});
export type ReferentialSummary = z.infer<typeof ReferentialSummarySchema>;

export const ReferentialListResponseSchema = z.object({ referentials: z.array(ReferentialSummarySchema) });
export type ReferentialListResponse = z.infer<typeof ReferentialListResponseSchema>;

export const ReferentialTreeSchema = ReferentialSummarySchema.extend({
  bep: z.object({ title: z.string(), rule: z.string().nullable() }).nullable(),
  poles: z.array(PoleSchema),
  examUnits: z.array(ExamUnitSchema),
  bepActivities: z.array(BepActivitySchema),
});
export type ReferentialTree = z.infer<typeof ReferentialTreeSchema>;

// ---------------------------------------------------------------------------------------------
// Editor (administrators).

const ItemLabelSchema = z.string().trim().min(1).max(MAX_ITEM_LABEL_LENGTH);
const VersionSchema = z.number().int().min(1);

export const AddCompetencyItemRequestSchema = z.object({
  label: ItemLabelSchema,
  /** The competency's version as read. */
  version: VersionSchema,
  /** 1-based; at the end when absent. */
  position: z.number().int().min(1).max(MAX_ITEMS_PER_LIST).optional(),
});
export type AddCompetencyItemRequest = z.infer<typeof AddCompetencyItemRequestSchema>;

export const UpdateCompetencyItemRequestSchema = z.object({ label: ItemLabelSchema, version: VersionSchema });
export type UpdateCompetencyItemRequest = z.infer<typeof UpdateCompetencyItemRequestSchema>;

export const ReorderCompetencyItemsRequestSchema = z.object({
  /** Every id of the list, in the new order. */
  ids: z.array(z.string().min(1).max(64)).max(MAX_ITEMS_PER_LIST),
  version: VersionSchema,
});
export type ReorderCompetencyItemsRequest = z.infer<typeof ReorderCompetencyItemsRequestSchema>;

export const UpdateCompetencyRequestSchema = z.object({ toComplete: z.boolean(), version: VersionSchema });
export type UpdateCompetencyRequest = z.infer<typeof UpdateCompetencyRequestSchema>;

/** `DELETE …?version=N` */
export const VersionQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

// ---------------------------------------------------------------------------------------------
// Exchange format (GET …/export, POST /api/v1/referentials/import). See the module's
// referentials.format.md. Items are plain labels in order; ids are never exchanged: codes match.

export const REFERENTIAL_DOCUMENT_FORMAT = 'cerise-pro.referentiel';
export const REFERENTIAL_DOCUMENT_VERSION = 1;

const CodeSchema = z.string().trim().min(1).max(40);
const TitleSchema = z.string().trim().min(1).max(2000);
const OptionalTextSchema = z.string().trim().max(4000).nullable().optional();
const ItemLabelListSchema = z.array(z.string().trim().min(1).max(MAX_ITEM_LABEL_LENGTH)).max(MAX_ITEMS_PER_LIST);

export const CompetencyDocumentSchema = z.object({
  code: CodeSchema,
  label: TitleSchema,
  criterion: z.object({ code: CodeSchema.nullable().optional(), label: TitleSchema }).nullable().optional(),
  toComplete: z.boolean().default(false),
  complexities: ItemLabelListSchema.default([]),
  hazards: ItemLabelListSchema.default([]),
});
export const SituationDocumentSchema = z.object({
  code: CodeSchema,
  title: TitleSchema,
  competencies: z.array(CompetencyDocumentSchema).max(100),
});
export const SituationClassDocumentSchema = z.object({
  code: CodeSchema,
  title: TitleSchema,
  transversalCriterion: OptionalTextSchema,
  situations: z.array(SituationDocumentSchema).max(200),
});
export const ExamUnitDocumentSchema = z.object({
  code: CodeSchema,
  unitCode: CodeSchema.nullable().optional(),
  coefficient: z.number().int().min(0).max(100).nullable().optional(),
  ccf: OptionalTextSchema,
  finalExam: OptionalTextSchema,
});
export const PoleDocumentSchema = z.object({
  code: CodeSchema,
  title: TitleSchema,
  generalAptitude: OptionalTextSchema,
  examUnit: ExamUnitDocumentSchema.nullable().optional(),
  classes: z.array(SituationClassDocumentSchema).max(100),
});
export const BepActivityDocumentSchema = z.object({
  code: CodeSchema,
  domain: z.enum(BEP_DOMAINS),
  label: TitleSchema,
  autonomy: OptionalTextSchema,
  details: z.array(z.string().trim().min(1).max(2000)).max(100).default([]),
  suggestedSituationCodes: z.array(CodeSchema).max(100).default([]),
});

export const ReferentialDocumentSchema = z.object({
  format: z.literal(REFERENTIAL_DOCUMENT_FORMAT),
  formatVersion: z.literal(REFERENTIAL_DOCUMENT_VERSION),
  exportedAt: z.string().max(40).optional(),
  referential: z.object({
    /** Matched on import: same code = the establishment's existing referential is updated. */
    code: CodeSchema,
    title: TitleSchema,
    source: OptionalTextSchema,
    bep: z.object({ title: TitleSchema, rule: OptionalTextSchema }).nullable().optional(),
    poles: z.array(PoleDocumentSchema).min(1).max(50),
    bepActivities: z.array(BepActivityDocumentSchema).max(200).default([]),
  }),
});
export type ReferentialDocument = z.infer<typeof ReferentialDocumentSchema>;
/** What a document may look like before defaults are applied. */
export type ReferentialDocumentInput = z.input<typeof ReferentialDocumentSchema>;

/** `POST /api/v1/referentials/import?dryRun=true&section=…` (the body is the file itself). */
export const ImportReferentialQuerySchema = z.object({
  /** Analyse and report without changing anything. */
  dryRun: z.stringbool().default(false),
  /** For the repository's source file (bacpro-ga.json), which part to import. */
  section: z.enum(['ga', 'agora_exemple']).default('ga'),
});

const ItemListChangeSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  renamed: z.array(z.object({ from: z.string(), to: z.string() })),
  reordered: z.boolean(),
});

export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  /** True when the changes were written (never on a dry run). */
  applied: z.boolean(),
  /** `create`: a new referential; `update`: the one with the same code; `none`: nothing changes. */
  action: z.enum(['create', 'update', 'none']),
  referential: z.object({ id: z.string().nullable(), code: z.string(), title: z.string() }),
  /** What the file holds. */
  counts: z.object({
    poles: z.number().int(),
    classes: z.number().int(),
    situations: z.number().int(),
    competencies: z.number().int(),
    complexities: z.number().int(),
    hazards: z.number().int(),
    toComplete: z.number().int(),
    bepActivities: z.number().int(),
    examUnits: z.number().int(),
  }),
  /** Competencies whose lists or « à compléter » mark change (update only). */
  changes: z.array(
    z.object({
      competencyId: z.string(),
      code: z.string(),
      label: z.string(),
      complexities: ItemListChangeSchema,
      hazards: ItemListChangeSchema,
      toComplete: z.object({ from: z.boolean(), to: z.boolean() }).nullable(),
    }),
  ),
  unchangedCompetencies: z.number().int(),
  warnings: z.array(z.string()),
  /** One French sentence. */
  summary: z.string(),
  /** The report, line by line, in French, for people. */
  lines: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** Error bodies of this module may carry details (conflicting version, unknown codes…). */
export const ReferentialErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
