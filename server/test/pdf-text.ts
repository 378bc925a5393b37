import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The text of a PDF as a reader sees it, by poppler's `pdftotext` (Debian package poppler-utils,
 * installed by .ci/run): PDFs with embedded Unicode fonts hold glyph ids, not letters.
 */
export function pdfText(pdf: Buffer | Uint8Array, opts: { layout?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cerise-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return execFileSync('pdftotext', [...(opts.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-']).toString('utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The non-empty lines of a PDF's text, trimmed. */
export function pdfLines(pdf: Buffer | Uint8Array): string[] {
  return pdfText(pdf)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
