import { SCENARIOS_ERRORS } from './errors/scenarios.fr.ts';
import { EVALUATIONS_ERRORS } from './errors/evaluations.fr.ts';
import { PASSPORT_ERRORS } from './errors/passport.fr.ts';
import { DASHBOARD_ERRORS } from './errors/dashboard.fr.ts';
import { FILES_ERRORS } from './errors/files.fr.ts';
import { SSO_ERRORS } from './errors/sso.fr.ts';
import { SSO_IMPORT_ERRORS } from './errors/sso-import.fr.ts';
/**
 * The French message of every stable API error code. The server answers with these; the web
 * application shows them. Codes are `<domain>.<reason>` and never change once published.
 */
export const ERROR_MESSAGES = {
  'common.validation': 'Les données envoyées ne sont pas valides.',
  'common.not_found': 'Cette ressource est introuvable.',
  'common.forbidden': "Vous n'avez pas accès à cette fonctionnalité.",
  'common.internal': 'Une erreur inattendue est survenue. Réessayez dans un instant.',
  'common.worker_failed': 'La préparation de ce document ou de cette analyse a échoué. Réessayez dans un instant ; si l’erreur revient, signalez-la à l’administrateur.',
  'common.uri_too_long': "L'adresse demandée est trop longue.",
  'common.payload_too_large': 'Le fichier ou les données envoyés sont trop volumineux.',
  'common.unsupported_media_type': "Ce type de contenu n'est pas accepté.",
  'common.rate_limited': 'Trop de requêtes. Patientez un instant avant de réessayer.',
  'common.version_conflict':
    "Quelqu'un d'autre a modifié ces données entre-temps. Rechargez la page pour voir la version actuelle.",
  'auth.unauthenticated': 'Votre session a expiré ou vous n’êtes pas connecté. Connectez-vous à nouveau.',
  'auth.invalid_credentials': 'Identifiant ou mot de passe incorrect.',
  'auth.too_many_attempts': 'Trop de tentatives de connexion. Patientez quelques minutes avant de réessayer.',
  'auth.origin_mismatch': 'Requête refusée : elle ne provient pas de Cerise Pro.',
  'auth.password_change_required': 'Vous devez choisir un nouveau mot de passe avant de continuer.',
  'auth.establishment_not_found': 'Aucun établissement ne correspond à cette adresse.',
  'account.wrong_current_password': 'Le mot de passe actuel est incorrect.',
  'account.password_too_short': 'Le mot de passe doit contenir au moins 8 caractères.',
  'account.password_too_long': 'Le mot de passe est trop long (200 caractères au maximum).',
  'account.password_is_birth_date': 'Le mot de passe ne doit pas être votre date de naissance.',
  'account.password_unchanged': 'Le nouveau mot de passe doit être différent de l’actuel.',
  'account.invalid_email': 'Cette adresse électronique n’est pas valide.',
  'establishments.uai_taken': 'Un établissement existe déjà avec ce code UAI.',
  'establishments.invalid_uai': 'Le code UAI doit comporter 7 chiffres suivis d’une lettre (par exemple 0861234A).',
  'referentials.not_found': 'Ce référentiel est introuvable.',
  'referentials.competency_not_found': 'Cette compétence est introuvable dans ce référentiel.',
  'referentials.item_not_found': 'Cette complexité ou cet aléa est introuvable pour cette compétence.',
  'referentials.item_in_use':
    'Cet élément est déjà utilisé (scénario, évaluation ou passeport) : il ne peut pas être supprimé, mais vous pouvez le renommer.',
  'referentials.version_conflict':
    "Quelqu'un d'autre a modifié cette compétence entre-temps. Rechargez-la pour voir la version actuelle.",
  'referentials.duplicate_item': 'Cet intitulé figure déjà dans la liste de cette compétence.',
  'referentials.too_many_items': 'Cette liste est complète : 50 éléments au maximum par compétence.',
  'referentials.invalid_items': "Une complexité ou un aléa choisi n'appartient pas à cette compétence.",
  'referentials.invalid_order': "Le nouvel ordre doit reprendre exactement les éléments actuels de la liste. Rechargez la page.",
  'referentials.import_invalid_json': "Le fichier n'est pas un fichier JSON valide.",
  'referentials.import_invalid_format': "Le fichier ne respecte pas le format d'échange des référentiels de Cerise Pro.",
  'referentials.import_unknown_codes': 'Le fichier contient des codes de compétences inconnus dans ce référentiel.',
  'referentials.import_duplicate_code': 'Le fichier contient des codes en double.',
  'referentials.import_duplicate_item': 'Le fichier contient une complexité ou un aléa en double pour une même compétence.',
  'referentials.import_item_in_use': "L'import supprimerait des complexités ou des aléas déjà utilisés : il est refusé.",
  // Administration: Paramètres, Gestion des utilisateurs, Accès parents/apprenants, mot de passe oublié.
  'settings.establishment_incomplete':
    "Renseignez d'abord le nom et l'adresse électronique de l'établissement dans le module Paramètres : ils sont nécessaires pour créer des utilisateurs et envoyer des courriels.",
  'settings.school_year_not_next':
    "L’année demandée n’est pas celle qui suit l’année en cours : rechargez la page Paramètres.",
  'settings.mastery_thresholds_order': "Le seuil « acquis » doit être supérieur au seuil « en cours d'acquisition ».",
  'settings.ccf_thresholds_order': 'Le seuil « prêt » de l’aide à la décision CCF doit être au moins égal au seuil « bientôt prêt ».',
  'users.not_found': 'Cet utilisateur est introuvable.',
  'users.class_not_found': 'Une des classes choisies est introuvable pour cette année scolaire.',
  'users.classes_for_teachers_only': 'Seuls les enseignants ont des classes et une discipline à renseigner ici.',
  'users.imported_identity_read_only':
    "L'identité d'un utilisateur importé (civilité, nom, prénom, date de naissance) ne se modifie pas ici : le prochain import la rétablirait. Corrigez-la dans SIECLE ou STSWEB.",
  'users.birth_date_in_future': 'La date de naissance ne peut pas être dans le futur.',
  'users.possible_duplicate':
    "Un utilisateur portant ce nom existe déjà. Vérifiez qu'il ne s'agit pas de la même personne, puis confirmez la création si besoin.",
  'users.no_email':
    "Envoi par courriel impossible : aucune adresse électronique n'est connue pour cet utilisateur. Renseignez-la, ou choisissez de l'afficher à l'écran pour le remettre en main propre.",
  'users.hidden': "Ce compte est masqué : restaurez-le d'abord.",
  'users.not_hidden': "Ce compte n'est pas masqué.",
  'users.hide_imported': 'Seuls les utilisateurs créés manuellement peuvent être masqués ; les utilisateurs importés le sont par les imports.',
  'users.restore_imported': "Ce compte a été masqué par un import : il réapparaîtra s'il figure dans un prochain import.",
  'users.cannot_hide_self': 'Vous ne pouvez pas masquer votre propre compte.',
  'users.cannot_remove_own_admin': 'Vous ne pouvez pas retirer votre propre profil administrateur.',
  'access.division_not_found': 'Cette classe est introuvable.',
  'access.learner_not_found': 'Un des apprenants choisis est introuvable dans cette classe.',
  'access.parent_not_found': 'Ce parent est introuvable dans cette classe.',
  'auth.reset_token_invalid': "Ce lien de réinitialisation n'est plus valable (déjà utilisé ou expiré). Faites une nouvelle demande.",
  ...FILES_ERRORS,
  ...SCENARIOS_ERRORS,
  ...EVALUATIONS_ERRORS,
  ...PASSPORT_ERRORS,
  ...DASHBOARD_ERRORS,
  ...SSO_ERRORS,
  ...SSO_IMPORT_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function errorMessage(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES['common.internal'];
}
