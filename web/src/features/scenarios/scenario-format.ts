import type { SchoolLevel } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** « 3 décembre 2026 ». */
export const frenchDate = (iso: string) => dateFormat.format(new Date(iso));

export const levelLabel = (level: SchoolLevel | null) => (level ? t(`scenarios.levels.${level}`) : t('scenarios.levels.none'));

export const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

/** « 12 Ko », « 1,5 Mo ». */
export function fileSize(bytes: number): string {
  const n = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  return bytes >= 1024 * 1024 ? `${n.format(bytes / 1024 / 1024)} Mo` : `${n.format(Math.max(1, Math.round(bytes / 1024)))} Ko`;
}
