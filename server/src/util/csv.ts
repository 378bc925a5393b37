import { stringify } from 'csv-stringify/sync';

/**
 * CSV as French spreadsheets expect it: UTF-8 with a BOM, `;` separators, CRLF line ends, and
 * cells that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with an apostrophe.
 */
export function toFrenchCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  const safe = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  };
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(safe))], { delimiter: ';', record_delimiter: '\r\n', quoted_match: /[";\r\n]/ })}`;
}
