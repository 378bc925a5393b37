/** The French texts of the dashboard feature (key `dashboard.…` of the catalogue). */
export const dashboardFr = {
  placeholder: 'Bientôt disponible',
} as const;
