/** French messages of the dashboard module's error codes (`dashboard.<reason>`); merged into ERROR_MESSAGES. */
export const DASHBOARD_ERRORS = {
  'dashboard.learner_not_found': 'Ce tableau de bord est introuvable.',
  'dashboard.division_not_found': 'Cette classe est introuvable.',
  'dashboard.filter_not_found': 'Ce filtre est introuvable.',
  'dashboard.unknown_competency': 'Une des compétences choisies est introuvable dans le référentiel.',
  'dashboard.filter_name_taken': 'Vous avez déjà un filtre de ce nom.',
  'dashboard.version_conflict': 'Ce filtre a été modifié entre-temps (dans un autre onglet ?). Rechargez-le avant de le modifier.',
} as const;
