import { z } from 'zod';
import { EstablishmentSettingsSchema, type EstablishmentSettings, type MasteryMethod } from './settings.ts';
import { OptionalEmailSchema, RowVersionSchema } from './users.schemas.ts';

/*
 * Paramètres (docs/guide.md §3.4): contracts of /api/v1/settings. The calculation settings themselves
 * are `EstablishmentSettingsSchema` (settings.ts).
 */

/** The establishment's details as the « Renseignements » form shows them. */
export const EstablishmentDetailsSchema = z.object({
  /** Read-only. */
  uai: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  town: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  headName: z.string().nullable(),
  website: z.string().nullable(),
});
export type EstablishmentDetails = z.infer<typeof EstablishmentDetailsSchema>;

/** What must be filled in before any mail goes out or any user is created by hand. */
export const REQUIRED_ESTABLISHMENT_FIELDS = ['name', 'email'] as const;
export type RequiredEstablishmentField = (typeof REQUIRED_ESTABLISHMENT_FIELDS)[number];

export const SettingsResponseSchema = z.object({
  establishment: EstablishmentDetailsSchema,
  settings: EstablishmentSettingsSchema,
  /** Send it back with either save (optimistic concurrency; both forms share it). */
  version: z.number().int(),
  /** Required fields still empty: while not empty, hand-made users and mails are refused. */
  missing: z.array(z.enum(REQUIRED_ESTABLISHMENT_FIELDS)),
  /** The address where the establishment's people log in (PUBLIC_URL/UAI). */
  loginUrl: z.string(),
  /**
   * The establishment's current school year (what every screen shows: classes, groups, services),
   * the one « Passer à l'année … » would switch to, and how many classes are already imported for
   * that next year.
   */
  schoolYear: z.object({ current: z.string(), next: z.string(), nextYearClasses: z.number().int() }),
});
export type SettingsResponse = z.infer<typeof SettingsResponseSchema>;

const noControl = /^[^\p{Cc}]*$/u;
const optionalText = (max: number) =>
  z.union([
    z.null(),
    z
      .string()
      .trim()
      .max(max)
      .regex(noControl)
      .transform((s) => (s === '' ? null : s)),
  ]);
const optionalPattern = (re: RegExp, message: string) =>
  z.union([
    z.null(),
    z
      .string()
      .trim()
      .refine((s) => s === '' || re.test(s), { message })
      .transform((s) => (s === '' ? null : s)),
  ]);

/** `www.lycee.fr` → `https://www.lycee.fr`; only http(s) addresses. */
export function normalizeWebsite(s: string): string | null {
  const t = s.trim();
  if (t === '') return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t}`;
  try {
    const u = new URL(withScheme);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.')) return null;
    return withScheme;
  } catch {
    return null;
  }
}

const WebsiteSchema = z.union([
  z.null(),
  z
    .string()
    .trim()
    .max(300)
    .regex(noControl)
    .refine((s) => s === '' || normalizeWebsite(s) !== null, { message: 'Adresse de site web invalide.' })
    .transform((s) => normalizeWebsite(s)),
]);

/** PUT /api/v1/settings/establishment — « Valider » of the details form. Every field is sent. */
export const UpdateEstablishmentDetailsRequestSchema = z.object({
  version: RowVersionSchema,
  name: z.string().trim().min(1).max(200).regex(noControl),
  address: optionalText(300),
  /** Five digits (French postal code). */
  postalCode: optionalPattern(/^\d{5}$/, 'Le code postal comporte 5 chiffres.'),
  town: optionalText(100),
  /** Digits, spaces and + . - ( ): `05 49 00 00 00`, `+33 5 49 00 00 00`. */
  phone: optionalPattern(/^\+?[\d\s().-]{6,25}$/, 'Numéro de téléphone invalide.'),
  email: OptionalEmailSchema,
  headName: optionalText(200),
  website: WebsiteSchema,
});
export type UpdateEstablishmentDetailsRequest = z.input<typeof UpdateEstablishmentDetailsRequestSchema>;

/**
 * PUT /api/v1/settings/calculation — the dashboard's method and thresholds (docs/design.md §5) and the
 * CCF decision-aid thresholds (docs/design.md §6). Omitted values take their defaults.
 */
export const UpdateCalculationSettingsRequestSchema = EstablishmentSettingsSchema.extend({
  version: RowVersionSchema,
});
export type UpdateCalculationSettingsRequest = z.input<typeof UpdateCalculationSettingsRequestSchema>;

export type SettingsProblem = { code: 'settings.mastery_thresholds_order' | 'settings.ccf_thresholds_order'; path: string };

/** Relations between values that a field-by-field check cannot see (the web shows them live). */
export function checkSettingsConsistency(s: EstablishmentSettings): SettingsProblem[] {
  const out: SettingsProblem[] = [];
  if (s.mastery.inProgressThreshold >= s.mastery.acquiredThreshold) {
    out.push({ code: 'settings.mastery_thresholds_order', path: 'mastery.acquiredThreshold' });
  }
  if (s.ccf.almostReadyMasteryPercent > s.ccf.readyMasteryPercent) {
    out.push({ code: 'settings.ccf_thresholds_order', path: 'ccf.readyMasteryPercent' });
  }
  return out;
}

/** French names of the mastery methods, for the « Paramètres » form. */
export const MASTERY_METHOD_LABELS: Record<MasteryMethod, string> = {
  weighted_recent: 'Moyenne pondérée des dernières preuves (recommandée)',
  mean: 'Moyenne de toutes les preuves',
  latest: 'Dernière preuve seulement',
  best_of: 'Moyenne des meilleures preuves',
  decaying: 'Moyenne dégressive (la dernière preuve pèse le plus)',
};

export const MASTERY_STATES = ['not_acquired', 'in_progress', 'acquired'] as const;
export type MasteryState = (typeof MASTERY_STATES)[number];
export const MASTERY_STATE_LABELS: Record<MasteryState, string> = {
  not_acquired: 'Non acquis',
  in_progress: "En cours d'acquisition",
  acquired: 'Acquis',
};

/** The state a mastery percentage falls in (docs/design.md §5: < 40 non acquis, 40–59 en cours, ≥ 60 acquis by default). */
export function masteryStateForPercent(
  percent: number,
  t: Pick<EstablishmentSettings['mastery'], 'inProgressThreshold' | 'acquiredThreshold'>,
): MasteryState {
  if (percent >= t.acquiredThreshold) return 'acquired';
  if (percent >= t.inProgressThreshold) return 'in_progress';
  return 'not_acquired';
}

/** « Passer à l'année … »: `schoolYear` must be the year after the current one. */
export const ChangeSchoolYearRequestSchema = z.object({
  version: RowVersionSchema,
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
});
export type ChangeSchoolYearRequest = z.infer<typeof ChangeSchoolYearRequestSchema>;
