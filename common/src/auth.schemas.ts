import { z } from 'zod';
import { ProfileSchema } from './profile.schema.ts';
import { MODULES } from './profiles.ts';

export const UaiSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^\d{7}[A-Z]$/, 'UAI invalide'));

export const LoginRequestSchema = z.object({
  uai: z.string().trim().min(1).max(16),
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export { ProfileSchema };
export const ModuleSchema = z.enum(MODULES);

/** Who a person is, as every list and card shows them (never a password or its hash). */
export const PersonRefSchema = z.object({
  id: z.string(),
  login: z.string(),
  lastName: z.string(),
  firstName: z.string(),
});
export const PersonSchema = PersonRefSchema.extend({ civility: z.string().nullable() });

export const MeUserSchema = PersonSchema.extend({
  email: z.string().nullable(),
  profiles: z.array(ProfileSchema),
  modules: z.array(ModuleSchema),
  mustChangePassword: z.boolean(),
});
export type MeUser = z.infer<typeof MeUserSchema>;

export const EstablishmentSummarySchema = z.object({
  uai: z.string(),
  name: z.string(),
});
export type EstablishmentSummary = z.infer<typeof EstablishmentSummarySchema>;

/**
 * `GET /api/v1/auth/me` (and the login answer): the user's fields at the top level (`login`,
 * `profiles`, `modules`…), and the same user under `user` with its `establishment`.
 */
export const MeResponseSchema = MeUserSchema.extend({
  user: MeUserSchema,
  establishment: EstablishmentSummarySchema,
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const LoginResponseSchema = MeResponseSchema.extend({ mustChangePassword: z.boolean() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const ChangePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export const ChangeEmailRequestSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email()),
  /** A stolen session alone must not be enough to divert the account's mails (docs/security.md). */
  currentPassword: z.string().min(1).max(200),
});

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
