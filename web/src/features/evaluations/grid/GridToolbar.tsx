import type { Evaluation } from '@cerise/common';
import { Button, Group, Menu, SegmentedControl, Switch, Text } from '@mantine/core';
import { IconMenu2 } from '@tabler/icons-react';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { memo, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorText } from '../../../app/api.ts';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { downloadFile } from '../../../app/download.ts';
import { t } from '../../../app/i18n/t.ts';
import { evaluationKeys } from '../evaluations.api.ts';
import { keyOf, toTsv } from './grid-model.ts';
import type { useResultsGrid } from './use-results-grid.ts';

type Grid = ReturnType<typeof useResultsGrid>;
type Props = {
  evaluation: Evaluation;
  flush: Grid['flush'];
  currentValues: Grid['currentValues'];
  readOnly: boolean;
  transposed: boolean;
  onTranspose: () => void;
  advance: 'down' | 'right';
  onAdvance: (a: 'down' | 'right') => void;
  onMessage: (text: string) => void;
};

/**
 * Around the grid: visibility, display, direction, the menu (docs/guide.md § 3.6.2). Its props do not
 * change while typing, so it does not re-render on each key (the SaveBar does).
 */
export const GridToolbar = memo(function GridToolbar({ evaluation, flush, currentValues, readOnly, transposed, onTranspose, advance, onAdvance, onMessage }: Props) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const uai = me.establishment.uai;
  const [visibleError, setVisibleError] = useState<string | null>(null);
  const [visible, setVisible] = useState(evaluation.isVisible);
  const narrow = useMediaQuery('(max-width: 36em)');
  const viewLabel = useId();
  const advanceLabel = useId();

  async function toggleVisible(isVisible: boolean) {
    setVisibleError(null);
    setVisible(isVisible);
    try {
      const fresh = await api.patch<Evaluation>(`/api/v1/evaluations/${evaluation.id}`, { version: evaluation.version, isVisible });
      qc.setQueryData(evaluationKeys.one(evaluation.id), { ...evaluation, isVisible: fresh.isVisible, version: fresh.version });
      onMessage(t('evaluations.grid.visibleSaved'));
    } catch (error) {
      setVisible(!isVisible);
      setVisibleError(errorText(error));
    }
  }

  async function goEdit(hash: string) {
    await flush();
    await qc.invalidateQueries({ queryKey: evaluationKeys.one(evaluation.id) });
    void navigate(`/${uai}/evaluations/${evaluation.id}/modifier${hash}`);
  }

  async function copyAll() {
    const header = [t('evaluations.grid.learner'), ...evaluation.competencies.map((c) => c.code)].join('\t');
    const body = evaluation.learners.map((l) => `${l.lastName} ${l.firstName}\t${toTsv([evaluation.competencies.map((c) => currentValues().get(keyOf(l.id, c.id)) ?? null)])}`);
    await navigator.clipboard.writeText([header, ...body].join('\n'));
    onMessage(t('evaluations.grid.copied'));
  }

  async function saveAndHome() {
    await flush();
    void navigate(`/${uai}/accueil`);
  }

  return (
    <>
      <Group gap="lg" mb="sm" wrap="wrap" align="flex-end">
        <Switch
          label={t('evaluations.grid.visible')}
          checked={visible}
          disabled={readOnly}
          onChange={(e) => void toggleVisible(e.currentTarget.checked)}
          error={visibleError ?? undefined}
        />
        <div>
          <Text size="sm" fw={500} id={viewLabel}>
            {t('evaluations.grid.view')}
          </Text>
          <SegmentedControl
            aria-labelledby={viewLabel}
            orientation={narrow ? 'vertical' : 'horizontal'}
            value={transposed ? 'competencies' : 'learners'}
            onChange={(v) => (v === 'competencies') !== transposed && onTranspose()}
            data={[
              { value: 'learners', label: t('evaluations.grid.byLearners') },
              { value: 'competencies', label: t('evaluations.grid.byCompetencies') },
            ]}
          />
        </div>
        <div>
          <Text size="sm" fw={500} id={advanceLabel}>
            {t('evaluations.grid.advance')}
          </Text>
          <SegmentedControl
            aria-labelledby={advanceLabel}
            orientation={narrow ? 'vertical' : 'horizontal'}
            value={advance}
            onChange={(v) => onAdvance(v === 'right' ? 'right' : 'down')}
            data={[
              { value: 'down', label: t('evaluations.grid.advanceDown') },
              { value: 'right', label: t('evaluations.grid.advanceRight') },
            ]}
          />
        </div>
        <Menu position="bottom-start">
          <Menu.Target>
            <Button variant="default" leftSection={<IconMenu2 size={16} aria-hidden="true" />}>
              {t('evaluations.grid.menu')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {!readOnly && (
              <>
                <Menu.Item onClick={() => void goEdit('#apprenants')}>{t('evaluations.grid.menuLearners')}</Menu.Item>
                <Menu.Item onClick={() => void goEdit('#competences')}>{t('evaluations.grid.menuCompetencies')}</Menu.Item>
                <Menu.Item onClick={() => void goEdit('#competences')}>{t('evaluations.grid.menuItems')}</Menu.Item>
              </>
            )}
            <Menu.Item onClick={onTranspose}>{t('evaluations.grid.menuTranspose')}</Menu.Item>
            <Menu.Item onClick={() => void downloadFile('GET', `/api/v1/evaluations/${evaluation.id}/sheet.pdf`, 'fiche-evaluation.pdf')}>{t('evaluations.grid.menuSheet')}</Menu.Item>
            <Menu.Item onClick={() => void copyAll()}>{t('evaluations.grid.menuCopy')}</Menu.Item>
            {!readOnly && (
              <>
                <Menu.Item onClick={() => void flush()}>{t('evaluations.grid.save')}</Menu.Item>
                <Menu.Item onClick={() => void saveAndHome()}>{t('evaluations.grid.saveAndHome')}</Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </>
  );
});
