import type { Competency } from '@cerise/common';
import { Alert, Button, Checkbox, Paper, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useCallback, useRef, useState } from 'react';
import { errorText } from '../../../app/api.ts';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { isVersionConflict, useEditCompetency, useReloadCompetency, type CompetencyEdit } from '../referentials.api.ts';
import classes from '../referentials.module.css';
import { fieldErrorText, isFieldError, ItemListEditor } from './ItemListEditor.tsx';

type CompetencyEditorProps = { referentialId: string; competency: Competency; id: string };

/**
 * One competency in the editor: its « à compléter » mark and its two ordered lists. Every edit
 * carries the version read; when someone else changed the competency in between, the panel
 * says so and offers « Recharger ».
 */
export function CompetencyEditor({ referentialId, competency, id }: CompetencyEditorProps) {
  const mutation = useEditCompetency(referentialId);
  const reload = useReloadCompetency(referentialId);
  const [error, setError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const panelRef = useRef<HTMLDivElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const announce = useCallback((message: string) => {
    setAnnouncement('');
    requestAnimationFrame(() => setAnnouncement(message));
  }, []);

  const edit = useCallback(
    async (change: CompetencyEdit, options?: { onFieldError?: (message: string) => void }): Promise<boolean> => {
      if (mutation.isPending) return false;
      setError(null);
      try {
        await mutation.mutateAsync({ competency, edit: change });
        return true;
      } catch (err) {
        if (options?.onFieldError && isFieldError(err)) {
          options.onFieldError(fieldErrorText(err));
        } else {
          setError(err);
          requestAnimationFrame(() => alertRef.current?.focus());
        }
        return false;
      }
    },
    [competency, mutation],
  );

  const onReload = () => {
    reload.mutate(competency.id, {
      onSuccess: () => {
        setError(null);
        announce(t('referentials.editor.reloaded'));
        requestAnimationFrame(() => panelRef.current?.focus());
      },
      onError: setError,
    });
  };

  // The box shows the new state at once; it goes back if the server refuses.
  const [toCompleteShown, setToCompleteShown] = useState<boolean | null>(null);
  const onToggleToComplete = async (toComplete: boolean) => {
    if (mutation.isPending) return;
    setToCompleteShown(toComplete);
    const saved = await edit({ kind: 'toComplete', toComplete });
    setToCompleteShown(null);
    if (saved) announce(toComplete ? t('referentials.editor.markedToComplete') : t('referentials.editor.unmarkedToComplete'));
  };

  const conflict = isVersionConflict(error);

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" className={classes.editorPanel} id={id} ref={panelRef} tabIndex={-1}>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <Stack gap="md">
        {competency.criterion && (
          <Text size="sm">
            <strong>{t('referentials.editor.criterion')}</strong>{' '}
            {competency.criterion.code ? `${competency.criterion.code} — ` : ''}
            {competency.criterion.label}
          </Text>
        )}

        {error !== null && (
          <div ref={alertRef} tabIndex={-1}>
            {conflict ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('referentials.editor.conflictTitle')}>
                <Text size="sm" mb="sm">
                  {errorText(error)} {t('referentials.editor.conflictKept')}
                </Text>
                <Button
                  size="xs"
                  color="orange"
                  leftSection={<IconRefresh size={14} aria-hidden="true" />}
                  onClick={onReload}
                  aria-disabled={reload.isPending || undefined}
                >
                  {t('referentials.editor.reload')}
                </Button>
              </Alert>
            ) : (
              <ErrorAlert error={error} />
            )}
          </div>
        )}

        <Checkbox
          radius="sm"
          checked={toCompleteShown ?? competency.toComplete}
          onChange={(e) => void onToggleToComplete(e.currentTarget.checked)}
          label={t('referentials.editor.toCompleteLabel')}
          description={t('referentials.editor.toCompleteHint')}
        />
        {competency.toComplete && (competency.complexities.length > 0 || competency.hazards.length > 0) && (
          <Text size="sm" c="dimmed">
            {t('referentials.editor.toCompleteReminder')}
          </Text>
        )}

        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <ItemListEditor competency={competency} list="complexities" edit={edit} pending={mutation.isPending} announce={announce} />
          <ItemListEditor competency={competency} list="hazards" edit={edit} pending={mutation.isPending} announce={announce} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
