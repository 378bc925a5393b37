import type { SiecleImportReport } from '@cerise/common';
import { Stack, Text } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { totalOf } from './format.ts';
import { leftOutCounts } from './report-model.ts';
import { CountsChart, CountsTable } from './ImportSummary.tsx';

/** « Résumé » of an analysis (what will change) or of an applied import (what changed). */
export function SummarySection({ report }: { report: SiecleImportReport }) {
  const ignored = report.kind === 'teachers' ? report.ignored : 0;
  const leftOut = leftOutCounts(report);
  const tense = report.dryRun ? 'analysis' : 'report';
  return (
    <SectionCard id="imports-summary-title" title={t('imports.report.summaryTitle')}>
      <Stack gap="md">
        <CountsTable report={report} />
        {ignored > 0 && (
          <Text size="sm">{report.dryRun ? t('imports.analysis.ignored', { count: ignored }) : t('imports.report.ignored', { count: ignored })}</Text>
        )}
        {leftOut.learners > 0 && <Text size="sm">{t(`imports.${tense}.leftOutLearners`, { count: leftOut.learners })}</Text>}
        {leftOut.parents > 0 && <Text size="sm">{t(`imports.${tense}.leftOutParents`, { count: leftOut.parents })}</Text>}
        {totalOf(report.hidden) > 0 && <Text size="sm">{t('imports.analysis.hiddenNote')}</Text>}
        <CountsChart report={report} />
      </Stack>
    </SectionCard>
  );
}
