import type { SiecleImportReport, SiecleImportRunSummary } from '@cerise/common';
import { Stack, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { formatDateTime } from './format.ts';

/** When, by whom, which files and which school year. */
export function RunFacts({ report, summary }: { report: SiecleImportReport; summary: SiecleImportRunSummary | null }) {
  const when = summary?.appliedAt ?? null;
  return (
    <Stack gap={2} mb="md">
      {when && (
        <Text size="sm">
          {summary?.actor
            ? t('imports.report.by', { date: formatDateTime(when), name: summary.actor })
            : t('imports.report.appliedOn', { date: formatDateTime(when) })}
        </Text>
      )}
      <Text size="sm" className="break-anywhere">
        {t('imports.report.files', { files: report.files.join(', ') })}
      </Text>
      <Text size="sm">{t('imports.report.schoolYear', { year: report.schoolYear })}</Text>
    </Stack>
  );
}
