import type { SiecleImportReport } from '@cerise/common';
import { Stack, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { totalOf } from './format.ts';
import { CountsChart, CountsTable } from './ImportSummary.tsx';

/** « Résumé » of an analysis (what will change) or of an applied import (what changed). */
export function SummarySection({ report }: { report: SiecleImportReport }) {
  const ignored = report.kind === 'teachers' ? report.ignored : 0;
  return (
    <SectionCard id="imports-summary-title" title={t('imports.report.summaryTitle')}>
      <Stack gap="md">
        <CountsTable report={report} />
        {ignored > 0 && (
          <Text size="sm">{report.dryRun ? t('imports.analysis.ignored', { count: ignored }) : t('imports.report.ignored', { count: ignored })}</Text>
        )}
        {totalOf(report.hidden) > 0 && <Text size="sm">{t('imports.analysis.hiddenNote')}</Text>}
        <CountsChart report={report} />
      </Stack>
    </SectionCard>
  );
}
