/**
 * The database-free part of the SIECLE import: bytes in, typed records out (see types.ts).
 *
 * Entry points:
 * - `parseSiecleUpload(bytes, fileName)`: an uploaded `.xml` or `.zip`, any kind, each file
 *   recognised by its content;
 * - `parseSiecleXml(bytes, fileName, expected?)`: one XML, optionally of an expected kind;
 * - `parseStsEmp`, `parseEleves`, `parseResponsables`: one XML of a known kind.
 * Everything throws only `SiecleFileError` for bad input.
 */
import { kindOfRoot, readRoot, sniffUploadFormat, wrongFileType } from './detect.ts';
import { parseEleves } from './eleves.parser.ts';
import { parseResponsables } from './responsables.parser.ts';
import { parseStsEmp } from './sts.parser.ts';
import { cleanFileNames } from './names.ts';
import type { SiecleFile, SiecleKind } from './types.ts';
import { extractSiecleZip } from './zip.ts';

export * from './types.ts';
export { SiecleFileError, SIECLE_FILE_ERROR_CODES, isSiecleFileError, type SiecleFileErrorCode } from './errors.ts';
export { detectSiecleKind, sniffUploadFormat, describeKind, type UploadFormat } from './detect.ts';
export { parseEleves, learnerStatus, learnerWithoutDivisionWarning } from './eleves.parser.ts';
export { parseResponsables } from './responsables.parser.ts';
export { parseStsEmp, staffKind } from './sts.parser.ts';
export { extractSiecleZip, type SiecleZipContents, type SiecleZipEntry } from './zip.ts';
export type { DecodingInfo, SiecleEncoding, EncodingRepair } from './decode.ts';
export * from './limits.ts';

/** Parse one XML export; with `expected`, refuse any other kind (« fichiers inversés »). */
export function parseSiecleXml(bytes: Uint8Array, fileName: string, expected?: SiecleKind): SiecleFile {
  const root = readRoot(bytes, fileName);
  const kind = kindOfRoot(root.name);
  if (!kind || (expected && kind !== expected)) throw wrongFileType(fileName, root, expected ?? null);
  const file = kind === 'sts' ? parseStsEmp(bytes, fileName) : kind === 'eleves' ? parseEleves(bytes, fileName) : parseResponsables(bytes, fileName);
  cleanFileNames(file);
  return file;
}

export interface SiecleUpload {
  /** Parsed files, in archive order (one for a plain XML). */
  files: SiecleFile[];
  /** ZIP entries left aside, with the French reason. */
  skipped: { name: string; reason: string }[];
}

/** An uploaded `.xml` or `.zip` (recognised by content, not by name). */
export function parseSiecleUpload(bytes: Uint8Array, fileName: string): SiecleUpload {
  if (sniffUploadFormat(bytes) === 'zip') {
    const zip = extractSiecleZip(bytes, fileName);
    return { files: zip.entries.map((e) => parseSiecleXml(e.bytes, e.displayName, e.kind)), skipped: zip.skipped };
  }
  return { files: [parseSiecleXml(bytes, fileName)], skipped: [] };
}
