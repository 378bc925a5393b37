import { z } from 'zod';
import { PersonRefSchema, PersonSchema, ProfileSchema } from './auth.schemas.ts';
import { PasswordStateSchema } from './password-state.ts';

/*
 * Gestion des utilisateurs (docs/guide.md §3.2): contracts of /api/v1/users and /api/v1/divisions.
 */

export const CIVILITIES = ['M.', 'Mme'] as const;
export type Civility = (typeof CIVILITIES)[number];
export const CivilitySchema = z.enum(CIVILITIES);

/** `siecle`: imported (shown in green in the guide); `manual`: created by hand (shown in red). */
export const USER_SOURCES = ['siecle', 'manual'] as const;
export type UserSource = (typeof USER_SOURCES)[number];
export const UserSourceSchema = z.enum(USER_SOURCES);

/** French label of a source, for the text equivalent of its colour (never colour alone). */
export const USER_SOURCE_LABELS: Record<UserSource, string> = { siecle: 'Importé', manual: 'Créé manuellement' };

/**
 * Identity fields an import owns: read-only for imported users (the next import would restore
 * them). The e-mail, profiles, classes and discipline stay editable.
 */
export const IMPORTED_IDENTITY_FIELDS = ['civility', 'lastName', 'firstName', 'birthDate'] as const;
export type ImportedIdentityField = (typeof IMPORTED_IDENTITY_FIELDS)[number];

/** The error shape with its optional `details` (version conflicts, missing settings, duplicates…). */
export const ErrorWithDetailsResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The `version` sent back with an edit (bounded: it goes into SQL as an integer). */
export const RowVersionSchema = z.number().int().min(1).max(2_000_000_000);

/** Ids are opaque strings (UUIDs for rows the application creates); a malformed one is a 400. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/);
export const UserIdParamsSchema = z.object({ id: UserIdSchema });

/** A person's name as typed: trimmed, inner spaces collapsed, no control characters. */
export const PersonNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}]*$/u)
  .transform((s) => s.replace(/\s+/g, ' '));

/** ISO date `aaaa-mm-jj`, a real calendar day from 1900 on (the future is refused by the use cases). */
export const BirthDateSchema = z.iso.date().refine((d) => d >= '1900-01-01', { message: 'Date de naissance invalide.' });

/** An e-mail address or nothing: `''` and `null` both mean "no address". */
export const OptionalEmailSchema = z.union([
  z.null(),
  z
    .string()
    .trim()
    .max(254)
    .refine((s) => s === '' || z.email().safeParse(s).success, { message: 'Adresse électronique invalide.' })
    .transform((s) => (s === '' ? null : s)),
]);

export const DisciplineSchema = z.union([
  z.null(),
  z
    .string()
    .trim()
    .max(100)
    .regex(/^[^\p{Cc}]*$/u)
    .transform((s) => (s === '' ? null : s)),
]);

// ---------------------------------------------------------------------------------------------
// Rows

export const UserClassRefSchema = z.object({ id: z.string(), code: z.string(), label: z.string().nullable() });
export type UserClassRef = z.infer<typeof UserClassRefSchema>;

export const UserChildSchema = PersonRefSchema.extend({
  /** Division codes of the current school year. */
  divisions: z.array(z.string()),
});
export type UserChild = z.infer<typeof UserChildSchema>;

/** One user, as the list and the edit form show it. Never carries a password or its hash. */
export const UserSchema = PersonSchema.extend({
  /** ISO `aaaa-mm-jj`. */
  birthDate: z.string().nullable(),
  email: z.string().nullable(),
  profiles: z.array(ProfileSchema),
  /** Divisions and groups of the current school year: taught (teachers) or attended (learners). */
  divisions: z.array(UserClassRefSchema),
  groups: z.array(UserClassRefSchema),
  discipline: z.string().nullable(),
  /** Parents: their children (learners), hidden ones excluded. Empty for other profiles. */
  children: z.array(UserChildSchema),
  source: UserSourceSchema,
  hidden: z.boolean(),
  hiddenAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** Still on an initial or reset password (must choose a new one at next login). */
  mustChangePassword: z.boolean(),
  /** Which password works now: birth date, temporary (and how it was handed over), chosen, none. */
  passwordState: PasswordStateSchema,
  /** Send it back with every edit (optimistic concurrency). */
  version: z.number().int(),
  /** Fields the edit form shows read-only (imported identity). */
  readOnlyFields: z.array(z.enum(IMPORTED_IDENTITY_FIELDS)),
  /** Created by hand and visible: « Masquer » is offered. */
  canHide: z.boolean(),
  /** Created by hand and hidden: « Restaurer » is offered in the « comptes masqués » view. */
  canRestore: z.boolean(),
  /** Visible: « Réinitialiser le mot de passe » is offered (by mail with a known e-mail, else on screen for a letter). */
  canResetPassword: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/v1/users

const booleanQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const UserListQuerySchema = z.object({
  /** Words matched against last name, first name and login, accents and case ignored. */
  search: z.string().trim().max(100).default(''),
  profile: ProfileSchema.optional(),
  /** Id of a division or a group: its learners, its teachers and the learners' parents. */
  division: UserIdSchema.optional(),
  /** `true`: only hidden accounts (the « comptes masqués » view); default: only visible ones. */
  hidden: booleanQuery.default(false),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserListResponseSchema = z.object({
  items: z.array(UserSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UserListResponse = z.infer<typeof UserListResponseSchema>;

// ---------------------------------------------------------------------------------------------
// POST /api/v1/users (« Nouvel enseignant », « Nouvel utilisateur »)

export const CreateUserRequestSchema = z.object({
  civility: CivilitySchema.nullable().default(null),
  lastName: PersonNameSchema,
  firstName: PersonNameSchema,
  birthDate: BirthDateSchema.nullable().default(null),
  email: OptionalEmailSchema.default(null),
  profiles: z.array(ProfileSchema).min(1).max(4),
  /** Teachers: the divisions and groups they teach (ids from GET /api/v1/divisions). */
  classIds: z.array(UserIdSchema).max(200).default([]),
  /** Teachers: the discipline taught. */
  discipline: DisciplineSchema.default(null),
  /** Create even though a visible user has the same name (and birth date): see `users.possible_duplicate`. */
  allowDuplicate: z.boolean().default(false),
});
export type CreateUserRequest = z.input<typeof CreateUserRequestSchema>;

export const CreateUserResponseSchema = z.object({
  user: UserSchema,
  /** 2 (login, then password) when an e-mail is known, else 0. */
  mailsQueued: z.number().int(),
  /** Shown once, only when no e-mail is known (hand it over, e.g. printed). */
  initialPassword: z.string().nullable(),
});
export type CreateUserResponse = z.infer<typeof CreateUserResponseSchema>;

/** Details of `users.possible_duplicate` (409): the visible users that look the same. */
export const PossibleDuplicateSchema = PersonRefSchema.extend({
  birthDate: z.string().nullable(),
  profiles: z.array(ProfileSchema),
  source: UserSourceSchema,
});

// ---------------------------------------------------------------------------------------------
// PATCH /api/v1/users/:id

/** Only the fields sent change. `version` is the one last read (409 `common.version_conflict` if stale). */
export const UpdateUserRequestSchema = z.object({
  version: RowVersionSchema,
  civility: CivilitySchema.nullable().optional(),
  lastName: PersonNameSchema.optional(),
  firstName: PersonNameSchema.optional(),
  birthDate: BirthDateSchema.nullable().optional(),
  email: OptionalEmailSchema.optional(),
  profiles: z.array(ProfileSchema).min(1).max(4).optional(),
  /** Teachers only: replaces the divisions and groups taught this school year. */
  classIds: z.array(UserIdSchema).max(200).optional(),
  discipline: DisciplineSchema.optional(),
});
export type UpdateUserRequest = z.input<typeof UpdateUserRequestSchema>;

/** Details of a 409 `common.version_conflict`. */
export const VersionConflictDetailsSchema = z.object({ currentVersion: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Actions

/**
 * An administrator's password reset: two mails (login, then password) queued for `email`; or the
 * temporary password returned once, to show and print as a letter.
 */
export const UserPasswordResetResponseSchema = z.discriminatedUnion('delivery', [
  z.object({ delivery: z.literal('mail'), email: z.string(), mailsQueued: z.number().int() }),
  z.object({ delivery: z.literal('letter'), login: z.string(), temporaryPassword: z.string(), loginUrl: z.string() }),
]);
export type UserPasswordResetResponse = z.infer<typeof UserPasswordResetResponseSchema>;

export const LoginPreviewRequestSchema = z.object({ firstName: PersonNameSchema, lastName: PersonNameSchema });
export const LoginPreviewResponseSchema = z.object({ login: z.string() });

// ---------------------------------------------------------------------------------------------
// GET /api/v1/divisions (pickers)

export const DivisionListItemSchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string().nullable(),
  /** Visible learners attending it. */
  learnerCount: z.number().int(),
});
export type DivisionListItem = z.infer<typeof DivisionListItemSchema>;

export const DivisionListResponseSchema = z.object({
  schoolYear: z.string(),
  divisions: z.array(DivisionListItemSchema),
  groups: z.array(DivisionListItemSchema),
  /** Visible learners in no division this school year (« Sans classe »). */
  learnersWithoutDivision: z.number().int(),
});
export type DivisionListResponse = z.infer<typeof DivisionListResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Search

export { foldSearchText, matchesSearch } from './search-text.ts';
