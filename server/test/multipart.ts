import crypto from 'node:crypto';

/** A multipart/form-data body for app.inject, like a browser's file form. */
export function multipart(files: { field: string; filename: string; content: Uint8Array | string }[]) {
  const boundary = `----cerise${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
