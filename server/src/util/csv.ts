import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet must keep exactly as written: an identifier or a password (`02092007`
 * would lose its 0, `1960-06-24` would become a date). See `textCell`.
 */
export type CsvTextCell = { readonly asText: string };
export type CsvCell = string | number | null | undefined | CsvTextCell;

/** Marks an identifier or password cell: French Excel and LibreOffice keep it as text. */
export const textCell = (value: string | null | undefined): CsvTextCell | null => (value === null || value === undefined || value === '' ? null : { asText: value });

/** A cell that starts like a formula (= + - @ tab CR) gets a leading apostrophe (CSV injection). */
export function neutralizeFormula(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A text cell is written as the formula `="…"`: both Excel and LibreOffice open a CSV with its
 * formulas evaluated, and a string literal evaluates to that very text (no leading zero lost, no
 * date guessed). Nothing else can run: the value sits inside the literal, its quotes doubled.
 * README.md (« Fichiers CSV ») says how this was checked with LibreOffice.
 */
function cellText(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return `="${v.asText.replaceAll('"', '""')}"`;
  return neutralizeFormula(String(v));
}

/**
 * CSV as French spreadsheets expect it (docs/design.md §2): UTF-8 with a BOM (Excel then reads the
 * accents right), `;` separators, CRLF line ends, fields quoted when they need it; formulas
 * neutralised, identifiers and passwords kept as text (`textCell`).
 */
export function toFrenchCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows.map((r) => r.map(cellText))], {
    delimiter: ';',
    record_delimiter: 'windows',
    quoted_match: /[;"\r\n]/,
    bom: true,
  });
}
