/** French messages of the scenarios module's error codes (`scenarios.<reason>`); merged into ERROR_MESSAGES. */
export const SCENARIOS_ERRORS = {
  'scenarios.not_found': 'Ce scénario est introuvable.',
  'scenarios.attachment_not_found': 'Cette pièce jointe est introuvable.',
  'scenarios.not_author': "Seul l'auteur de ce scénario peut le modifier, le supprimer ou y joindre des fichiers.",
  'scenarios.version_conflict':
    "Ce scénario a été modifié entre-temps (dans un autre onglet ou sur un autre appareil). Rechargez-le pour voir la version actuelle avant de modifier.",
  'scenarios.invalid_link': "Un lien n'est pas une adresse web valide : il doit commencer par http:// ou https://.",
  'scenarios.unknown_competency': "Une compétence choisie n'existe pas dans les référentiels de l'établissement.",
  'scenarios.duplicate_competency': 'Une même compétence est choisie deux fois.',
  'scenarios.too_many_attachments': 'Ce scénario a déjà le nombre maximal de pièces jointes.',
} as const;
