import type { SiecleImportReport, SiecleImportRunSummary } from '@cerise/common';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconFileTypeCsv, IconFileTypePdf, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { formatDateTime } from './format.ts';
import { BackToImports } from './BackToImports.tsx';
import { reportCsvUrl, reportPdfUrl } from './imports.api.ts';
import { PeopleTable } from './PeopleTable.tsx';
import { copyReport } from './report-copy.ts';
import { reportSections } from './report-model.ts';
import { RunFacts } from './RunFacts.tsx';
import { SummarySection } from './SummarySection.tsx';
import { WarningsList } from './WarningsList.tsx';

type ReportViewProps = {
  report: SiecleImportReport;
  runId: string;
  summary: SiecleImportRunSummary | null;
};

/** « Copier », « Télécharger le CSV », « Télécharger le PDF ». */
function KeepReport({ report, runId, summary }: ReportViewProps) {
  const { establishment } = useCurrentUser();
  const [copied, setCopied] = useState(false);
  const [copyError, setCopyError] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  const onCopy = async () => {
    setCopyError(false);
    try {
      const date = summary?.appliedAt ? formatDateTime(summary.appliedAt) : null;
      await copyReport(report, { establishment: establishment.name, date });
      setCopied(true);
      notifySuccess(t('imports.report.copied'));
    } catch {
      setCopyError(true);
    }
  };

  return (
    <>
      <Group gap="sm" role="group" aria-label={t('imports.report.actionsLabel')} wrap="wrap">
        <Button
          onClick={() => void onCopy()}
          leftSection={copied ? <IconCheck size={18} aria-hidden="true" /> : <IconCopy size={18} aria-hidden="true" />}
        >
          {t('imports.report.copy')}
        </Button>
        <Button component="a" href={reportCsvUrl(runId)} download variant="outline" leftSection={<IconFileTypeCsv size={18} aria-hidden="true" />}>
          {t('imports.report.csv')}
        </Button>
        <Button component="a" href={reportPdfUrl(runId)} download variant="outline" leftSection={<IconFileTypePdf size={18} aria-hidden="true" />}>
          {t('imports.report.pdf')}
        </Button>
      </Group>
      {copyError && (
        <div className="copy-error">
          <ErrorAlert error={t('imports.report.copyFailed')} />
        </div>
      )}
    </>
  );
}

/** The report of an applied import (docs/guide.md §3.1.2: « vous pourrez alors visualiser … »). */
export function ReportView({ report, runId, summary }: ReportViewProps) {
  const sections = useMemo(() => reportSections(report), [report]);
  const kind = t(`imports.kinds.${report.kind}`);

  return (
    <>
      <PageTitle documentTitle={t('imports.report.documentTitle')}>{t('imports.report.title', { kind })}</PageTitle>
      <RunFacts report={report} summary={summary} />

      <Alert color="blue" variant="light" role="note" icon={<IconInfoCircle aria-hidden="true" />} mb="md">
        {report.initialPasswordsExpired ? t('imports.report.passwordsExpired') : t('imports.report.keep')}
      </Alert>
      <Stack gap="sm" mb="lg">
        <KeepReport report={report} runId={runId} summary={summary} />
        {report.mailsQueued > 0 && <Text size="sm">{t('imports.report.mailsQueued', { count: report.mailsQueued })}</Text>}
      </Stack>

      <SummarySection report={report} />

      <SectionCard id="imports-structures-title" title={t('imports.report.structuresTitle')}>
        <Text size="sm" className="break-anywhere">
          {t('imports.report.divisionsCreated', { list: report.divisionsCreated.join(', ') || t('imports.noneFeminine') })}
        </Text>
        <Text size="sm" className="break-anywhere">
          {t('imports.report.groupsCreated', { list: report.groupsCreated.join(', ') || t('imports.none') })}
        </Text>
      </SectionCard>

      <WarningsList warnings={report.warnings} />

      <SectionCard id="imports-people-title" title={t('imports.report.peopleTitle')} titleMb="md">
        <Stack gap="xl">
          {sections.map((section) => (
            <PeopleTable key={section.id} section={section} />
          ))}
        </Stack>
      </SectionCard>

      <BackToImports />
    </>
  );
}
