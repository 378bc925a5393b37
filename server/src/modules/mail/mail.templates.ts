import { SECRET_PLACEHOLDER } from './mail.secrets.ts';

/**
 * The two credential mails (docs/design.md §4): the login in one, the password in the other. The same
 * pair serves a new account (`credentials.*`) and a reset by the administrator (`password_reset.*`).
 */
export function credentialMails(p: {
  establishmentName: string;
  loginUrl: string;
  login: string;
  password: string;
  firstName: string;
  lastName: string;
  reason?: 'created' | 'reset';
}): { subject: string; text: string; kind: string; secret?: string }[] {
  const hello = `Bonjour ${p.firstName} ${p.lastName},`;
  const reset = p.reason === 'reset';
  const kind = reset ? 'password_reset' : 'credentials';
  const intro = reset
    ? `L'administrateur de Cerise Pro de l'établissement ${p.establishmentName} a réinitialisé votre mot de passe.`
    : `Un compte Cerise Pro a été ouvert pour vous à l'établissement ${p.establishmentName}.`;
  const next = reset
    ? 'Votre nouveau mot de passe provisoire vous parvient dans un second courriel.'
    : 'Votre mot de passe vous parvient dans un second courriel.';
  const after = reset
    ? 'Il remplace le précédent. Vous devrez en choisir un nouveau à votre prochaine connexion.'
    : 'Vous devrez en choisir un nouveau à votre première connexion.';
  return [
    {
      kind: `${kind}.login`,
      subject: `Cerise Pro — votre identifiant (${p.establishmentName})`,
      text: `${hello}\n\n${intro}\n\nAdresse de connexion : ${p.loginUrl}\nIdentifiant : ${p.login}\n\n${next}\n\nCerise Pro`,
    },
    {
      kind: `${kind}.password`,
      subject: `Cerise Pro — votre mot de passe (${p.establishmentName})`,
      text: `${hello}\n\nVotre mot de passe provisoire Cerise Pro : ${SECRET_PLACEHOLDER}\n\n${after}\n\nCerise Pro`,
      secret: p.password,
    },
  ];
}
