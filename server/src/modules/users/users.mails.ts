/** The two mails of a password reset by the administrator (DESIGN §4: login in one, password in the other). */
export function passwordResetMails(p: {
  establishmentName: string;
  loginUrl: string;
  login: string;
  password: string;
  firstName: string;
  lastName: string;
}): { subject: string; text: string; kind: string }[] {
  const hello = `Bonjour ${p.firstName} ${p.lastName},`;
  return [
    {
      kind: 'password_reset.login',
      subject: `Cerise Pro — votre identifiant (${p.establishmentName})`,
      text: `${hello}\n\nL'administrateur de Cerise Pro de l'établissement ${p.establishmentName} a réinitialisé votre mot de passe.\n\nAdresse de connexion : ${p.loginUrl}\nIdentifiant : ${p.login}\n\nVotre nouveau mot de passe provisoire vous parvient dans un second courriel.\n\nCerise Pro`,
    },
    {
      kind: 'password_reset.password',
      subject: `Cerise Pro — votre mot de passe (${p.establishmentName})`,
      text: `${hello}\n\nVotre mot de passe provisoire Cerise Pro : ${p.password}\n\nIl remplace le précédent. Vous devrez en choisir un nouveau à votre prochaine connexion.\n\nCerise Pro`,
    },
  ];
}
