import { Alert, Button, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useId } from 'react';
import { errorText, isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import type { ImportKind } from './imports.api.ts';
import { formatBytes } from './format.ts';
import { ImportFileError } from './upload.ts';
import type { UploadState } from './use-upload-flow.ts';

/** The file the server refused, when it names one (`details.file` of a 422, kept by ImportFileError). */
function refusedFile(error: unknown): string | null {
  if (!isApiError(error)) return null;
  const file = error instanceof ImportFileError ? error.file : (error.details as { file?: unknown } | undefined)?.file;
  return typeof file === 'string' && file !== '' ? file : null;
}

/** A refused file or a failed analysis: the server's French message, and that nothing changed. */
export function ImportErrorAlert({ error, title, hint }: { error: unknown; title?: string; hint?: string }) {
  const refused = isApiError(error) && (error.status === 422 || error.status === 409 || error.status === 400);
  const file = refusedFile(error);
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden="true" />}
      title={title ?? (refused ? (file ? t('imports.refused.oneFile', { file }) : t('imports.refused.title')) : t('imports.refused.failedTitle'))}
    >
      <Text size="sm" className="import-error-message">
        {errorText(error)}
      </Text>
      <Text size="sm" mt="xs">
        {hint ?? t('imports.refused.nothingChanged')}
      </Text>
    </Alert>
  );
}

type UploadStatusProps = {
  kind: ImportKind;
  state: UploadState;
  onCancel: () => void;
};

/** The progress of the upload, then « Analyse en cours… », then a refusal if any. */
export function UploadStatus({ kind, state, onCancel }: UploadStatusProps) {
  const labelId = useId();
  if (state.phase === 'idle' || state.kind !== kind) return null;

  if (state.phase === 'failed') return <ImportErrorAlert error={state.error} />;
  if (state.phase === 'cancelled') {
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden="true" />} role="status">
        {t('imports.progress.cancelled')}
      </Alert>
    );
  }

  const analysing = state.phase === 'analysing';
  const percent = analysing ? 100 : state.total > 0 ? Math.round((state.loaded / state.total) * 100) : 0;
  const amounts =
    state.phase === 'uploading' && state.total > 0
      ? t('imports.progress.sent', { sent: formatBytes(state.loaded), total: formatBytes(state.total) })
      : '';
  const valueText = analysing ? t('imports.progress.analysing') : `${t('imports.progress.percent', { percent })}${amounts ? `, ${amounts}` : ''}`;

  return (
    <Stack gap="xs" className="upload-status">
      <Group justify="space-between" gap="xs">
        <Text id={labelId} fw={700} size="sm">
          {t('imports.progress.label')}
        </Text>
        {!analysing && (
          <Text size="sm" aria-hidden="true">
            {t('imports.progress.percent', { percent })}
            {amounts && ` — ${amounts}`}
          </Text>
        )}
      </Group>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={analysing ? undefined : percent}
        aria-valuetext={valueText}
        aria-busy={analysing || undefined}
      >
        <Progress.Section value={percent} withAria={false} animated={analysing} striped={analysing} />
      </Progress.Root>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="xs" wrap="nowrap" role="status">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm">{analysing ? t('imports.progress.analysing') : t('imports.progress.uploading')}</Text>
        </Group>
        {!analysing && (
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('imports.progress.cancel')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
