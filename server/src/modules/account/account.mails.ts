/** The notice sent to the former address when an account's address changes. */
export function emailChangedNoticeMail(p: { establishmentName: string; login: string; firstName: string; lastName: string; newEmail: string }) {
  return {
    kind: 'account.email_changed',
    subject: `Cerise Pro — l'adresse électronique de votre compte a changé (${p.establishmentName})`,
    text: `Bonjour ${p.firstName} ${p.lastName},\n\nL'adresse électronique du compte Cerise Pro « ${p.login} » (${p.establishmentName}) vient d'être remplacée par ${p.newEmail}. Les liens de réinitialisation du mot de passe envoyés auparavant ne fonctionnent plus.\n\nSi vous n'êtes pas à l'origine de ce changement, prévenez sans attendre l'administrateur Cerise Pro de votre établissement : quelqu'un utilise peut-être votre compte.\n\nCerise Pro`,
  };
}
