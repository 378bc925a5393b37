import { z } from 'zod';
import { PROFILES } from './profiles.ts';

/*
 * Single sign-on (docs/sso.md): identity providers of an establishment, their kind-specific
 * settings, the links between external identities and accounts, and the public answers of the
 * login page (buttons, multi-account choice, refusal).
 */

export const SSO_KINDS = ['cas', 'saml', 'oidc'] as const;
export type SsoKind = (typeof SSO_KINDS)[number];

/** How an identity came to be linked: at a first SSO login (the matching rule) or by an administrator. */
export const IDENTITY_RULES = ['existing', 'eleve_id', 'ine', 'sts_id', 'parent_vector', 'admin', 'import', 'copy_login'] as const;
export type IdentityRule = (typeof IDENTITY_RULES)[number];

const AttributeNamesSchema = z.array(z.string().trim().min(1).max(200).regex(/^[^\0]+$/)).max(20);

/**
 * Which released attributes carry what: for each key, the attribute names to read, in order (the
 * first one released wins; every value of it is used). Names are compared without case.
 */
export const AttributeMapSchema = z.object({
  /** An attribute to use as the subject instead of the protocol's own (`cas:user`, NameID, `sub`). */
  subject: AttributeNamesSchema.default([]),
  /** SIECLE ELEVE_ID of a learner (`ENTEleveStructRattachId`, `TSSCONETID`). */
  eleveId: AttributeNamesSchema.default([]),
  /** INE in clear (never EduConnect's hash). */
  ine: AttributeNamesSchema.default([]),
  /** STSWEB individual id of a staff member. */
  stsId: AttributeNamesSchema.default([]),
  /** AAF join key `ACADEMIE$id` (`ENTPersonJointure`): the suffix is an ELEVE_ID, PERSONNE_ID or STS id. */
  jointure: AttributeNamesSchema.default([]),
  /** `FrEduVecteur` values `profil|nom|prénom|eleve_id|uai`. */
  vector: AttributeNamesSchema.default([]),
  /** UAIs the person is attached to (`ENTPersonStructRattachRNE`). */
  uai: AttributeNamesSchema.default([]),
  lastName: AttributeNamesSchema.default([]),
  firstName: AttributeNamesSchema.default([]),
  /** A logout URL released with the identity (EduConnect `FrEduUrlRetour`). */
  logoutUrl: AttributeNamesSchema.default([]),
});
export type AttributeMap = z.infer<typeof AttributeMapSchema>;
export type AttributeMapInput = z.input<typeof AttributeMapSchema>;

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.endsWith('.localhost');

/** HTTPS, or plain HTTP on the loopback only (tests, development): docs/sso.md « Sécurité ». */
export const SecureUrlSchema = z
  .url()
  .max(500)
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname));
      } catch {
        return false;
      }
    },
    { message: 'L’adresse doit commencer par https://' },
  );

const PathSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^\/[A-Za-z0-9._~\-/]*$/, { message: 'Un chemin commence par / et ne contient que des lettres, chiffres, / . - _ ~' });

export const CasSettingsSchema = z.object({
  /** The preset it came from (`manuel` when typed by hand). */
  preset: z.string().max(60).default('manuel'),
  /** CAS server root, e.g. `https://cas.ent.example/cas` (no trailing slash). */
  serverUrl: SecureUrlSchema,
  /** Ticket validation path under the server URL; CAS 3 by default. */
  validatePath: PathSchema.default('/p3/serviceValidate'),
  loginPath: PathSchema.default('/login'),
  /** Where to log out of the ENT after logging out of Cerise Pro. */
  logoutUrl: SecureUrlSchema.nullable().default(null),
  attributeMap: AttributeMapSchema.default(AttributeMapSchema.parse({})),
});
export type CasSettings = z.infer<typeof CasSettingsSchema>;

export const SamlSettingsSchema = z.object({
  preset: z.string().max(60).default('manuel'),
  idpMetadataXml: z.string().max(500_000).nullable().default(null),
  idpMetadataUrl: SecureUrlSchema.nullable().default(null),
  idpEntityId: z.string().trim().min(1).max(500),
  ssoUrl: SecureUrlSchema,
  /** PEM or base64 certificates; several allowed for a rollover. */
  idpCerts: z.array(z.string().trim().min(1).max(20_000)).min(1).max(5),
  attributeMap: AttributeMapSchema.default(AttributeMapSchema.parse({})),
  clockSkewSeconds: z.number().int().min(0).max(600).default(120),
  wantEncrypted: z.boolean().default(false),
  logoutUrl: SecureUrlSchema.nullable().default(null),
});
export type SamlSettings = z.infer<typeof SamlSettingsSchema>;

export const OidcSettingsSchema = z.object({
  preset: z.string().max(60).default('manuel'),
  issuer: SecureUrlSchema,
  clientId: z.string().trim().min(1).max(500),
  /** Write-only: answers show `clientSecretSet`; an edit without it keeps the stored one. */
  clientSecret: z.string().max(2000).optional(),
  scopes: z.array(z.string().trim().min(1).max(100).regex(/^[\x21-\x7e]+$/)).max(20).default(['openid', 'profile']),
  attributeMap: AttributeMapSchema.default(AttributeMapSchema.parse({})),
  logoutUrl: SecureUrlSchema.nullable().default(null),
});
export type OidcSettings = z.infer<typeof OidcSettingsSchema>;

export const ProviderProfilesSchema = z.array(z.enum(PROFILES)).min(1).max(4);

const ProviderBase = {
  label: z.string().trim().min(1).max(100).regex(/^[^\0]+$/),
  enabled: z.boolean(),
  profiles: ProviderProfilesSchema,
};

/** Create or replace a provider; edits carry the `version` they started from. */
export const ProviderInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cas'), ...ProviderBase, settings: CasSettingsSchema }),
  z.object({ kind: z.literal('saml'), ...ProviderBase, settings: SamlSettingsSchema }),
  z.object({ kind: z.literal('oidc'), ...ProviderBase, settings: OidcSettingsSchema }),
]);
export type ProviderInput = z.input<typeof ProviderInputSchema>;
export type ProviderParsed = z.infer<typeof ProviderInputSchema>;

export const ProviderUpdateSchema = z.intersection(ProviderInputSchema, z.object({ version: z.number().int().min(1) }));

export const ProviderIdSchema = z.uuid();

export const ProviderSchema = z.object({
  id: z.string(),
  kind: z.enum(SSO_KINDS),
  label: z.string(),
  enabled: z.boolean(),
  profiles: z.array(z.enum(PROFILES)),
  /** Kind-specific; an OIDC client secret is never sent back (`clientSecretSet` instead). */
  settings: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  /** Where the login button sends the browser. */
  loginUrl: z.string(),
  /** SAML only: the SP metadata to give the IdP. */
  spMetadataUrl: z.string().nullable(),
  /** CAS only: the exact service URL the CAS server must accept. */
  serviceUrl: z.string().nullable(),
  linkedCount: z.number().int(),
});
export type Provider = z.infer<typeof ProviderSchema>;

export const CasPresetSchema = z.object({
  id: z.string(),
  label: z.string(),
  serverUrl: z.string().nullable(),
  validatePath: z.string(),
  loginPath: z.string(),
  logoutUrl: z.string().nullable(),
});
export type CasPreset = z.infer<typeof CasPresetSchema>;

/** Paramètres → « Connexion ENT / ÉduConnect ». */
export const SsoSettingsSchema = z.object({
  providers: z.array(ProviderSchema),
  /** Profiles whose local password login is switched off (never `administrator`). */
  localLoginDisabledProfiles: z.array(z.enum(PROFILES)),
  localLoginVersion: z.number().int(),
  casPresets: z.array(CasPresetSchema),
});
export type SsoSettings = z.infer<typeof SsoSettingsSchema>;

export const LocalLoginUpdateSchema = z.object({
  disabledProfiles: z.array(z.enum(['teacher', 'learner', 'parent'])).max(3),
  version: z.number().int().min(1),
});
export type LocalLoginUpdate = z.infer<typeof LocalLoginUpdateSchema>;


// --- Public: login page -----------------------------------------------------------------------

export const PublicProviderSchema = z.object({
  id: z.string(),
  kind: z.enum(SSO_KINDS),
  label: z.string(),
  loginUrl: z.string(),
});
export const PublicProvidersSchema = z.object({ providers: z.array(PublicProviderSchema) });
export type PublicProvider = z.infer<typeof PublicProviderSchema>;

export const SsoChoiceCandidateSchema = z.object({
  id: z.string(),
  uai: z.string(),
  establishmentName: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  profiles: z.array(z.enum(PROFILES)),
});

/** What the browser's pending SSO outcome is: a choice between accounts, or a refusal to explain. */
export const SsoPendingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('choice'), providerLabel: z.string(), candidates: z.array(SsoChoiceCandidateSchema) }),
  z.object({
    kind: z.literal('refusal'),
    uai: z.string(),
    providerLabel: z.string(),
    /** The identifier to give the administrator, who can link it. */
    subject: z.string(),
    reason: z.string(),
    reasonMessage: z.string(),
    logoutUrl: z.string().nullable(),
  }),
]);
export type SsoPending = z.infer<typeof SsoPendingSchema>;

export const SsoChooseRequestSchema = z.object({ candidateId: z.string().min(1).max(100) });

export const SsoChooseResponseSchema = z.object({ uai: z.string() });

/** After logout: the provider's logout URL when the session came from one that gives it. */
export const SsoLogoutInfoSchema = z.object({ logoutUrl: z.string().nullable(), providerLabel: z.string().nullable() });

// --- Links on a user's page ------------------------------------------------------------------

export const ExternalIdentitySchema = z.object({
  id: z.string(),
  providerId: z.string(),
  providerLabel: z.string(),
  providerKind: z.enum(SSO_KINDS),
  subject: z.string(),
  rule: z.enum(IDENTITY_RULES),
  linkedAt: z.string(),
  linkedBy: z.object({ id: z.string(), login: z.string(), lastName: z.string(), firstName: z.string() }).nullable(),
});
export type ExternalIdentity = z.infer<typeof ExternalIdentitySchema>;

export const ExternalIdentitiesSchema = z.object({ identities: z.array(ExternalIdentitySchema) });

export const LinkIdentityRequestSchema = z.object({
  providerId: ProviderIdSchema,
  subject: z.string().trim().min(1).max(255).regex(/^[^\0]+$/),
});
export type LinkIdentityRequest = z.infer<typeof LinkIdentityRequestSchema>;

export const CopyLoginRequestSchema = z.object({ providerId: ProviderIdSchema });
