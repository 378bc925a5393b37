/**
 * The French message of every stable API error code. The server answers with these; the web
 * application shows them. Codes are `<domain>.<reason>` and never change once published.
 */
export const ERROR_MESSAGES = {
  'common.validation': 'Les données envoyées ne sont pas valides.',
  'common.not_found': 'Cette ressource est introuvable.',
  'common.forbidden': "Vous n'avez pas accès à cette fonctionnalité.",
  'common.internal': 'Une erreur inattendue est survenue. Réessayez dans un instant.',
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
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export function errorMessage(code: string): string {
  return (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES['common.internal'];
}
