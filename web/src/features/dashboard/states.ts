import { DASHBOARD_STATE_COLORS, type DashboardState } from '@cerise/common';
import { t } from '../../app/i18n/t.ts';

/** A state as people read it. */
export const stateLabel = (s: DashboardState) => t(`dashboard.states.${s}`);

/** « 72 % — Acquis », or the state alone when there is no percentage to show. */
export function stateText(percent: number | null, state: DashboardState): string {
  return percent === null || state === 'insufficient' ? stateLabel(state) : t('dashboard.stateWithPercent', { percent, state: stateLabel(state) });
}

export const stateColor = (s: DashboardState) => DASHBOARD_STATE_COLORS[s];

/** Light cell backgrounds of the heat map (dark text stays readable on them). */
export const HEAT_BACKGROUND: Record<DashboardState, string> = {
  acquired: '#c8e6c9',
  in_progress: '#ffe0b2',
  not_acquired: '#ffcdd2',
  insufficient: '#eeeeee',
};

export const frenchDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
};
