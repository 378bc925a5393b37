/** The French texts of the evaluations feature (key `evaluations.…` of the catalogue). */
export const evaluationsFr = {
  placeholder: 'Bientôt disponible',
} as const;
