// Contracts of the scenarios module (Zod schemas + inferred types), shared by server and web.
import { z } from 'zod';
import { PersonRefSchema } from './auth.schemas.ts';

/** The three years of the Bac Pro (GLOSSARY): seconde, première, terminale. */
export const SCHOOL_LEVELS = ['seconde', 'premiere', 'terminale'] as const;
export const SchoolLevelSchema = z.enum(SCHOOL_LEVELS);
export type SchoolLevel = z.infer<typeof SchoolLevelSchema>;

export const SCENARIO_TITLE_MAX = 200;
export const SCENARIO_TEXT_MAX = 20_000;
export const SCENARIO_LINKS_MAX = 30;

/** Whether a text is a web address a teacher may link to: http or https only, with a host. */
export function isWebLink(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const IdSchema = z.string().min(1).max(64);
const TextSchema = z.string().max(SCENARIO_TEXT_MAX).default('');

/** A chosen competency with the complexities and hazards that apply (ids). */
export const ScenarioCompetencyInputSchema = z.object({
  competencyId: IdSchema,
  complexityIds: z.array(IdSchema).max(50).default([]),
  hazardIds: z.array(IdSchema).max(50).default([]),
});

export const ScenarioFieldsSchema = z.object({
  title: z.string().trim().min(1).max(SCENARIO_TITLE_MAX),
  isPrivate: z.boolean().default(false),
  level: SchoolLevelSchema.nullable().default(null),
  context: TextSchema,
  materials: TextSchema,
  /** http(s) addresses; checked by the server (400 `scenarios.invalid_link` naming the address). */
  links: z.array(z.string().trim().min(1).max(2000)).max(SCENARIO_LINKS_MAX).default([]),
  resources: TextSchema,
  competencies: z.array(ScenarioCompetencyInputSchema).max(200).default([]),
});

// POST /api/v1/scenarios
export const CreateScenarioRequestSchema = ScenarioFieldsSchema;
export type CreateScenarioRequest = z.input<typeof CreateScenarioRequestSchema>;

// PUT /api/v1/scenarios/:id (« Validez les modifications »): the whole scenario and the version read.
export const UpdateScenarioRequestSchema = ScenarioFieldsSchema.extend({ version: z.number().int().min(1) });
export type UpdateScenarioRequest = z.input<typeof UpdateScenarioRequestSchema>;

// POST /api/v1/scenarios/:id/duplicate
export const DuplicateScenarioRequestSchema = z.object({
  title: z.string().trim().min(1).max(SCENARIO_TITLE_MAX),
  level: SchoolLevelSchema.nullable().default(null),
});
export type DuplicateScenarioRequest = z.input<typeof DuplicateScenarioRequestSchema>;

export const ScenarioIdParamsSchema = z.object({ id: IdSchema });
export const ScenarioAttachmentParamsSchema = z.object({ id: IdSchema, attachmentId: IdSchema });

const ChosenItemSchema = z.object({ id: z.string(), label: z.string() });

/** A competency of a scenario as the consult page, the DOCX and the evaluation editor need it. */
export const ScenarioCompetencySchema = z.object({
  competencyId: z.string(),
  code: z.string(),
  label: z.string(),
  complexityIds: z.array(z.string()),
  hazardIds: z.array(z.string()),
  complexities: z.array(ChosenItemSchema),
  hazards: z.array(ChosenItemSchema),
});
export type ScenarioCompetency = z.infer<typeof ScenarioCompetencySchema>;

export const ScenarioAttachmentSchema = z.object({
  id: z.string(),
  filename: z.string(),
  size: z.number().int(),
  mediaType: z.string(),
  createdAt: z.string(),
});
export type ScenarioAttachment = z.infer<typeof ScenarioAttachmentSchema>;

export const ScenarioSchema = z.object({
  id: z.string(),
  title: z.string(),
  isPrivate: z.boolean(),
  level: SchoolLevelSchema.nullable(),
  context: z.string(),
  materials: z.string(),
  links: z.array(z.string()),
  resources: z.string(),
  author: PersonRefSchema,
  /** The signed-in teacher wrote it: may modify, delete and attach. */
  isMine: z.boolean(),
  competencies: z.array(ScenarioCompetencySchema),
  attachments: z.array(ScenarioAttachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

// GET /api/v1/scenarios
export const ScenarioListQuerySchema = z.object({
  /** Words of the title, context, materials or resources. */
  search: z.string().trim().max(100).default(''),
  author: IdSchema.optional(),
  level: SchoolLevelSchema.optional(),
  /** A competency code (C111) or words of its wording. */
  competency: z.string().trim().max(100).default(''),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ScenarioListQuery = z.input<typeof ScenarioListQuerySchema>;

export const ScenarioListItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  isPrivate: z.boolean(),
  level: SchoolLevelSchema.nullable(),
  author: PersonRefSchema,
  isMine: z.boolean(),
  competencyCodes: z.array(z.string()),
  updatedAt: z.string(),
});
export type ScenarioListItem = z.infer<typeof ScenarioListItemSchema>;

export const ScenarioListResponseSchema = z.object({
  items: z.array(ScenarioListItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Everyone whose scenarios I can see (the « auteur » filter). */
  authors: z.array(PersonRefSchema),
});
export type ScenarioListResponse = z.infer<typeof ScenarioListResponseSchema>;

export const ScenarioAttachmentsResponseSchema = z.object({ attachments: z.array(ScenarioAttachmentSchema) });

// GET /api/v1/scenarios/:id/learners (« Évaluer »: the classes and groups I teach, with their learners)
export const ScenarioLearnerGroupSchema = z.object({
  id: z.string(),
  kind: z.enum(['division', 'group']),
  code: z.string(),
  label: z.string().nullable(),
  learners: z.array(PersonRefSchema),
});
export const ScenarioLearnersResponseSchema = z.object({
  schoolYear: z.string(),
  groups: z.array(ScenarioLearnerGroupSchema),
});
export type ScenarioLearnersResponse = z.infer<typeof ScenarioLearnersResponseSchema>;
