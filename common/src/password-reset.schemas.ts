import { z } from 'zod';

/*
 * Mot de passe oublié: public contracts of /api/v1/auth/password-reset/….
 * The link mailed is `PUBLIC_URL/{UAI}/reinitialisation/{token}`.
 */

const printable = /^[^\p{Cc}]*$/u;

export const PasswordResetRequestSchema = z.object({
  uai: z.string().trim().min(1).max(16).regex(printable),
  login: z.string().trim().min(1).max(100).regex(printable),
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/** Always the same, whether or not the account exists. */
export const PasswordResetRequestedSchema = z.object({ message: z.string() });
export const PASSWORD_RESET_REQUESTED_MESSAGE =
  "Si ce compte existe et qu'une adresse électronique y est associée, un courriel contenant un lien de réinitialisation vient d'être envoyé. Le lien est valable une heure. Sinon, adressez-vous à l'administrateur de Cerise Pro de votre établissement.";

export const PasswordResetTokenSchema = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/);

export const PasswordResetCheckRequestSchema = z.object({ token: PasswordResetTokenSchema });
export const PasswordResetCheckResponseSchema = z.object({
  login: z.string(),
  establishment: z.object({ uai: z.string(), name: z.string() }),
  expiresAt: z.string(),
});
export type PasswordResetCheckResponse = z.infer<typeof PasswordResetCheckResponseSchema>;

export const PasswordResetConfirmRequestSchema = z.object({
  token: PasswordResetTokenSchema,
  newPassword: z.string().min(1).max(200),
});
export type PasswordResetConfirmRequest = z.infer<typeof PasswordResetConfirmRequestSchema>;
