/**
 * The one error the SIECLE parsers throw. Anything else escaping from this folder is a bug.
 *
 * `message` is French and meant for the administrator: it names the file and, when known, the
 * line — « ElevesSansAdresses.xml, ligne 12 : balise fermante inattendue ». `reason` is the same
 * text without the « fichier, ligne N : » prefix, for interfaces that show file and line apart.
 */
export const SIECLE_FILE_ERROR_CODES = [
  /** Not well-formed XML (mismatched or unclosed tag, bad character, truncated file…). */
  'siecle.malformed_xml',
  /** Well-formed, but not the expected export (other root element, PDF, EDT_STS…). */
  'siecle.wrong_file_type',
  /** A DOCTYPE (hence possibly entity declarations: XXE, billion laughs) is present. */
  'siecle.doctype_forbidden',
  /** The file, a ZIP entry, the sum of ZIP entries or one record exceeds its limit. */
  'siecle.too_large',
  /** Not a readable ZIP: corrupt, encrypted, ZIP64, unknown compression, size or CRC mismatch. */
  'siecle.zip_invalid',
  /** A ZIP without any SIECLE/STSWEB XML inside. */
  'siecle.zip_empty',
  /** A ZIP holding two exports of the same kind: we do not guess which one is meant. */
  'siecle.zip_duplicate',
  /** The declared encoding is neither UTF-8, UTF-16 nor ISO-8859-1/-15 (or windows-1252). */
  'siecle.encoding_unsupported',
  /** The file is empty. */
  'siecle.empty_file',
  /** A BEE export (Élèves, Responsables) without its establishment's UAI: every genuine one has it. */
  'siecle.missing_uai',
] as const;

export type SiecleFileErrorCode = (typeof SIECLE_FILE_ERROR_CODES)[number];

export class SiecleFileError extends Error {
  override readonly name = 'SiecleFileError';
  readonly code: SiecleFileErrorCode;
  /** File name as the user knows it (for a ZIP entry: `entry.xml (archive.zip)`). */
  readonly file: string;
  /** 1-based line in the XML, when known. */
  readonly line: number | null;
  /** The French explanation without the file/line prefix. */
  readonly reason: string;

  constructor(code: SiecleFileErrorCode, file: string, reason: string, line: number | null = null) {
    super(`${locate(file, line)} : ${reason}`);
    this.code = code;
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  /** The same error for a file seen from inside an archive, e.g. `eleves.xml (export.zip)`. */
  withFile(file: string): SiecleFileError {
    return new SiecleFileError(this.code, file, this.reason, this.line);
  }

  toJSON(): { code: SiecleFileErrorCode; message: string; file: string; line: number | null } {
    return { code: this.code, message: this.message, file: this.file, line: this.line };
  }
}

/** « fichier.xml, ligne 12 » or « fichier.xml ». */
export function locate(file: string, line: number | null | undefined): string {
  return line == null ? file : `${file}, ligne ${line}`;
}

export function isSiecleFileError(e: unknown): e is SiecleFileError {
  return e instanceof SiecleFileError;
}
