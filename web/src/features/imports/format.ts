import { SIECLE_IMPORT_COUNT_KINDS, type SiecleImportCountKind, type SiecleImportCounts } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';
import type { ImportKind } from './imports.api.ts';

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });

/** « 850 o », « 12,5 Ko », « 3,2 Mo » (French units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t('imports.units.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('imports.units.kilobytes', { n: decimal.format(bytes / 1024) });
  return t('imports.units.megabytes', { n: decimal.format(bytes / (1024 * 1024)) });
}

/** « 28/11/2026 11:53 ». */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(date: Date): string {
  return time.format(date);
}

/** The kinds of counts an import of this kind may change, in the order of the guide. */
export function countKindsOf(kind: ImportKind): readonly SiecleImportCountKind[] {
  return kind === 'teachers' ? ['divisions', 'groups', 'teachers', 'heads'] : ['divisions', 'groups', 'learners', 'parents'];
}

export const ALL_COUNT_KINDS = SIECLE_IMPORT_COUNT_KINDS;

/** « 3 divisions, 12 enseignants », the non-zero counts only; « aucun » when all are zero. */
export function describeCounts(counts: SiecleImportCounts): string {
  const parts = SIECLE_IMPORT_COUNT_KINDS.filter((k) => counts[k] > 0).map((k) => t(`imports.countNouns.${k}`, { count: counts[k] }));
  return parts.length > 0 ? parts.join(', ') : t('imports.none');
}

export function totalOf(counts: SiecleImportCounts): number {
  return SIECLE_IMPORT_COUNT_KINDS.reduce((sum, k) => sum + counts[k], 0);
}

/** Lower case, without accents: « Élève » and « eleve » match. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}
