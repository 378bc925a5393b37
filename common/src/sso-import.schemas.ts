import { z } from 'zod';

/*
 * « Import des identifiants ENT » (docs/sso.md « Import des identifiants ENT »): the CSV an ENT
 * exports (one row per account: its ENT id, names, sometimes the SIECLE id or the INE) is read
 * with a column mapping, matched to accounts, shown as a dry run, then applied all or nothing.
 */

/** A column: its 0-based position, or its header text (compared without case and accents). */
export const ColumnRefSchema = z.union([z.number().int().min(0).max(200), z.string().trim().min(1).max(100)]);
export type ColumnRef = z.infer<typeof ColumnRefSchema>;

export const IdentityImportMappingSchema = z.object({
  /** Lines before the data (0: none; 1: a header line; 2: a title and a header). */
  headerRows: z.number().int().min(0).max(5),
  idEnt: ColumnRefSchema,
  lastName: ColumnRefSchema,
  firstName: ColumnRefSchema,
  /** SIECLE id (ELEVE_ID for learners, PERSONNE_ID for parents, STS id for staff), when the ENT exports it. */
  sconetId: ColumnRefSchema.nullable().default(null),
  ine: ColumnRefSchema.nullable().default(null),
  /** The profile (« Élève », « Parent », « Enseignant »…): names are then matched among accounts of that profile only. */
  profile: ColumnRefSchema.nullable().default(null),
});
export type IdentityImportMapping = z.infer<typeof IdentityImportMappingSchema>;
export type IdentityImportMappingInput = z.input<typeof IdentityImportMappingSchema>;

/**
 * Column layouts of a few ENT exports, after SACoche's connector catalogue (docs/sso.md cites it):
 * `csv_entete` header lines, `csv_nom`, `csv_prenom`, `csv_id_ent`, `csv_id_sconet`.
 */
export const IDENTITY_IMPORT_PRESETS = {
  kosmos: { headerRows: 1, idEnt: 'Identifiant ENT', lastName: 'Nom', firstName: 'Prénom', sconetId: null, ine: null, profile: null },
  atos: { headerRows: 1, idEnt: 0, lastName: 2, firstName: 3, sconetId: 4, ine: null, profile: null },
  webeducation: { headerRows: 1, idEnt: 5, lastName: 3, firstName: 4, sconetId: 1, ine: null, profile: null },
  itslearning: { headerRows: 1, idEnt: 4, lastName: 2, firstName: 3, sconetId: null, ine: null, profile: null },
  toutatice: { headerRows: 0, idEnt: 2, lastName: 0, firstName: 1, sconetId: null, ine: null, profile: null },
} as const satisfies Record<string, IdentityImportMapping>;
export type IdentityImportPresetId = keyof typeof IDENTITY_IMPORT_PRESETS;
export const IDENTITY_IMPORT_PRESET_IDS = Object.keys(IDENTITY_IMPORT_PRESETS) as IdentityImportPresetId[];

/** What happens to one row. */
export const IDENTITY_IMPORT_OUTCOMES = [
  /** A new link. */
  'linked',
  /** The account had another id for this provider: replaced. */
  'changed',
  /** Already linked to that id: nothing to do. */
  'unchanged',
  /** That id is linked to another account: left as it is. */
  'taken',
  /** Several accounts have these names (and no SIECLE id or INE in the row tells them apart). */
  'homonyms',
  /** No account matches. */
  'unknown',
  /** The account matched has left or is hidden. */
  'left',
  /** The same ENT id, or the same account, appears on several rows: none of them is applied. */
  'duplicate',
  /** The row lacks an ENT id or names. */
  'invalid',
] as const;
export type IdentityImportOutcome = (typeof IDENTITY_IMPORT_OUTCOMES)[number];

export const IdentityImportRowSchema = z.object({
  /** Line in the file (1-based, header lines included). */
  line: z.number().int(),
  idEnt: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  outcome: z.enum(IDENTITY_IMPORT_OUTCOMES),
  /** How the account was found. */
  matchedBy: z.enum(['sconet_id', 'ine', 'names']).nullable(),
  account: z.object({ id: z.string(), login: z.string(), lastName: z.string(), firstName: z.string() }).nullable(),
  /** `changed`: the id it had; `taken`: the login of the account holding this id. */
  previous: z.string().nullable(),
  /** `homonyms`: how many accounts share these names. */
  candidates: z.number().int(),
});
export type IdentityImportRow = z.infer<typeof IdentityImportRowSchema>;

export const IdentityImportReportSchema = z.object({
  providerId: z.string(),
  providerLabel: z.string(),
  /** Header cells, or `Colonne N` when the file has no header, for the column mapping. */
  columns: z.array(z.string()),
  /** The first data rows as read, for the column mapping. */
  sample: z.array(z.array(z.string())),
  /** Encoding and separator detected. */
  encoding: z.enum(['utf-8', 'windows-1252']),
  delimiter: z.enum([';', ',', '\t']),
  mapping: IdentityImportMappingSchema,
  counts: z.record(z.enum(IDENTITY_IMPORT_OUTCOMES), z.number().int()),
  rows: z.array(IdentityImportRowSchema),
  /** Fingerprint of the changes to apply: apply refuses when the data moved since this dry run. */
  digest: z.string(),
});
export type IdentityImportReport = z.infer<typeof IdentityImportReportSchema>;

export const IdentityImportAppliedSchema = z.object({
  linked: z.number().int(),
  changed: z.number().int(),
});
export type IdentityImportApplied = z.infer<typeof IdentityImportAppliedSchema>;
