import { errorMessage, MASTERY_METHOD_LABELS, MASTERY_METHODS, MASTERY_STATE_LABELS, type EstablishmentSettings } from '@cerise/common';
import { Alert, Box, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';
import { computeMastery, EXAMPLE_EVIDENCE, LEVEL_VALUES, thresholdsProblem, type MasteryResult } from './mastery-example.ts';

const STATE_CLASS: Record<MasteryResult['state'], string> = {
  not_acquired: 'mastery-bar-fill--not-acquired',
  in_progress: 'mastery-bar-fill--in-progress',
  acquired: 'mastery-bar-fill--acquired',
  insufficient: '',
};

function resultText(r: MasteryResult, withState: boolean): string {
  if (r.percent === null) return t('settings.example.insufficient');
  if (!withState) return t('settings.example.percentOnly', { percent: r.percent });
  return t('settings.example.result', { percent: r.percent, state: MASTERY_STATE_LABELS[r.state] });
}

/**
 * What each method makes of the same small series of results, drawn as bars with the numbers
 * written beside them; it follows the form as it is typed. Thresholds out of order give no state:
 * the example then says so, with the message of the save, and shows the percentages only.
 */
export function MasteryExample({ mastery }: { mastery: EstablishmentSettings['mastery'] }) {
  const problem = thresholdsProblem(mastery);
  return (
    <section aria-labelledby="mastery-example-title" className="mastery-example">
      <Title order={3} size="h5" id="mastery-example-title" mb="xs">
        {t('settings.example.title')}
      </Title>
      <Text size="sm" mb="xs">
        {t('settings.example.seriesIntro')}
      </Text>
      <ol className="mastery-series">
        {EXAMPLE_EVIDENCE.map((e, i) => {
          const value = LEVEL_VALUES[e.level];
          return (
            <li key={i}>
              {t(`settings.example.levels.${e.level}`)}
              {value === null ? (
                <Text span size="sm" c="dimmed">
                  {' '}
                  {t('settings.example.notCounted')}
                </Text>
              ) : (
                <>
                  {' '}
                  ({value} %)
                  {e.conditions > 0 && (e.level === 'total' || e.level === 'partial') && (
                    <Text span size="sm">
                      {' '}
                      {t('settings.example.conditions', { count: e.conditions })}
                    </Text>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
      {problem ? (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} mt="sm" mb="xs" title={t('settings.example.noStatesTitle')}>
          {errorMessage(problem)} {t('settings.example.noStates')}
        </Alert>
      ) : (
        <Text size="sm" mt="sm" mb="xs">
          {t('settings.example.barsIntro', { inProgress: mastery.inProgressThreshold, acquired: mastery.acquiredThreshold })}
        </Text>
      )}
      <ul className="mastery-bars">
        {MASTERY_METHODS.map((method) => {
          const r = computeMastery(EXAMPLE_EVIDENCE, method, mastery);
          const chosen = method === mastery.method;
          return (
            <li key={method} className={chosen ? 'mastery-bar mastery-bar--chosen' : 'mastery-bar'}>
              <Text size="sm" fw={chosen ? 700 : 400}>
                {MASTERY_METHOD_LABELS[method]}
                {chosen && ` ${t('settings.example.chosen')}`}
              </Text>
              <div className="mastery-bar-row">
                <Box className="mastery-bar-track" aria-hidden="true">
                  <div className={`mastery-bar-fill ${problem ? '' : STATE_CLASS[r.state]}`} style={{ width: `${r.percent ?? 0}%` }} />
                  {!problem && (
                    <>
                      <div className="mastery-bar-threshold" style={{ left: `${mastery.inProgressThreshold}%` }} />
                      <div className="mastery-bar-threshold" style={{ left: `${mastery.acquiredThreshold}%` }} />
                    </>
                  )}
                </Box>
                <Text size="sm" className="mastery-bar-value" fw={chosen ? 700 : 400}>
                  {resultText(r, problem === null)}
                </Text>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
