import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';

/**
 * The rows ticked in a `SelectableTable` and the confirmation of an action on them: the rows the
 * dialog speaks of are fixed when it opens; with nothing ticked, the status asks to tick first.
 */
export function useTickedAction<T extends { id: string }>() {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [chosen, setChosen] = useState<T[]>([]);
  const [nothingTicked, setNothingTicked] = useState(false);

  return {
    selected,
    setSelected,
    confirming,
    /** The rows the dialog speaks of. */
    chosen,
    tickedOf: (rows: T[]) => rows.filter((r) => selected.has(r.id)),
    /** Opens the dialog on the ticked rows (after `prepare`), or asks to tick some first. */
    start: (ticked: T[], prepare: () => void) => {
      if (ticked.length === 0) {
        setNothingTicked(true);
        return;
      }
      setNothingTicked(false);
      prepare();
      setChosen(ticked);
      setConfirming(true);
    },
    close: () => setConfirming(false),
    /** The action succeeded: the dialog closes and the ticks clear. */
    finish: () => {
      setConfirming(false);
      setSelected(new Set());
    },
    /** « 2 cochés sur 25 », or `tickFirst` after a click with nothing ticked. */
    statusText: (ticked: T[], total: number, tickFirst: string) =>
      nothingTicked && ticked.length === 0 ? tickFirst : t('access.tickedCount', { count: ticked.length, total }),
  };
}
