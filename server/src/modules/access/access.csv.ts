import { stringify } from 'csv-stringify/sync';

/**
 * CSV for French spreadsheets (docs/design.md §2): `;` separator, UTF-8 with a BOM (Excel then reads
 * the accents right), CRLF line ends, fields quoted when they need it. A cell starting with
 * = + - @ (or a tab or carriage return) gets a leading apostrophe, so that no spreadsheet runs
 * it as a formula (CSV injection).
 */
export function toFrenchCsv(header: string[], rows: (string | null)[][]): Buffer {
  const text = stringify([header, ...rows.map((r) => r.map(neutralizeFormula))], {
    delimiter: ';',
    record_delimiter: 'windows',
    quoted_match: /[;"\r\n]/,
    bom: true,
  });
  return Buffer.from(text, 'utf8');
}

export function neutralizeFormula(value: string | null): string {
  if (value === null) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `aaaa-mm-jj` → `jj/mm/aaaa` (a birth date is a calendar day: no time zone). */
export function frenchDate(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An instant, as `jj/mm/aaaa hh:mm` in Paris time. */
export function frenchDateTime(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : parisDateTime.format(d).replace(',', '');
}

/** Today in Paris, long form: « 28 novembre 2026 ». */
export function frenchLongDate(d: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(d);
}
