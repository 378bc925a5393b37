/** The French texts of the scenarios feature (key `scenarios.…` of the catalogue). */
export const scenariosFr = {
  placeholder: 'Bientôt disponible',
} as const;
