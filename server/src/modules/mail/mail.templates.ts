/** The two credential mails (DESIGN §4): the login in one, the password in the other. */
export function credentialMails(p: {
  to: string;
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
      kind: 'credentials.login',
      subject: `Cerise Pro — votre identifiant (${p.establishmentName})`,
      text: `${hello}\n\nUn compte Cerise Pro a été ouvert pour vous à l'établissement ${p.establishmentName}.\n\nAdresse de connexion : ${p.loginUrl}\nIdentifiant : ${p.login}\n\nVotre mot de passe vous parvient dans un second courriel.\n\nCerise Pro`,
    },
    {
      kind: 'credentials.password',
      subject: `Cerise Pro — votre mot de passe (${p.establishmentName})`,
      text: `${hello}\n\nVotre mot de passe provisoire Cerise Pro : ${p.password}\n\nVous devrez en choisir un nouveau à votre première connexion.\n\nCerise Pro`,
    },
  ];
}
