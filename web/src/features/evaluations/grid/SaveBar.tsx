import { Button, Group, Text } from '@mantine/core';
import { IconArrowBackUp, IconArrowForwardUp } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { t } from '../../../app/i18n/t.ts';
import { formatTime } from '../format.ts';
import type { useResultsGrid } from './use-results-grid.ts';

type Grid = ReturnType<typeof useResultsGrid>;

/** Undo and redo, « Enregistrer les résultats », « Enregistrer et revenir à l'accueil », and « Enregistré à 10:42 ». */
export function SaveBar({ grid }: { grid: Grid }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const s = grid.status;
  const statusText =
    s.kind === 'saving'
      ? t('evaluations.grid.status.saving')
      : s.kind === 'saved'
        ? t('evaluations.grid.status.saved', { time: formatTime(s.at) })
        : s.kind === 'retrying'
          ? t('evaluations.grid.status.retrying', { count: s.count })
          : s.kind === 'error'
            ? t('evaluations.grid.status.error', { message: s.message })
            : t('evaluations.grid.status.idle');
  async function saveAndHome() {
    await grid.flush();
    void navigate(`/${me.establishment.uai}/accueil`);
  }
  return (
    <Group gap="sm" mb="sm" wrap="wrap">
      <Button variant="default" onClick={() => grid.undo()} disabled={grid.history.undo.length === 0} leftSection={<IconArrowBackUp size={16} aria-hidden="true" />}>
        {t('evaluations.grid.undo')}
      </Button>
      <Button variant="default" onClick={() => grid.redo()} disabled={grid.history.redo.length === 0} leftSection={<IconArrowForwardUp size={16} aria-hidden="true" />}>
        {t('evaluations.grid.redo')}
      </Button>
      <Button onClick={() => void grid.flush()}>{t('evaluations.grid.save')}</Button>
      <Button variant="default" onClick={() => void saveAndHome()}>
        {t('evaluations.grid.saveAndHome')}
      </Button>
      <Text size="sm" role="status" data-testid="save-status">
        {statusText}
        {grid.unsaved > 0 && s.kind !== 'retrying' ? ` — ${t('evaluations.grid.status.unsaved', { count: grid.unsaved })}` : ''}
      </Text>
    </Group>
  );
}
