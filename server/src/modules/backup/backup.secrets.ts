import type { SiecleImportReport } from '@cerise/common';
import { unpackReportSync } from '../siecle/report-storage.ts';
import { hasInitialPasswords, withoutInitialPasswords } from '../siecle/siecle.passwords.ts';

/**
 * What a backup never carries (docs/security.md): the initial passwords of import reports (whatever
 * their age: they are printed from the live report, and « Accès parents, accès apprenants »
 * issues new ones) and the secrets of queued mails. A report is written as JSON, as a backup always
 * carried it, whether the database keeps it compressed or not (siecle/report-storage.ts).
 */
export function withoutSecrets(table: string, row: object): object {
  if (table === 'import_runs') {
    const r = row as { report: string | null };
    if (!r.report) return row;
    const json = unpackReportSync(r.report);
    const report = JSON.parse(json) as SiecleImportReport;
    if (hasInitialPasswords(report)) return { ...row, report: JSON.stringify(withoutInitialPasswords(report)) };
    return json === r.report ? row : { ...row, report: json };
  }
  if (table === 'mail_outbox') return { ...row, secret: null };
  return row;
}
