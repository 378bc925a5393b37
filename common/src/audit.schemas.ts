import { z } from 'zod';
import { UserIdSchema } from './users.schemas.ts';

/*
 * Journal des actions administratives: contracts of GET /api/v1/audit.
 */

/** `aaaa-mm-jj` (a whole UTC day) or an ISO date-time with offset. */
const AuditInstantSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const AuditQuerySchema = z.object({
  /** From this day (or instant) on, inclusive. */
  from: AuditInstantSchema.optional(),
  /** Up to this day (inclusive) or instant (exclusive). */
  to: AuditInstantSchema.optional(),
  /** Entries done by this user or concerning them. */
  userId: UserIdSchema.optional(),
  /** An action code (`users.created`) or a prefix ending with a dot (`users.`). */
  action: z
    .string()
    .max(100)
    .regex(/^[a-z_.]+$/)
    .optional(),
  /** Sign-ins and sign-outs are left out unless asked for. */
  includeSignIns: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(false),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditPersonSchema = z.object({
  id: z.string(),
  login: z.string().nullable(),
  lastName: z.string().nullable(),
  firstName: z.string().nullable(),
});

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  /** French label of the action (the code itself when unknown). */
  actionLabel: z.string(),
  /** Null: the system or the command line. */
  actor: AuditPersonSchema.nullable(),
  target: z.object({ type: z.string(), id: z.string().nullable(), person: AuditPersonSchema.nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntryDto = z.infer<typeof AuditEntrySchema>;

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditListResponse = z.infer<typeof AuditListResponseSchema>;

/** French labels of the audited actions (other modules add theirs). */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': 'Connexion',
  'auth.logout': 'Déconnexion',
  'auth.login_failed': 'Échec de connexion (mot de passe incorrect)',
  'auth.login_locked': "Connexions suspendues après trop d'échecs (depuis cette adresse, ou depuis toute adresse inconnue du compte)",
  'auth.password_reset_requested': 'Demande de réinitialisation du mot de passe (mot de passe oublié)',
  'auth.password_reset_completed': 'Mot de passe réinitialisé par lien (mot de passe oublié)',
  'account.password_changed': 'Changement de son mot de passe',
  'account.email_changed': 'Changement de son adresse électronique',
  'establishment.created': "Création de l'établissement",
  'settings.establishment_updated': "Modification des renseignements de l'établissement",
  'settings.calculation_updated': 'Modification des paramètres de calcul',
  'settings.school_year_changed': "Passage à l'année scolaire suivante",
  'users.created': "Création d'un utilisateur",
  'users.updated': "Modification d'un utilisateur",
  'users.password_reset': "Réinitialisation du mot de passe d'un utilisateur",
  'users.hidden': "Masquage d'un utilisateur",
  'users.restored': "Restauration d'un utilisateur masqué",
  'access.learner_reset': "Réinitialisation d'un compte apprenant (jjmmaaaa)",
  'access.parent_password_reset': "Réinitialisation du mot de passe d'un parent",
  'access.parent_letter': "Lettre d'identifiants d'un parent",
  'import.teachers': 'Importation des enseignants',
  'import.learners': 'Importation des apprenants et des parents',
  'privacy.export': "Export des données d'une personne (RGPD)",
  'privacy.retention_purge': 'Suppression des données des personnes parties (délai de conservation)',
  'referentials.competency_updated': "Modification d'une compétence du référentiel",
  'referentials.complexity_added': "Ajout d'une complexité au référentiel",
  'referentials.hazard_added': "Ajout d'un aléa au référentiel",
  'referentials.complexity_renamed': "Modification d'une complexité du référentiel",
  'referentials.hazard_renamed': "Modification d'un aléa du référentiel",
  'referentials.complexities_reordered': 'Nouvel ordre des complexités',
  'referentials.hazards_reordered': 'Nouvel ordre des aléas',
  'referentials.complexity_deleted': "Suppression d'une complexité du référentiel",
  'referentials.hazard_deleted': "Suppression d'un aléa du référentiel",
  'referentials.imported_new': "Importation d'un nouveau référentiel",
  'referentials.imported_update': "Importation d'un référentiel (mise à jour)",
  'passport.read': "Consultation du passeport professionnel d'un apprenant",
  'passport.extract': "Extrait du passeport professionnel d'un apprenant (dossier CCF)",
  'dashboard.learner_viewed': "Consultation du tableau de bord d'un apprenant",
  'dashboard.learner_pdf': "Export PDF du tableau de bord d'un apprenant",
  'dashboard.class_viewed': "Consultation de la vue d'ensemble ou du tableau CCF d'une classe",
  'sso.login': "Connexion par l'ENT ou ÉduConnect",
  'sso.refused': "Connexion par l'ENT ou ÉduConnect refusée",
  'sso.linked': "Liaison d'un identifiant ENT à un compte",
  'sso.unlinked': "Suppression du lien d'un identifiant ENT",
  'sso.provider_created': "Ajout d'un fournisseur d'identité (ENT, ÉduConnect)",
  'sso.provider_updated': "Modification d'un fournisseur d'identité (ENT, ÉduConnect)",
  'sso.provider_deleted': "Suppression d'un fournisseur d'identité (ENT, ÉduConnect)",
  'sso.local_login_updated': 'Modification des profils autorisés à se connecter par mot de passe',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
