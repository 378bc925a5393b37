import { type SiecleImportReport } from '@cerise/common/imports.schemas';
import { parseSettings } from '@cerise/common/settings';
import type { Deps } from '../../deps.ts';
import { listEstablishmentSettings } from './siecle.runs.repository.ts';
import * as runs from './siecle.runs.repository.ts';
import { unpackReport } from './report-storage.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Where the report sends people once its initial passwords have expired. */
export const EXPIRED_PASSWORDS_NOTE =
  'Mots de passe provisoires expirés (durée de conservation réglée dans Paramètres) : pour en remettre, utilisez « Accès parents, accès apprenants ».';

/** The report without its initial passwords, marked as expired. */
export function withoutInitialPasswords(report: SiecleImportReport): SiecleImportReport {
  return {
    ...report,
    initialPasswordsExpired: true,
    accounts: report.accounts.map((a) => ({ ...a, initialPassword: '' })),
    people: report.people.map((p) => ({ ...p, initialPassword: null })),
  };
}

export function hasInitialPasswords(report: SiecleImportReport): boolean {
  return report.accounts.some((a) => a.initialPassword !== '') || report.people.some((p) => p.initialPassword !== null);
}

/** Whether a report applied at `appliedAt` is past the establishment's retention. */
export function passwordsExpired(settingsJson: string | null, appliedAt: string | null, now: Date): boolean {
  if (!appliedAt) return false;
  const days = parseSettings(settingsJson).initialPasswordsRetentionDays;
  return now.getTime() - Date.parse(appliedAt) >= days * DAY_MS;
}

/**
 * Drops the initial passwords of the stored reports past their retention (docs/security.md). Runs at
 * start-up and daily; reading a report applies the same rule, so nothing depends on its timing.
 */
export async function purgeExpiredInitialPasswords(deps: Deps): Promise<number> {
  let purged = 0;
  for (const est of await listEstablishmentSettings(deps.db)) {
    for (const run of await runs.listAppliedReports(deps.db, est.id)) {
      if (!passwordsExpired(est.settings, run.applied_at, deps.now())) continue;
      const report = JSON.parse(await unpackReport(run.report)) as SiecleImportReport;
      if (!hasInitialPasswords(report)) continue;
      await runs.replaceReport(deps.db, run.id, withoutInitialPasswords(report));
      purged++;
    }
  }
  if (purged > 0) deps.log.info({ event: 'imports.initial_passwords_purged', reports: purged }, 'expired initial passwords purged');
  return purged;
}
