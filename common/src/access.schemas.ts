import { z } from 'zod';
import { PersonRefSchema, PersonSchema } from './auth.schemas.ts';
import { PasswordStateSchema } from './password-state.ts';
import { UserIdSchema } from './users.schemas.ts';

/*
 * Accès parents, accès apprenants (docs/guide.md §3.3): contracts of /api/v1/access/….
 */

/** The « Sans classe » entry: visible learners with no division this school year (docs/design.md §4), and their parents. */
export const NO_DIVISION_ID = 'sans-classe';
/** What « Sans classe » learners show as their division (CSV, users list). */
export const NO_DIVISION_CODE = 'sans classe';
export const AccessDivisionParamsSchema = z.object({ divisionId: z.union([z.literal(NO_DIVISION_ID), UserIdSchema]) });
export const AccessParentParamsSchema = z.object({ parentId: UserIdSchema });

export const AccessDivisionSchema = z.object({ id: z.string(), code: z.string(), label: z.string().nullable(), schoolYear: z.string() });

export const AccessLearnerSchema = PersonSchema.extend({
  /** ISO `aaaa-mm-jj`; null: no birth date, the account cannot go back to `jjmmaaaa`. */
  birthDate: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** The learner has not chosen a password yet (initial `jjmmaaaa`, or just reset). */
  mustChangePassword: z.boolean(),
  /** Which password works now. */
  passwordState: PasswordStateSchema,
  /** Can be reset to `jjmmaaaa` (has a birth date). */
  canReset: z.boolean(),
});
export type AccessLearner = z.infer<typeof AccessLearnerSchema>;

export const AccessLearnersResponseSchema = z.object({
  division: AccessDivisionSchema,
  learners: z.array(AccessLearnerSchema),
});
export type AccessLearnersResponse = z.infer<typeof AccessLearnersResponseSchema>;

/** « Réinitialiser tous les comptes marqués ». */
export const ResetLearnersRequestSchema = z.object({ learnerIds: z.array(UserIdSchema).min(1).max(2000) });
export type ResetLearnersRequest = z.infer<typeof ResetLearnersRequestSchema>;

export const LEARNER_RESET_SKIP_REASONS = ['no_birth_date'] as const;
export const LEARNER_RESET_SKIP_LABELS: Record<(typeof LEARNER_RESET_SKIP_REASONS)[number], string> = {
  no_birth_date: 'Date de naissance inconnue : le mot de passe ne peut pas être remis à jjmmaaaa.',
};

export const ResetLearnersResponseSchema = z.object({
  reset: z.array(z.object({ id: z.string(), login: z.string() })),
  skipped: z.array(
    z.object({ id: z.string(), login: z.string(), reason: z.enum(LEARNER_RESET_SKIP_REASONS), message: z.string() }),
  ),
});
export type ResetLearnersResponse = z.infer<typeof ResetLearnersResponseSchema>;

export const AccessParentChildSchema = PersonRefSchema.extend({
  /** Division codes of the current school year. */
  divisions: z.array(z.string()),
  /** Legal responsibility level (1 or 2). */
  level: z.number().int(),
});

export const AccessParentSchema = PersonSchema.extend({
  email: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  mustChangePassword: z.boolean(),
  /** Which password works now. */
  passwordState: PasswordStateSchema,
  /** All their visible children, in this division or not. */
  children: z.array(AccessParentChildSchema),
});
export type AccessParent = z.infer<typeof AccessParentSchema>;

export const AccessParentsResponseSchema = z.object({
  division: AccessDivisionSchema,
  parents: z.array(AccessParentSchema),
});
export type AccessParentsResponse = z.infer<typeof AccessParentsResponseSchema>;

/**
 * A parent's password reset: by mail (two mails) when an e-mail is known; otherwise the temporary
 * password comes back once, for a letter (or ask for the PDF letter instead).
 */
export const ParentPasswordResetResponseSchema = z.discriminatedUnion('delivery', [
  z.object({ delivery: z.literal('mail'), email: z.string(), mailsQueued: z.number().int() }),
  z.object({ delivery: z.literal('letter'), login: z.string(), temporaryPassword: z.string(), loginUrl: z.string() }),
]);
export type ParentPasswordResetResponse = z.infer<typeof ParentPasswordResetResponseSchema>;

/** Printable letters: gives each listed parent a fresh temporary password; answers a PDF. */
export const ParentLettersRequestSchema = z.object({ parentIds: z.array(UserIdSchema).min(1).max(2000) });
export type ParentLettersRequest = z.infer<typeof ParentLettersRequestSchema>;
