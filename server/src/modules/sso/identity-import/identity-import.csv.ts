/**
 * Reading the CSV an ENT exports (docs/sso.md « Import des identifiants ENT »): UTF-8 with or
 * without BOM, or Windows-1252 (what Excel saves); `;`, `,` or tab separated; then the mapping
 * turns each line into (ENT id, names, SIECLE id, INE). Parsed by csv-parse.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { ColumnRef, IdentityImportMapping } from '@cerise/common';

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export class IdentityCsvError extends Error {
  constructor(
    readonly code: 'sso.import_empty_file' | 'sso.import_unreadable_file' | 'sso.import_too_many_rows' | 'sso.import_unknown_column',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface CsvTable {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',' | '\t';
  /** Every non-empty line, cells trimmed. */
  lines: string[][];
  /** The line number in the file of each entry of `lines` (1-based). */
  lineNumbers: number[];
}

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), otherwise Windows-1252. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
  let b = bytes;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) b = b.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(b), 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** The separator that splits the first lines most consistently (quotes ignored roughly). */
export function sniffDelimiter(text: string): CsvTable['delimiter'] {
  const head = text.split(/\r?\n/, 5).filter((l) => l.trim() !== '');
  let best: CsvTable['delimiter'] = ';';
  let bestScore = -1;
  for (const d of [';', ',', '\t'] as const) {
    const counts = head.map((l) => l.split(d).length - 1);
    const min = counts.length ? Math.min(...counts) : 0;
    if (min > bestScore) {
      best = d;
      bestScore = min;
    }
  }
  return best;
}

export function readCsv(bytes: Uint8Array): CsvTable {
  if (bytes.length === 0) throw new IdentityCsvError('sso.import_empty_file', 'empty');
  const { text, encoding } = decodeCsv(bytes);
  const delimiter = sniffDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      to: MAX_IMPORT_ROWS + 10,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    throw new IdentityCsvError('sso.import_unreadable_file', e instanceof Error ? e.message.slice(0, 200) : 'csv');
  }
  const lines = records.map((r) => r.record);
  if (lines.length === 0) throw new IdentityCsvError('sso.import_empty_file', 'no line');
  if (lines.length > MAX_IMPORT_ROWS + 5) throw new IdentityCsvError('sso.import_too_many_rows', String(lines.length));
  return { encoding, delimiter, lines, lineNumbers: records.map((r) => r.info.lines) };
}

/** Header text compared without case, accents or spaces: « Prénom » = « PRENOM ». */
export const foldHeader = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

export interface MappedLine {
  line: number;
  idEnt: string;
  lastName: string;
  firstName: string;
  sconetId: string;
  ine: string;
  /** The profile the line names, when the file has a profile column and it reads as one. */
  profile: 'learner' | 'parent' | 'teacher' | null;
}

/** « Élève », « ELEVE », « National_1 » → learner; « Parent », « Responsable » → parent; « Enseignant » → teacher. */
export function profileOfCell(value: string): MappedLine['profile'] {
  const v = foldHeader(value);
  if (/eleve|apprenant|student|national1$/.test(v)) return 'learner';
  if (/parent|responsable|tuteur|national2$/.test(v)) return 'parent';
  if (/enseignant|professeur|teacher|national3$/.test(v)) return 'teacher';
  return null;
}

/** Column labels for the mapping screen: the header cells, or « Colonne N ». */
export function columnsOf(table: CsvTable, headerRows: number): string[] {
  const width = Math.max(0, ...table.lines.slice(0, 50).map((l) => l.length));
  const header = headerRows > 0 ? table.lines[headerRows - 1] ?? [] : [];
  return Array.from({ length: width }, (_, i) => header[i] || `Colonne ${i + 1}`);
}

function resolve(ref: ColumnRef | null, header: string[], field: string): number | null {
  if (ref === null) return null;
  if (typeof ref === 'number') return ref;
  const i = header.findIndex((h) => foldHeader(h) === foldHeader(ref));
  if (i < 0) throw new IdentityCsvError('sso.import_unknown_column', `${field}: ${ref}`);
  return i;
}

/** Apply the mapping: one entry per data line (line numbers count every line of the file). */
export function mapLines(table: CsvTable, mapping: IdentityImportMapping): MappedLine[] {
  const header = mapping.headerRows > 0 ? table.lines[mapping.headerRows - 1] ?? [] : [];
  const col = {
    idEnt: resolve(mapping.idEnt, header, 'idEnt'),
    lastName: resolve(mapping.lastName, header, 'lastName'),
    firstName: resolve(mapping.firstName, header, 'firstName'),
    sconetId: resolve(mapping.sconetId, header, 'sconetId'),
    ine: resolve(mapping.ine, header, 'ine'),
    profile: resolve(mapping.profile, header, 'profile'),
  };
  const cell = (row: string[], i: number | null) => (i === null ? '' : (row[i] ?? '').trim().slice(0, 255));
  return table.lines.slice(mapping.headerRows).map((row, k) => ({
    line: table.lineNumbers[mapping.headerRows + k] ?? mapping.headerRows + k + 1,
    idEnt: cell(row, col.idEnt),
    lastName: cell(row, col.lastName),
    firstName: cell(row, col.firstName),
    sconetId: cell(row, col.sconetId),
    ine: cell(row, col.ine).toUpperCase(),
    profile: profileOfCell(cell(row, col.profile)),
  }));
}
