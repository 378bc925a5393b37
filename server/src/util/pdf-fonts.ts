import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * Unicode fonts for every PDF (DejaVu, shipped by the `dejavu-fonts-ttf` npm package, so a fresh
 * machine has them): names with any accent, apostrophe or non-Latin letter print as the screen
 * shows them. With pdfkit: `registerPdfFonts(doc)` then `doc.font('body' | 'bold' | …)`, and pass
 * every text a person typed through `printable()`.
 */
const require = createRequire(import.meta.url);
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const PDF_FONTS = {
  regular: path.join(dir, 'DejaVuSans.ttf'),
  bold: path.join(dir, 'DejaVuSans-Bold.ttf'),
  oblique: path.join(dir, 'DejaVuSans-Oblique.ttf'),
  condensed: path.join(dir, 'DejaVuSansCondensed.ttf'),
  condensedBold: path.join(dir, 'DejaVuSansCondensed-Bold.ttf'),
  mono: path.join(dir, 'DejaVuSansMono.ttf'),
  monoBold: path.join(dir, 'DejaVuSansMono-Bold.ttf'),
} as const;

type FontRegistry = { registerFont(name: string, src: string): unknown };

/** Registers the fonts under the names `body`, `bold`, `italic`, `mono`, `monoBold`. */
export function registerPdfFonts<T extends FontRegistry>(doc: T): T {
  doc.registerFont('body', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  doc.registerFont('italic', PDF_FONTS.oblique);
  doc.registerFont('mono', PDF_FONTS.mono);
  doc.registerFont('monoBold', PDF_FONTS.monoBold);
  return doc;
}

/** Shown instead of a character the font cannot draw (an emoji…): visible, never silently dropped. */
export const MISSING_GLYPH = '□';

type GlyphTest = { hasGlyphForCodePoint(codePoint: number): boolean };
let regularFont: GlyphTest | undefined;
function font(): GlyphTest {
  regularFont ??= fontkit.create(fs.readFileSync(PDF_FONTS.regular)) as unknown as GlyphTest;
  return regularFont;
}

/**
 * The text as DejaVu Sans can print it: NFC, control characters removed, each character the font
 * lacks replaced by MISSING_GLYPH (one per character, so its neighbours stay).
 */
export function printable(text: string): string {
  const f = font();
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t') out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) continue;
    else if (code === 0xfe0f || code === 0x200d) continue; // emoji variation selector and joiner
    else out += f.hasGlyphForCodePoint(code) ? ch : MISSING_GLYPH;
  }
  return out;
}
