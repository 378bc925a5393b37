/*
 * A mail's secret (reset link, temporary password) is stored apart from its text: the text
 * holds this placeholder, the dispatcher puts the secret in when sending and then drops it,
 * and the outbox screen shows a note in its place (docs/security.md).
 */
export const SECRET_PLACEHOLDER = '⟦secret⟧';

export const WITHHELD_SENT = '[masqué : envoyé par courriel, jamais conservé ni affiché]';
export const WITHHELD_PENDING =
  "[masqué : ce secret n'est transmis que par courriel, il n'est jamais affiché. Si ce courriel ne peut pas partir, faites une nouvelle réinitialisation et remettez le courrier d'accès (Accès parents, accès apprenants)]";

/** The text to send: the placeholder replaced by the secret. */
export function textToSend(text: string, secret: string | null): string {
  return text.split(SECRET_PLACEHOLDER).join(secret ?? WITHHELD_SENT);
}

/** The text to show: the placeholder replaced by a note, never by the secret. */
export function textToShow(text: string, status: string): string {
  return text.split(SECRET_PLACEHOLDER).join(status === 'sent' ? WITHHELD_SENT : WITHHELD_PENDING);
}
