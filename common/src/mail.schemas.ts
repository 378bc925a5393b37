import { z } from 'zod';

/*
 * Courriels en file: GET /api/v1/mails. Without SMTP_URL, mails stay here for the administrator
 * to read (and pass on by hand); with it, this shows what went out and what is retrying.
 */

export const MailListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const MAIL_STATUS_LABELS = { pending: 'En attente', sent: 'Envoyé', failed: 'Échec' } as const;

export const OutboxMailSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  kind: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof OutboxMailSchema>;

export const MailListResponseSchema = z.object({
  items: z.array(OutboxMailSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Another page follows. */
  hasMore: z.boolean(),
  /** False: SMTP_URL is not set, nothing is delivered; the administrator passes the mails on. */
  smtpConfigured: z.boolean(),
});
export type MailListResponse = z.infer<typeof MailListResponseSchema>;
