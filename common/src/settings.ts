import { z } from 'zod';

/** Mastery computation methods (docs/design.md §5). */
export const MASTERY_METHODS = ['weighted_recent', 'mean', 'latest', 'best_of', 'decaying'] as const;
export type MasteryMethod = (typeof MASTERY_METHODS)[number];

export const EstablishmentSettingsSchema = z.object({
  mastery: z
    .object({
      method: z.enum(MASTERY_METHODS).default('weighted_recent'),
      /** Pieces of evidence kept by the default method. */
      window: z.number().int().min(1).max(50).default(6),
      /** K of "best of K". */
      bestOf: z.number().int().min(1).max(20).default(3),
      /** Weight of the latest piece in the decaying average, in percent. */
      decayLatestPercent: z.number().int().min(1).max(100).default(65),
      /** < inProgress → non acquis; < acquired → en cours; else acquis. */
      inProgressThreshold: z.number().int().min(0).max(100).default(40),
      acquiredThreshold: z.number().int().min(0).max(100).default(60),
      minEvidence: z.number().int().min(1).max(20).default(2),
    })
    .default({
      method: 'weighted_recent',
      window: 6,
      bestOf: 3,
      decayLatestPercent: 65,
      inProgressThreshold: 40,
      acquiredThreshold: 60,
      minEvidence: 2,
    }),
  ccf: z
    .object({
      /** Share of the pôle's competencies at "acquis" for "prêt", in percent. */
      readyMasteryPercent: z.number().int().min(0).max(100).default(70),
      /** Same, for "bientôt prêt". */
      almostReadyMasteryPercent: z.number().int().min(0).max(100).default(50),
      minEvidence: z.number().int().min(0).max(100).default(6),
    })
    .default({ readyMasteryPercent: 70, almostReadyMasteryPercent: 50, minEvidence: 6 }),
  /** Retention of people who left, in days; null = kept (the guide's behaviour). */
  retentionDaysAfterLeaving: z.number().int().min(30).max(3650).nullable().default(null),
  /** Days an import report keeps the initial passwords it drew (docs/security.md), then « expirés ». */
  initialPasswordsRetentionDays: z.number().int().min(1).max(90).default(7),
});
export type EstablishmentSettings = z.infer<typeof EstablishmentSettingsSchema>;

export function parseSettings(json: string | null | undefined): EstablishmentSettings {
  let raw: unknown = {};
  try {
    raw = json ? JSON.parse(json) : {};
  } catch {
    raw = {};
  }
  const parsed = EstablishmentSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : EstablishmentSettingsSchema.parse({});
}

/** "2027-2028" after "2026-2027" (null when `year` is not of that form). */
export function nextSchoolYear(year: string): string | null {
  const m = /^(\d{4})-(\d{4})$/.exec(year);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return `${Number(m[1]) + 1}-${Number(m[2]) + 1}`;
}

/** The school year of a date: "2026-2027" from September on. */
export function schoolYearOf(d: Date): string {
  const y = d.getUTCFullYear();
  const start = d.getUTCMonth() >= 7 ? y : y - 1; // from August on, the new year's exports
  return `${start}-${start + 1}`;
}
