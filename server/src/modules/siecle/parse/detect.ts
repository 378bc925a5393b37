/**
 * What is this upload? By content, never by name (docs/siecle-formats.md §0.2): magic bytes for ZIP and PDF,
 * then the XML root element for the three exports.
 */
import { SiecleFileError } from './errors.ts';
import { SIECLE_ROOTS, type SiecleKind } from './types.ts';
import { streamXml, type XmlRoot } from './xml-stream.ts';

export type UploadFormat = 'zip' | 'pdf' | 'xml';

/** `zip` (local header or the empty archive's end record), `pdf`, otherwise assumed `xml`. */
export function sniffUploadFormat(bytes: Uint8Array): UploadFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) {
    return 'zip';
  }
  // %PDF may follow a few junk bytes; PDF readers look in the first 1024.
  const head = String.fromCharCode(...bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  return 'xml';
}

export function kindOfRoot(rootName: string): SiecleKind | null {
  for (const [kind, root] of Object.entries(SIECLE_ROOTS) as [SiecleKind, string][]) {
    if (root === rootName) return kind;
  }
  return null;
}

/** French description of an export, for messages. */
export function describeKind(kind: SiecleKind): string {
  switch (kind) {
    case 'sts':
      return "l'export STSWEB « sts_emp_<UAI>_<année>.xml » (élément STS_EDT)";
    case 'eleves':
      return "l'export SIECLE des élèves « ElevesSansAdresses.xml » (élément BEE_ELEVES)";
    case 'responsables':
      return "l'export SIECLE des responsables « ResponsablesAvecAdresses.xml » (élément BEE_RESPONSABLES)";
  }
}

/**
 * The kind of an XML export, reading only up to its root element. Throws `SiecleFileError`:
 * `siecle.wrong_file_type` for a PDF, a ZIP, another XML (EDT_STS, Nomenclature…) or non-XML
 * text; `siecle.malformed_xml`, `siecle.doctype_forbidden`, `siecle.encoding_unsupported`… for
 * a broken prologue.
 */
export function detectSiecleKind(bytes: Uint8Array, fileName: string): SiecleKind {
  const root = readRoot(bytes, fileName);
  const kind = kindOfRoot(root.name);
  if (!kind) throw wrongFileType(fileName, root, null);
  return kind;
}

/** Root element of an XML upload (refusing PDF and ZIP first). */
export function readRoot(bytes: Uint8Array, fileName: string): XmlRoot {
  const format = sniffUploadFormat(bytes);
  if (format === 'pdf') {
    throw new SiecleFileError('siecle.wrong_file_type', fileName, "ce fichier est un PDF et non un export XML : un export SIECLE ou STSWEB est attendu.");
  }
  if (format === 'zip') {
    throw new SiecleFileError('siecle.wrong_file_type', fileName, 'ce fichier est une archive ZIP et non un fichier XML.');
  }
  const { root } = streamXml(bytes, { fileName, onRoot: () => false });
  if (!root) {
    throw new SiecleFileError('siecle.wrong_file_type', fileName, "ce fichier ne contient aucun élément XML : ce n'est pas un export SIECLE ou STSWEB.");
  }
  return root;
}

/** Throws unless `root` is the root of `expected`. For `streamXml`'s `onRoot`. */
export function expectRoot(root: XmlRoot, expected: SiecleKind, fileName: string): void {
  if (root.name !== SIECLE_ROOTS[expected]) throw wrongFileType(fileName, root, expected);
}

export function wrongFileType(fileName: string, root: XmlRoot, expected: SiecleKind | null): SiecleFileError {
  const wanted = expected ? ` ; ${describeKind(expected)} est attendu ici` : '';
  const actual = kindOfRoot(root.name);
  let reason: string;
  if (actual) {
    reason = `ce fichier est ${describeKind(actual)}${wanted}.`;
  } else if (root.name === 'EDT_STS') {
    reason =
      "ce fichier est l'export de votre logiciel d'emploi du temps vers STSWEB (élément EDT_STS). Il faut l'export de STSWEB vers l'emploi du temps : « sts_emp_<UAI>_<année>.xml » (STSWEB, menu Exports > Emploi du temps).";
  } else if (root.name.startsWith('BEE_')) {
    reason = `ce fichier est un autre export de SIECLE (élément ${root.name})${expected ? wanted : ' ; seuls les exports des élèves (BEE_ELEVES) et des responsables (BEE_RESPONSABLES) sont utilisés'}.`;
  } else {
    reason = `l'élément principal <${root.name}> n'est pas celui d'un export SIECLE ou STSWEB${wanted}.`;
  }
  return new SiecleFileError('siecle.wrong_file_type', fileName, reason, root.line);
}
