import { LEVEL_BY_CODE, type Evaluation } from '@cerise/common';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { t } from '../../../app/i18n/t.ts';
import type { CellConflict } from './use-results-grid.ts';

const levelText = (l: CellConflict['yours']) => (l ? LEVEL_BY_CODE[l].label : t('evaluations.grid.empty'));

/** The cells someone else changed meanwhile: their value shows; the user keeps it or resends theirs. */
export function ConflictList({ conflicts, evaluation, onResolve }: { conflicts: CellConflict[]; evaluation: Evaluation; onResolve: (key: string, choice: 'mine' | 'theirs') => void }) {
  if (conflicts.length === 0) return null;
  const learner = new Map(evaluation.learners.map((l) => [l.id, `${l.lastName} ${l.firstName}`]));
  const competency = new Map(evaluation.competencies.map((c) => [c.id, c.code]));
  return (
    <Alert color="orange" variant="light" title={t('evaluations.grid.conflictsHeading')} role="alert" mb="md">
      <Text size="sm" mb="xs">
        {t('evaluations.grid.conflictsIntro')}
      </Text>
      <Stack gap="xs">
        {conflicts.map((c) => (
          <Group key={c.key} gap="sm" wrap="wrap">
            <Text size="sm">
              {t('evaluations.grid.conflict', {
                learner: learner.get(c.learnerId) ?? '',
                competency: competency.get(c.columnId) ?? '',
                yours: levelText(c.yours),
                theirs: levelText(c.theirs),
                who: c.recordedBy ? `${c.recordedBy.firstName} ${c.recordedBy.lastName}` : t('evaluations.grid.someoneElse'),
              })}
            </Text>
            <Button size="xs" onClick={() => onResolve(c.key, 'mine')}>
              {t('evaluations.grid.keepMine', { level: levelText(c.yours) })}
            </Button>
            <Button size="xs" variant="default" onClick={() => onResolve(c.key, 'theirs')}>
              {t('evaluations.grid.keepTheirs', { level: levelText(c.theirs) })}
            </Button>
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
