import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Unicode fonts for every PDF (DejaVu Sans, shipped by the `dejavu-fonts-ttf` npm package, so a
 * fresh machine has them): names with any accent, apostrophe or non-Latin letter print as the
 * screen shows them. With pdfkit: `doc.registerFont('body', PDF_FONTS.regular)`.
 */
const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const PDF_FONTS = {
  regular: path.join(dir, 'DejaVuSans.ttf'),
  bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
  oblique: path.join(dir, 'DejaVuSans-Oblique.ttf'),
  condensed: path.join(dir, 'DejaVuSansCondensed.ttf'),
  condensedBold: path.join(dir, 'DejaVuSansCondensed-Bold.ttf'),
} as const;
