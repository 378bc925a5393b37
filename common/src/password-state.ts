import { z } from 'zod';

/**
 * Which password opens an account now (docs/design.md §4): the birth date (`jjmmaaaa` for learners
 * and parents, `aaaa-mm-jj` for staff), a temporary password and how it was handed over, a password
 * the user chose, or none at all (an administrator must give one).
 */
export const PASSWORD_STATES = [
  'birth_date',
  'birth_date_iso',
  'temporary_mail',
  'temporary_letter',
  'temporary_screen',
  'temporary_import',
  'chosen',
  'none',
] as const;
export const PasswordStateSchema = z.enum(PASSWORD_STATES);
export type PasswordState = z.infer<typeof PasswordStateSchema>;

/** Said in Accès, Gestion des utilisateurs and the CSV of a division. */
export const PASSWORD_STATE_LABELS: Record<PasswordState, string> = {
  birth_date: 'Date de naissance (jjmmaaaa), à changer',
  birth_date_iso: 'Date de naissance (aaaa-mm-jj), à changer',
  temporary_mail: 'Provisoire, envoyé par courriel, à changer',
  temporary_letter: 'Provisoire, remis sur une lettre, à changer',
  temporary_screen: "Provisoire, affiché une fois à l'écran, à changer",
  temporary_import: "Provisoire, dans le rapport d'import, à changer",
  chosen: 'Choisi par la personne',
  none: 'Aucun : à réinitialiser',
};

/** How an administrator hands over a new temporary password. */
export const PASSWORD_HANDOVERS = ['mail', 'letter'] as const;
export const PasswordHandoverSchema = z.enum(PASSWORD_HANDOVERS);
export type PasswordHandover = z.infer<typeof PasswordHandoverSchema>;

/** The body of a password reset by an administrator; without `delivery`, by mail when an e-mail is known. */
export const AdminPasswordResetRequestSchema = z.object({ delivery: PasswordHandoverSchema.optional() }).strict();
export type AdminPasswordResetRequest = z.infer<typeof AdminPasswordResetRequestSchema>;
