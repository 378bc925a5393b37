import type { Profile } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** `2010-03-14` → `14/03/2010` (no time zone: a birth date is a calendar day). */
export function frenchDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An instant in the browser's time zone: `14/03/2026 09:05`. */
export function frenchDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** « Mme Inès MARTIN », without the civility when unknown. */
export function personName(p: { civility?: string | null; firstName: string; lastName: string }, withCivility = false): string {
  const name = `${p.firstName} ${p.lastName}`;
  return withCivility && p.civility ? `${p.civility} ${name}` : name;
}

export function profileLabel(profile: Profile): string {
  return t(`profiles.${profile}`);
}

export function profilesText(profiles: readonly Profile[]): string {
  return profiles.map(profileLabel).join(', ');
}
