import { credentialMails } from '../mail/mail.templates.ts';

/** The two mails of a password reset by the administrator (docs/design.md §4: login in one, password in the other). */
export function passwordResetMails(p: { establishmentName: string; loginUrl: string; login: string; password: string; firstName: string; lastName: string }) {
  return credentialMails({ ...p, reason: 'reset' });
}
