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

/** The bytes of an upload (read from its file, if it is on disk). */
export function uploadBytes(upload: UploadedFile): Uint8Array {
  if ('bytes' in upload) return upload.bytes;
  let buf: Buffer;
  try {
    buf = fs.readFileSync(upload.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw conflict('siecle.run_expired', 'Les fichiers de cette analyse ne sont plus disponibles. Déposez-les à nouveau.');
    throw e;
  }
  // A plain Uint8Array over the same memory (Buffer's `slice` would not copy).
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
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
