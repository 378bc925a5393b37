// Contracts of the dashboard module (Zod schemas + inferred types), shared by server and web.
import { z } from 'zod';
import { PersonRefSchema } from './auth.schemas.ts';
import { CCF_VERDICTS } from './ccf.ts';
import { BEP_DOMAINS } from './referentials.schemas.ts';
import { DASHBOARD_STATES } from './dashboard-filter.ts';
import { RESULT_LEVELS } from './mastery.ts';
import { MASTERY_METHODS } from './settings.ts';

export * from './ccf.ts';
export * from './dashboard-filter.ts';

const IdSchema = z.string().min(1).max(64);
export const DashboardLearnerParamsSchema = z.object({ learnerId: IdSchema });
export const DashboardDivisionParamsSchema = z.object({ divisionId: IdSchema });
export const DashboardFilterParamsSchema = z.object({ filterId: IdSchema });

export const NOT_COUNTED_REASONS = ['not_assessable', 'absent', 'outside_window', 'not_latest', 'not_among_best'] as const;

/** One piece of evidence of a learner × competency, with what it weighed. */
export const EvidenceRowSchema = z.object({
  id: z.string(),
  source: z.enum(['evaluation', 'passport']),
  /** The evaluation's id or the passport situation's id (links to their pages). */
  sourceId: z.string(),
  title: z.string(),
  date: z.string(),
  level: z.enum(RESULT_LEVELS),
  complexities: z.array(z.string()),
  hazards: z.array(z.string()),
  counted: z.boolean(),
  weight: z.number(),
  notCounted: z.enum(NOT_COUNTED_REASONS).nullable(),
  /** An evaluation shown to learners and parents (« visible par les apprenants »); passport: true. */
  visible: z.boolean(),
});
export type EvidenceRow = z.infer<typeof EvidenceRowSchema>;

export const CompetencyBarSchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  percent: z.number().nullable(),
  state: z.enum(DASHBOARD_STATES),
  evidenceCount: z.number(),
  blocked: z.boolean(),
  evidence: z.array(EvidenceRowSchema),
});
export type CompetencyBar = z.infer<typeof CompetencyBarSchema>;

export const PoleBarsSchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  classes: z.array(z.object({ id: z.string(), code: z.string(), title: z.string(), competencies: z.array(CompetencyBarSchema) })),
});
export type PoleBars = z.infer<typeof PoleBarsSchema>;

export const LastReviewSchema = z.object({ level: z.enum(RESULT_LEVELS), reviewedOn: z.string() }).nullable();

export const PassportLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  occurredOn: z.string(),
  competencyCode: z.string(),
  competencyLabel: z.string(),
  bepActivityId: z.string().nullable(),
  lastReview: LastReviewSchema,
});
export type PassportLine = z.infer<typeof PassportLineSchema>;

export const BlockedLineSchema = z.object({ competencyId: z.string(), code: z.string(), label: z.string(), blockedAt: z.string() });

export const Ep1StatusSchema = z.object({
  ready: z.boolean(),
  distinct: z.number(),
  perDomain: z.record(z.enum(BEP_DOMAINS), z.number()),
  missing: z.object({ total: z.number(), perDomain: z.record(z.enum(BEP_DOMAINS), z.number()) }),
  text: z.string(),
});

export const BepViewSchema = z.object({
  title: z.string().nullable(),
  activities: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      domain: z.enum(BEP_DOMAINS),
      label: z.string(),
      situations: z.array(z.object({ id: z.string(), title: z.string(), occurredOn: z.string(), lastReview: LastReviewSchema })),
    }),
  ),
  ep1: Ep1StatusSchema,
});
export type BepView = z.infer<typeof BepViewSchema>;

export const CcfUnitResultSchema = z.object({
  unitCode: z.string(),
  poleCode: z.string(),
  poleTitle: z.string(),
  verdict: z.enum(CCF_VERDICTS),
  acquiredPercent: z.number(),
  evidenceCount: z.number(),
  /** The reasons in words. */
  reasons: z.array(z.string()),
});
export type CcfUnitResult = z.infer<typeof CcfUnitResultSchema>;

export const ProgressSchema = z.object({
  /** School years with evidence, oldest first, with the learner's class that year when known. */
  years: z.array(z.object({ schoolYear: z.string(), division: z.string().nullable() })),
  /** Mastery at the end of each year (evidence up to then), per pôle and per competency. */
  series: z.array(z.object({ kind: z.enum(['pole', 'competency']), id: z.string(), label: z.string(), percents: z.array(z.number().nullable()) })),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const LearnerDashboardSchema = z.object({
  learner: PersonRefSchema,
  referential: z.object({ id: z.string(), code: z.string(), title: z.string() }).nullable(),
  method: z.enum(MASTERY_METHODS),
  minEvidence: z.number(),
  poles: z.array(PoleBarsSchema),
  passport: z.array(PassportLineSchema),
  blocked: z.array(BlockedLineSchema),
  bep: BepViewSchema,
  ccf: z.array(CcfUnitResultSchema),
  progress: ProgressSchema,
});
export type LearnerDashboard = z.infer<typeof LearnerDashboardSchema>;

export const DashboardDivisionsSchema = z.object({
  divisions: z.array(z.object({ id: z.string(), code: z.string(), label: z.string().nullable() })),
});
export const DashboardChildrenSchema = z.object({ children: z.array(PersonRefSchema) });
export const DashboardLearnersSchema = z.object({ learners: z.array(PersonRefSchema) });

const OverviewCompetencySchema = z.object({ id: z.string(), code: z.string(), label: z.string(), poleCode: z.string() });
export const ClassOverviewSchema = z.object({
  division: z.object({ id: z.string(), code: z.string() }),
  competencies: z.array(OverviewCompetencySchema),
  learners: z.array(
    PersonRefSchema.extend({
      /** Same order as `competencies`. */
      cells: z.array(z.object({ percent: z.number().nullable(), state: z.enum(DASHBOARD_STATES), evidenceCount: z.number() })),
    }),
  ),
});
export type ClassOverview = z.infer<typeof ClassOverviewSchema>;

export const ClassCcfSchema = z.object({
  division: z.object({ id: z.string(), code: z.string() }),
  units: z.array(z.object({ unitCode: z.string(), poleCode: z.string(), poleTitle: z.string() })),
  learners: z.array(PersonRefSchema.extend({ units: z.array(CcfUnitResultSchema), ep1: Ep1StatusSchema })),
});
export type ClassCcf = z.infer<typeof ClassCcfSchema>;

// --- Teachers' saved filters (docs/guide.md §3.8.2) ---------------------------------------------------

export const DashboardFilterSchema = z.object({
  id: z.string(),
  name: z.string(),
  competencyIds: z.array(z.string()),
  /** Concurrency token (a digest of the saved content): send it back with a change. */
  version: z.string(),
});
export type DashboardFilter = z.infer<typeof DashboardFilterSchema>;
export const DashboardFilterListSchema = z.object({ filters: z.array(DashboardFilterSchema) });

const noControl = /^[^\p{Cc}]*$/u;
export const SaveDashboardFilterRequestSchema = z.object({
  name: z.string().trim().min(1).max(100).regex(noControl),
  competencyIds: z.array(IdSchema).min(1).max(500),
});
export type SaveDashboardFilterRequest = z.infer<typeof SaveDashboardFilterRequestSchema>;
export const UpdateDashboardFilterRequestSchema = SaveDashboardFilterRequestSchema.extend({ version: z.string().min(1).max(64) });
export type UpdateDashboardFilterRequest = z.infer<typeof UpdateDashboardFilterRequestSchema>;

// --- States as people read them --------------------------------------------------------------

export const DASHBOARD_STATE_LABELS: Record<(typeof DASHBOARD_STATES)[number], string> = {
  acquired: 'Acquis',
  in_progress: 'En cours d’acquisition',
  not_acquired: 'Non acquis',
  insufficient: 'Preuves insuffisantes',
};
/** Bar colours (never the only cue: the state is always written too); contrast ≥ 3:1 on white. */
export const DASHBOARD_STATE_COLORS: Record<(typeof DASHBOARD_STATES)[number], string> = {
  acquired: '#2e7d32',
  in_progress: '#b35c00',
  not_acquired: '#c62828',
  insufficient: '#757575',
};
