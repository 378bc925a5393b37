import { Button, Stack } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../../ui/notify.tsx';
import { useExportReferential } from '../referentials.api.ts';

/** « Exporter (JSON) »: downloads the referential's exchange file. */
export function ExportButton({ referentialId, code }: { referentialId: string; code: string }) {
  const exporter = useExportReferential();
  const [error, setError] = useState<unknown>(null);
  const onClick = () => {
    if (exporter.isPending) return;
    setError(null);
    exporter.mutate(referentialId, {
      onSuccess: (filename) => notifySuccess(t('referentials.export.done', { filename })),
      onError: setError,
    });
  };
  return (
    <Stack gap="xs" align="flex-start">
      <Button
        variant="outline"
        leftSection={<IconDownload size={18} aria-hidden="true" />}
        onClick={onClick}
        aria-disabled={exporter.isPending || undefined}
        aria-label={t('referentials.export.buttonName', { code })}
      >
        {t('referentials.export.button')}
      </Button>
      {error !== null && <ErrorAlert error={error} />}
    </Stack>
  );
}
