import { SECRET_PLACEHOLDER } from '../mail/mail.secrets.ts';

/** The "Mot de passe oublié" mail: a single-use link, valid one hour. */
export function passwordResetLinkMail(p: { establishmentName: string; link: string; login: string; firstName: string; lastName: string }) {
  return {
    kind: 'password_reset.link',
    secret: p.link,
    subject: `Cerise Pro — réinitialisation de votre mot de passe (${p.establishmentName})`,
    text: `Bonjour ${p.firstName} ${p.lastName},\n\nUne réinitialisation du mot de passe Cerise Pro du compte « ${p.login} » (${p.establishmentName}) a été demandée.\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n${SECRET_PLACEHOLDER}\n\nLe lien ne sert qu'une fois. Si vous n'êtes pas à l'origine de cette demande, ignorez ce courriel : votre mot de passe actuel reste valable.\n\nCerise Pro`,
  };
}
