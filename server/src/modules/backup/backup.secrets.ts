import type { SiecleImportReport } from '@cerise/common';
import { hasInitialPasswords, withoutInitialPasswords } from '../siecle/siecle.passwords.ts';

/**
 * What a backup never carries (docs/security.md): the initial passwords of import reports (whatever
 * their age: they are printed from the live report, and « Accès parents, accès apprenants »
 * issues new ones) and the secrets of queued mails.
 */
export function withoutSecrets(table: string, row: object): object {
  if (table === 'import_runs') {
    const r = row as { report: string | null };
    if (!r.report) return row;
    const report = JSON.parse(r.report) as SiecleImportReport;
    return hasInitialPasswords(report) ? { ...row, report: JSON.stringify(withoutInitialPasswords(report)) } : row;
  }
  if (table === 'mail_outbox') return { ...row, secret: null };
  return row;
}
