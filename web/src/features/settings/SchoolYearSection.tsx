import type { SettingsResponse } from '@cerise/common';
import { Button, Group, List, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { useChangeSchoolYear } from './settings.api.ts';

type SchoolYearSectionProps = {
  data: SettingsResponse;
  /** Another administrator saved first: read the settings again. */
  onReload: () => Promise<SettingsResponse | undefined>;
};

/**
 * « Année scolaire » in Paramètres: the establishment's current year, which every screen shows,
 * and « Passer à l'année … », confirmed in a modal. Imports of another year never switch it.
 */
export function SchoolYearSection({ data, onReload }: SchoolYearSectionProps) {
  const { current, next, nextYearClasses } = data.schoolYear;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const change = useChangeSchoolYear();
  const openButton = useRef<HTMLButtonElement>(null);
  const conflict = hasCode(error, 'common.version_conflict') || hasCode(error, 'settings.school_year_not_next');

  const close = () => {
    setConfirming(false);
    openButton.current?.focus();
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    change.mutate(
      { version: data.version, schoolYear: next },
      {
        onSuccess: (result) => {
          setError(null);
          setConfirming(false);
          notifySuccess(t('settings.schoolYear.switched', { year: result.schoolYear.current }));
          openButton.current?.focus();
        },
        onError: (e) => {
          setError(e);
          close();
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" radius="md" mb="xl" component="section" aria-labelledby="settings-school-year-title">
      <Title order={2} size="h3" id="settings-school-year-title" mb="xs">
        {t('settings.schoolYear.title')}
      </Title>
      <Stack gap="sm">
        <Text size="lg" fw={700} data-testid="current-school-year">
          {t('settings.schoolYear.current', { year: current })}
        </Text>
        <Text>{t('settings.schoolYear.explanation')}</Text>
        <Text>{t('settings.schoolYear.imports')}</Text>
        {error !== null && (
          <div>
            <ErrorAlert error={conflict ? t('settings.conflict') : error} />
            {conflict && (
              <Button
                variant="outline"
                size="sm"
                mt="xs"
                onClick={() => {
                  setError(null);
                  void onReload();
                }}
              >
                {t('settings.reload')}
              </Button>
            )}
          </div>
        )}
        <Group>
          <Button ref={openButton} variant="outline" leftSection={<IconCalendarEvent size={18} aria-hidden="true" />} onClick={() => setConfirming(true)}>
            {t('settings.schoolYear.switch', { year: next })}
          </Button>
        </Group>
      </Stack>

      <Modal opened={confirming} onClose={close} title={t('settings.schoolYear.confirmTitle', { year: next })} returnFocus={false} centered>
        <form onSubmit={confirm} noValidate>
          <Stack gap="sm">
            <Text>{t('settings.schoolYear.confirmIntro', { from: current, to: next })}</Text>
            <List spacing={4} size="sm">
              <List.Item>{t('settings.schoolYear.confirmScreens', { year: next })}</List.Item>
              <List.Item>
                {nextYearClasses > 0
                  ? t('settings.schoolYear.confirmClasses', { count: nextYearClasses, year: next })
                  : t('settings.schoolYear.confirmNoClasses', { year: next })}
              </List.Item>
              <List.Item>{t('settings.schoolYear.confirmEvidence')}</List.Item>
              <List.Item>{t('settings.schoolYear.confirmFormer', { year: current })}</List.Item>
            </List>
            <Group justify="flex-end" gap="sm" mt="sm">
              <Button variant="default" onClick={close}>
                {t('settings.schoolYear.cancel')}
              </Button>
              <SubmitButton pending={change.isPending} data-autofocus>
                {t('settings.schoolYear.confirm', { year: next })}
              </SubmitButton>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
