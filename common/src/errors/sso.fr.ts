/** French messages of the sso error codes; merged into ERROR_MESSAGES. */
export const SSO_ERRORS = {
  'sso.provider_not_found': 'Ce fournisseur d’identité est introuvable.',
  'sso.provider_disabled': 'La connexion par ce fournisseur d’identité n’est pas activée dans cet établissement.',
  'sso.version_conflict':
    "Quelqu'un d'autre a modifié ce fournisseur d’identité entre-temps. Rechargez la page pour voir la version actuelle.",
  'sso.settings_conflict':
    "Quelqu'un d'autre a modifié les règles de connexion entre-temps. Rechargez la page pour voir la version actuelle.",
  'sso.kind_unchanged': 'Le type d’un fournisseur (CAS, SAML, OpenID Connect) ne peut pas être changé : créez-en un autre.',
  'sso.identity_not_found': 'Ce lien avec un identifiant ENT est introuvable.',
  'sso.identity_taken': 'Cet identifiant est déjà relié à un autre compte pour ce fournisseur.',
  'sso.identity_exists': 'Ce compte est déjà relié à cet identifiant.',
  'sso.state_invalid':
    'La connexion par l’ENT n’a pas pu aboutir : la demande a expiré ou a déjà servi. Recommencez depuis la page de connexion.',
  'sso.no_pending': 'Aucune connexion par l’ENT n’est en attente dans ce navigateur. Recommencez depuis la page de connexion.',
  'sso.candidate_not_found': 'Ce compte ne fait pas partie des choix proposés.',
  'sso.local_login_disabled':
    'La connexion par mot de passe est désactivée pour votre profil dans cet établissement : utilisez le bouton de connexion de l’ENT ou d’ÉduConnect.',
  'sso.cas_ticket_missing': 'Le serveur CAS n’a pas transmis de ticket.',
  'sso.cas_invalid_ticket': 'Le serveur CAS a refusé le ticket (expiré ou déjà utilisé). Recommencez la connexion.',
  'sso.cas_invalid_service':
    'Le serveur CAS ne reconnaît pas l’adresse de retour de Cerise Pro. L’administrateur doit la déclarer auprès de l’ENT.',
  'sso.cas_unreachable': 'Le serveur CAS de l’ENT ne répond pas. Réessayez dans un instant.',
  'sso.cas_bad_answer': 'La réponse du serveur CAS est illisible.',
  // Refusal reasons (shown on the refusal page, recorded in the Journal des actions).
  'sso.refused_unknown': 'Aucun compte de cet établissement ne correspond à cet identifiant.',
  'sso.refused_wrong_uai': 'Votre identité est rattachée à un autre établissement que celui de cette page de connexion.',
  'sso.refused_inactive': 'Le compte correspondant est désactivé ou la personne a quitté l’établissement.',
  'sso.refused_profile': 'Ce fournisseur d’identité n’est pas ouvert à votre profil dans cet établissement.',
  'sso.refused_protocol': 'Le fournisseur d’identité n’a pas confirmé votre identité.',
} as const;
