/** French messages of the evaluations module's error codes (`evaluations.<reason>`); merged into ERROR_MESSAGES. */
export const EVALUATIONS_ERRORS = {
  'evaluations.not_found': 'Cette évaluation est introuvable.',
  'evaluations.read_only':
    "Vous pouvez consulter cette évaluation mais pas la modifier : seuls son auteur et ses co-auteurs le peuvent.",
  'evaluations.author_only': "Seul l'auteur de l'évaluation peut choisir ses co-auteurs ou la supprimer.",
  'evaluations.version_conflict':
    "Quelqu'un d'autre a modifié cette évaluation entre-temps. Rechargez-la pour voir la version actuelle.",
  'evaluations.comment_conflict':
    "Quelqu'un d'autre a modifié ce commentaire entre-temps. Rechargez l'évaluation pour voir sa version actuelle.",
  'evaluations.results_would_be_lost':
    'Cette modification supprimerait des résultats déjà saisis. Confirmez-la pour continuer.',
  'evaluations.unknown_competency': "Une des compétences choisies est introuvable dans les référentiels de l'établissement.",
  'evaluations.unknown_learner':
    "Un des apprenants choisis est introuvable, ou vous ne l'avez pas en classe cette année scolaire.",
  'evaluations.unknown_coauthor': "Un des co-auteurs choisis n'est pas un enseignant de l'établissement.",
  'evaluations.unknown_scenario': 'Le scénario indiqué est introuvable.',
  'evaluations.learner_not_in_evaluation': "Cet apprenant ne fait pas partie de cette évaluation.",
} as const;
