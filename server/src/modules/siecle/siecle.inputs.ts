import fs from 'node:fs';
import { AppError, conflict } from '../../http/errors.ts';
import { parseSiecleUpload, SiecleFileError, type ElevesFile, type ResponsablesFile, type SiecleFile, type SiecleKind, type StsFile } from './parse/index.ts';

/**
 * An uploaded file: its bytes (the command line), or the file on disk that holds them (the server:
 * an upload streamed to a temporary file, `temporary`, or the file kept with an analysis), read
 * only where it is parsed — in the worker thread, one file at a time (docs/performance.md,
 * « Ressources bornées »).
 */
export type UploadedFile = { name: string; bytes: Uint8Array } | { name: string; path: string; temporary?: boolean };

/**
 * The school year a file most likely declares, read from its first 64 KiB without parsing it
 * (`<ANNEE_SCOLAIRE>2025</ANNEE_SCOLAIRE>`, STSWEB's `<ANNEE_SCOLAIRE ANNEE="2025">`), or null (a
 * ZIP, another encoding, nothing found). Only a hint: which snapshot to load first, so that the
 * worker usually parses the files once; the year the parser reads is the one used (a wrong hint
 * costs a second pass, as no hint does).
 */
export async function schoolYearHint(upload: UploadedFile | undefined): Promise<string | null> {
  if (!upload) return null;
  let head: Uint8Array;
  if ('bytes' in upload) head = upload.bytes.subarray(0, 65536);
  else {
    const file = await fs.promises.open(upload.path, 'r');
    try {
      const buf = Buffer.alloc(65536);
      head = buf.subarray(0, (await file.read(buf, 0, buf.length, 0)).bytesRead);
    } finally {
      await file.close();
    }
  }
  const m = /<ANNEE_SCOLAIRE(?:\s+ANNEE\s*=\s*["']\s*(\d{4})[^>]*)?>\s*(\d{4})?/.exec(Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1'));
  const year = m?.[1] ?? m?.[2];
  return year ? `${year}-${Number(year) + 1}` : null;
}

/**
 * Files are read into a buffer of at least this size. glibc's malloc maps a large block of its
 * own and unmaps it when freed, but each such block of up to 32 MiB freed raises the size below
 * which it serves blocks from its arenas instead, which keep freed memory resident: a 15.7 MB
 * Élèves file then stayed in the process after every analysis (docs/performance.md « Ressources
 * bornées »). Past 32 MiB a block is always mapped, and given back once collected; the pages past
 * the file's end are never touched, so they cost address space, not memory.
 */
const MAPPED_BUFFER_BYTES = 32 * 1024 * 1024 + 4096;

/** The bytes of an upload (read from its file, if it is on disk). */
export function uploadBytes(upload: UploadedFile): Uint8Array {
  if ('bytes' in upload) return upload.bytes;
  let fd: number;
  try {
    fd = fs.openSync(upload.path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw conflict('siecle.run_expired', 'Les fichiers de cette analyse ne sont plus disponibles. Déposez-les à nouveau.');
    throw e;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(size, MAPPED_BUFFER_BYTES));
    let read = 0;
    for (let n = 1; read < size && n > 0; read += n) n = fs.readSync(fd, buf, read, size - read, read);
    // A plain Uint8Array over the file's bytes (Buffer's `slice` would not copy).
    return new Uint8Array(buf.buffer, buf.byteOffset, read);
  } finally {
    fs.closeSync(fd);
  }
}

const KIND_LABEL: Record<SiecleKind, string> = {
  sts: 'export STSWEB des enseignants (sts_emp_…xml)',
  eleves: 'export des élèves (ElevesSansAdresses.xml ou ElevesAvecAdresses.xml)',
  responsables: 'export des responsables (ResponsablesAvecAdresses.xml)',
};

function wrongSlot(file: SiecleFile, expected: SiecleKind): SiecleFileError {
  return new SiecleFileError('siecle.wrong_file_type', file.fileName, `ce fichier est un ${KIND_LABEL[file.kind]}, alors qu'un ${KIND_LABEL[expected]} est attendu ici. Vérifiez que les fichiers ne sont pas inversés.`);
}

/** The STSWEB export of a teachers' import: one `.xml`, or a `.zip` holding it. */
export function readTeachersInput(upload: UploadedFile): StsFile {
  const { files } = parseSiecleUpload(uploadBytes(upload), upload.name);
  const sts = files.find((f): f is StsFile => f.kind === 'sts');
  const other = files.find((f) => f.kind !== 'sts');
  if (!sts) throw other ? wrongSlot(other, 'sts') : new SiecleFileError('siecle.zip_empty', upload.name, `aucun export STSWEB des enseignants trouvé.`);
  return sts;
}

/**
 * XML files and a ZIP chosen together: refused before anything is read, rather than one of them
 * silently winning (docs/guide.md §3.1.2: the two files, *or* one ZIP holding both).
 */
export function refuseMixedInputs(input: { eleves?: UploadedFile; responsables?: UploadedFile; zip?: UploadedFile }): void {
  const xml = [input.eleves, input.responsables].filter((f): f is UploadedFile => f !== undefined);
  if (!input.zip || xml.length === 0) return;
  const names = xml.map((f) => `« ${f.name} »`).join(' et ');
  throw new AppError(
    400,
    'siecle.mixed_inputs',
    `Vous avez choisi à la fois ${xml.length > 1 ? 'des fichiers XML' : 'un fichier XML'} (${names}) et un fichier ZIP (« ${input.zip.name} ») : choisissez soit les deux fichiers XML, soit le ZIP qui les contient, pas les deux. Aucune donnée n'a été importée.`,
  );
}

/**
 * The BEE exports of a learners' import: the two files in their own fields, or one ZIP holding
 * both (guide: large establishments). A file in the wrong field is refused, never guessed.
 */
export function readLearnersInput(input: { eleves?: UploadedFile; responsables?: UploadedFile; zip?: UploadedFile }): { eleves: ElevesFile; responsables: ResponsablesFile } {
  refuseMixedInputs(input);
  let eleves: ElevesFile | undefined;
  let responsables: ResponsablesFile | undefined;
  if (input.zip) {
    for (const f of parseSiecleUpload(uploadBytes(input.zip), input.zip.name).files) {
      if (f.kind === 'eleves') eleves = f;
      else if (f.kind === 'responsables') responsables = f;
    }
  }
  if (input.eleves) {
    for (const f of parseSiecleUpload(uploadBytes(input.eleves), input.eleves.name).files) {
      if (f.kind !== 'eleves') throw wrongSlot(f, 'eleves');
      eleves = f;
    }
  }
  if (input.responsables) {
    for (const f of parseSiecleUpload(uploadBytes(input.responsables), input.responsables.name).files) {
      if (f.kind !== 'responsables') throw wrongSlot(f, 'responsables');
      responsables = f;
    }
  }
  if (!eleves || !responsables) {
    const missing = !eleves ? 'le fichier des élèves (ElevesSansAdresses.xml)' : 'le fichier des responsables (ResponsablesAvecAdresses.xml)';
    throw new AppError(400, 'siecle.missing_file', `Il manque ${missing} : les deux fichiers sont nécessaires (séparément ou dans un même ZIP).`);
  }
  return { eleves, responsables };
}
