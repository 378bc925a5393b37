/** Dates as French spreadsheets and letters show them; the CSV writer itself is util/csv.ts. */

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
