/** French messages of the files module's error codes (`files.<reason>`); merged into ERROR_MESSAGES. */
export const FILES_ERRORS = {
  'files.too_large': 'Le fichier dépasse la taille maximale acceptée.',
  'files.empty': 'Le fichier est vide.',
  'files.unsupported_type': "Ce fichier n'est pas d'un format accepté.",
  'files.extension_mismatch': "L'extension du fichier ne correspond pas à son contenu.",
  'files.bad_zip': "Cette archive ZIP est abîmée, chiffrée ou piégée : elle n'est pas acceptée.",
  'files.missing_file': 'Aucun fichier reçu.',
  'files.not_found': 'Ce fichier est introuvable.',
  'files.server_busy': 'Le serveur analyse déjà beaucoup de fichiers : réessayez dans un instant.',
  'files.establishment_full':
    "L'espace des pièces jointes de l'établissement est plein : supprimez des pièces jointes devenues inutiles, ou demandez à l'administrateur du service d'augmenter la limite.",
  'files.establishment_busy':
    "Votre établissement a déjà des fichiers en cours d'envoi ou d'analyse, ou des analyses en attente de confirmation : importez ou annulez une analyse en cours, ou réessayez dans un instant.",
} as const;
