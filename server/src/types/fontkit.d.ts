// fontkit ships no types; the one call Cerise Pro makes (glyph coverage of the PDF font).
declare module 'fontkit' {
  export function create(buffer: Buffer): unknown;
}
