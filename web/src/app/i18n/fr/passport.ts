/** The French texts of the passport feature (key `passport.…` of the catalogue). */
export const passportFr = {
  placeholder: 'Bientôt disponible',
} as const;
