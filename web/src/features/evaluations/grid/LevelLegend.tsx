import { LEVELS } from '@cerise/common';
import { Tooltip } from '@mantine/core';
import { memo } from 'react';
import { t } from '../../../app/i18n/t.ts';
import classes from './grid-panels.module.css';

/** The six levels with their key, colour, letters and the guide's meaning (also as a tooltip). */
export const LevelLegend = memo(function LevelLegend() {
  return (
    <section aria-labelledby="evaluations-legend">
      <h2 id="evaluations-legend" className={classes.smallHeading}>
        {t('evaluations.grid.legend')}
      </h2>
      <ul className={classes.legend}>
        {LEVELS.map((l) => (
          <li key={l.level}>
            <Tooltip label={l.meaning} multiline w={280} withArrow>
              <span className={classes.legendItem} tabIndex={0}>
                <span className={classes.swatch} style={{ background: l.color, color: l.text }} aria-hidden="true">
                  {l.short}
                </span>
                <span>
                  <kbd className={classes.kbd}>{l.key}</kbd> <span className={classes.visuallyHidden}>{t('evaluations.grid.legendKey', { key: l.key })} : </span>
                  <strong>{l.label}</strong>
                </span>
              </span>
            </Tooltip>
          </li>
        ))}
      </ul>
    </section>
  );
});
