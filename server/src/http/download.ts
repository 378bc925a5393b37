import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';

/**
 * `Content-Disposition: attachment` with an ASCII fallback name and the exact UTF-8 name
 * (RFC 6266 / RFC 5987), so « Fiche élève.pdf » keeps its accents and no name can break the header.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 150) || 'fichier';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Sends a file to download: never rendered inline, never sniffed, never cached. */
export function sendDownload(
  reply: FastifyReply,
  file: { filename: string; mediaType: string; body: Buffer | Readable | Uint8Array; size?: number },
): FastifyReply {
  reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store');
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  return reply.send(file.body instanceof Uint8Array && !Buffer.isBuffer(file.body) ? Buffer.from(file.body) : file.body);
}
