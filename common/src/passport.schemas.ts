import { z } from 'zod';
import { PersonRefSchema } from './auth.schemas.ts';

/*
 * Passeport professionnel (docs/guide.md §§3.7–3.8): contracts of /api/v1/passport/….
 */

export const REVIEW_LEVEL_CODES = ['RT', 'RP', 'ECA', 'TE'] as const;
export const ReviewLevelSchema = z.enum(REVIEW_LEVEL_CODES);
export type ReviewLevelCode = z.infer<typeof ReviewLevelSchema>;

export const ATTACHMENT_PARTS = ['common', 'bacpro', 'bep'] as const;
export const AttachmentPartSchema = z.enum(ATTACHMENT_PARTS);
export type AttachmentPart = z.infer<typeof AttachmentPartSchema>;

const Id = z.string().min(1).max(64);
const IsoDay = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);

export const PassportIdParamsSchema = z.object({ id: Id });
export const PassportLearnerParamsSchema = z.object({ learnerId: Id });
export const PassportBlockParamsSchema = z.object({ learnerId: Id, competencyId: Id });
export const PassportAttachmentParamsSchema = z.object({ id: Id, attachmentId: Id });
export const PassportDivisionParamsSchema = z.object({ divisionId: Id });

/** The filters of the list (docs/guide.md §3.7.2): words of the title, digits of the date, code or words of the competency. */
export const SituationListQuerySchema = z.object({
  title: Text(200).optional(),
  date: z.string().trim().max(10).regex(/^[0-9/-]*$/).optional(),
  competency: Text(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type SituationListQuery = z.input<typeof SituationListQuerySchema>;

/** The professional situation a competency belongs to, as the list shows it. */
export const SituationRefSchema = z.object({
  competencyId: z.string(),
  competencyCode: z.string(),
  competencyLabel: z.string(),
  situationCode: z.string(),
  situationTitle: z.string(),
  poleCode: z.string(),
});

export const BepActivityRefSchema = z.object({ id: z.string(), code: z.string(), label: z.string() });

export const PassportReviewSchema = z.object({
  id: z.string(),
  level: ReviewLevelSchema,
  appraisal: z.string(),
  reviewedOn: z.string(),
  createdAt: z.string(),
  teacher: PersonRefSchema,
});
export type PassportReview = z.infer<typeof PassportReviewSchema>;

export const BlockedCompetencySchema = z.object({
  competencyId: z.string(),
  competencyCode: z.string(),
  blockedAt: z.string(),
  teacher: PersonRefSchema,
});
export type BlockedCompetency = z.infer<typeof BlockedCompetencySchema>;

export const SituationSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  createdAt: z.string(),
  place: z.string(),
  context: z.string(),
  conditions: z.string(),
  situation: SituationRefSchema,
  attachmentCount: z.number().int(),
  bepActivity: BepActivityRefSchema.nullable(),
  lastReview: PassportReviewSchema.nullable(),
  /** « modifiée depuis l'évaluation »: changed by the learner after the last review. */
  changedSinceReview: z.boolean(),
  /** The competency is blocked for this learner. */
  blocked: z.boolean(),
});
export type SituationSummary = z.infer<typeof SituationSummarySchema>;

export const SituationListResponseSchema = z.object({
  learner: PersonRefSchema,
  items: z.array(SituationSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  blocked: z.array(BlockedCompetencySchema),
});
export type SituationListResponse = z.infer<typeof SituationListResponseSchema>;

export const PassportAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  part: AttachmentPartSchema,
  mediaType: z.string(),
  size: z.number().int(),
});
export type PassportAttachment = z.infer<typeof PassportAttachmentSchema>;

export const SituationDetailSchema = SituationSummarySchema.extend({
  learner: PersonRefSchema,
  complexityIds: z.array(z.string()),
  hazardIds: z.array(z.string()),
  doneText: z.string(),
  producedText: z.string(),
  analysisText: z.string(),
  usageText: z.string(),
  bepText: z.string(),
  attachments: z.array(PassportAttachmentSchema),
  reviews: z.array(PassportReviewSchema),
  version: z.number().int(),
});
export type SituationDetail = z.infer<typeof SituationDetailSchema>;

/** What the learner types (creation, and modification with `version`). */
export const SituationInputSchema = z.object({
  title: Text(200).min(1),
  occurredOn: IsoDay,
  place: Text(200).default(''),
  context: Text(5000).default(''),
  conditions: Text(5000).default(''),
  competencyId: Id,
  complexityIds: z.array(Id).max(50).default([]),
  hazardIds: z.array(Id).max(50).default([]),
  doneText: Text(10000).default(''),
  producedText: Text(10000).default(''),
  analysisText: Text(10000).default(''),
  usageText: Text(10000).default(''),
  bepActivityId: Id.nullable().default(null),
  bepText: Text(10000).default(''),
});
export type SituationInput = z.input<typeof SituationInputSchema>;
export const SituationUpdateSchema = SituationInputSchema.extend({ version: z.number().int().min(1) });
export type SituationUpdate = z.input<typeof SituationUpdateSchema>;
export const PassportVersionQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

/** The teacher adjusts the complexities and hazards met. */
export const SituationItemsSchema = z.object({
  complexityIds: z.array(Id).max(50),
  hazardIds: z.array(Id).max(50),
  version: z.number().int().min(1),
});

export const ReviewInputSchema = z.object({
  level: ReviewLevelSchema,
  appraisal: Text(5000).default(''),
  /** The review's date (today when absent). */
  reviewedOn: IsoDay.optional(),
});
export type ReviewInput = z.input<typeof ReviewInputSchema>;

export const BlockedListResponseSchema = z.object({ blocked: z.array(BlockedCompetencySchema) });

/** The BEP MSA prompt: all 17 activities, the ones the referential links to the situation first. */
export const BepChoicesQuerySchema = z.object({ competencyId: Id });
export const BepChoiceSchema = BepActivityRefSchema.extend({ domain: z.string(), details: z.string(), suggested: z.boolean() });
export const BepChoicesResponseSchema = z.object({ suggestedCount: z.number().int(), items: z.array(BepChoiceSchema) });
export type BepChoice = z.infer<typeof BepChoiceSchema>;

/** The teacher's classes and, in each, the learners they teach. */
export const PassportClassesResponseSchema = z.object({
  classes: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      label: z.string().nullable(),
      learners: z.array(PersonRefSchema.extend({ situationCount: z.number().int() })),
    }),
  ),
});
export type PassportClasses = z.infer<typeof PassportClassesResponseSchema>;

/** CCF extract: one pôle (its code) or all. */
export const ExtractQuerySchema = z.object({ pole: z.string().trim().max(10).regex(/^[0-9A-Za-z.]*$/).optional() });

export const PassportChildrenResponseSchema = z.object({ children: z.array(PersonRefSchema) });
