import { Text } from '@mantine/core';
import { useParams } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { AnalysisView } from './AnalysisView.tsx';
import { BackToImports } from './BackToImports.tsx';
import { useImportHistory, useImportRun } from './imports.api.ts';
import { ReportView } from './ReportView.tsx';
import './imports.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function RunNotFound() {
  return (
    <>
      <PageTitle>{t('imports.report.documentTitle')}</PageTitle>
      <Text mb="md">{t('imports.report.notFound')}</Text>
      <BackToImports />
    </>
  );
}

function Run({ runId }: { runId: string }) {
  const run = useImportRun(runId);
  const history = useImportHistory();
  const summary = history.data?.find((r) => r.id === runId) ?? null;

  if (run.isPending) return <PageLoader />;
  if (run.isError) {
    if (isApiError(run.error) && (run.error.status === 404 || run.error.status === 400)) return <RunNotFound />;
    return (
      <>
        <PageTitle>{t('imports.report.documentTitle')}</PageTitle>
        <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />
        <BackToImports />
      </>
    );
  }
  return run.data.dryRun ? (
    <AnalysisView report={run.data} runId={runId} summary={summary} />
  ) : (
    <ReportView report={run.data} runId={runId} summary={summary} />
  );
}

/** `/:uai/importer/:runId`: the analysis of an import waiting for confirmation, or its report. */
export function ImportRunPage() {
  const { runId = '' } = useParams();
  if (!UUID.test(runId)) return <RunNotFound />;
  return <Run runId={runId} key={runId} />;
}
