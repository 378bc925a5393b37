/** The French texts of single sign-on (key `sso.…`): login buttons, refusal page, Paramètres → « Connexion ENT / ÉduConnect ». */
export const ssoFr = {
  title: 'Connexion ENT / ÉduConnect',
} as const;
