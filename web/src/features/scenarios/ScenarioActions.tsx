import { Button, Group } from '@mantine/core';
import { IconCopy, IconEye, IconFileTypeDocx, IconPencil, IconChecklist, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { scenarioPath } from './scenario-paths.ts';
import { DeleteDialog, DuplicateDialog } from './ScenarioDialogs.tsx';
import { exportScenario } from './scenarios.api.ts';
import type { SchoolLevel } from '@cerise/common';

type Props = {
  scenario: { id: string; title: string; level: SchoolLevel | null; isMine: boolean };
  /** Hide « Consulter » (on the consult page itself). */
  withConsult?: boolean;
  /** After a deletion (the consult page goes back to the list). */
  onDeleted?: () => void;
};

/** The actions of the guide, each with its visible name (never an icon alone). */
export function ScenarioActions({ scenario, withConsult = true, onDeleted }: Props) {
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'duplicate' | 'delete' | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const path = scenarioPath(establishment.uai);
  const label = (action: string) => t('scenarios.actions.of', { action, title: scenario.title });
  const common = { size: 'compact-sm', variant: 'light' } as const;

  const onExport = async () => {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    try {
      const name = await exportScenario(scenario.id, scenario.title);
      notifySuccess(t('scenarios.export.done', { name }));
    } catch (e) {
      setExportError(e);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Group gap={6} wrap="wrap" className="scenario-actions">
        {withConsult && (
          <Button {...common} component={Link} to={path.one(scenario.id)} aria-label={label(t('scenarios.actions.consult'))} leftSection={<IconEye size={16} aria-hidden="true" />}>
            {t('scenarios.actions.consult')}
          </Button>
        )}
        <Button {...common} aria-label={label(t('scenarios.actions.duplicate'))} leftSection={<IconCopy size={16} aria-hidden="true" />} onClick={() => setDialog('duplicate')}>
          {t('scenarios.actions.duplicate')}
        </Button>
        {scenario.isMine && (
          <Button {...common} component={Link} to={path.edit(scenario.id)} aria-label={label(t('scenarios.actions.edit'))} leftSection={<IconPencil size={16} aria-hidden="true" />}>
            {t('scenarios.actions.edit')}
          </Button>
        )}
        {scenario.isMine && (
          <Button {...common} color="red" aria-label={label(t('scenarios.actions.delete'))} leftSection={<IconTrash size={16} aria-hidden="true" />} onClick={() => setDialog('delete')}>
            {t('scenarios.actions.delete')}
          </Button>
        )}
        <Button
          {...common}
          aria-label={label(t('scenarios.actions.export'))}
          aria-disabled={exporting || undefined}
          leftSection={<IconFileTypeDocx size={16} aria-hidden="true" />}
          onClick={() => void onExport()}
        >
          {t('scenarios.actions.export')}
        </Button>
        <Button {...common} component={Link} to={path.evaluate(scenario.id)} aria-label={label(t('scenarios.actions.evaluate'))} leftSection={<IconChecklist size={16} aria-hidden="true" />}>
          {t('scenarios.actions.evaluate')}
        </Button>
      </Group>
      {exportError !== null && <ErrorAlert error={exportError} />}
      {dialog === 'duplicate' && <DuplicateDialog target={scenario} onClose={() => setDialog(null)} onDone={(id) => void navigate(path.one(id))} />}
      {dialog === 'delete' && (
        <DeleteDialog
          target={scenario}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            onDeleted?.();
          }}
        />
      )}
    </>
  );
}
