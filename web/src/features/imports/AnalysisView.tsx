import { MODULE_PATHS, type SiecleImportReport, type SiecleImportRunSummary } from '@cerise/common';
import { Alert, Anchor, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronUp, IconCircleCheck, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { notifyInfo, notifySuccess } from '../../ui/notify.tsx';
import { requestTitleFocus } from '../../ui/page-focus.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { formatTime, totalOf } from './format.ts';
import { ImportErrorAlert } from './UploadStatus.tsx';
import { importKeys, useApplyImport, useCancelAnalysis, useReanalyseImport } from './imports.api.ts';
import { PeopleTable } from './PeopleTable.tsx';
import { reportSections } from './report-model.ts';
import { RunFacts } from './RunFacts.tsx';
import { SummarySection } from './SummarySection.tsx';
import { WarningsList } from './WarningsList.tsx';

/** An analysis waits this long for its confirmation (server: ANALYSIS_TTL_MS). */
const ANALYSIS_TTL_MS = 2 * 60 * 60 * 1000;

type AnalysisViewProps = {
  report: SiecleImportReport;
  runId: string;
  summary: SiecleImportRunSummary | null;
};

/**
 * Step 2 of an import: what the files will change (counts, chart, warnings, people), then
 * « Importer les fichiers » (one transaction) or « Annuler ».
 */
export function AnalysisView({ report, runId, summary }: AnalysisViewProps) {
  const { establishment } = useCurrentUser();
  const navigate = useNavigate();
  const apply = useApplyImport();
  const cancel = useCancelAnalysis();
  const reanalyse = useReanalyseImport();
  const queryClient = useQueryClient();
  const errorRef = useRef<HTMLDivElement>(null);
  const importsPath = `/${establishment.uai}/${MODULE_PATHS.imports}`;
  const kind = t(`imports.kinds.${report.kind}`);
  const changes = totalOf(report.created) + totalOf(report.updated) + totalOf(report.hidden);
  const expiresAt = summary ? new Date(Date.parse(summary.createdAt) + ANALYSIS_TTL_MS) : null;
  const sections = useMemo(() => reportSections(report), [report]);
  const [showPeople, setShowPeople] = useState(false);

  const onApply = () => {
    if (apply.isPending) return;
    apply.mutate(runId, {
      onSuccess: () => {
        // The same address now shows the report: its title takes focus.
        requestTitleFocus();
        notifySuccess(t('imports.analysis.done'));
      },
      onError: (error) => {
        // Applied meanwhile (another tab, another administrator): reload it, its report shows.
        if (isApiError(error) && error.code === 'siecle.run_not_pending') {
          requestTitleFocus();
          void queryClient.invalidateQueries({ queryKey: importKeys.run(runId) }).then(() => {
            const now = queryClient.getQueryData<SiecleImportReport>(importKeys.run(runId));
            if (now && !now.dryRun) notifyInfo(t('imports.analysis.alreadyApplied'));
          });
        }
        requestAnimationFrame(() => errorRef.current?.focus());
      },
    });
  };

  const staleRun = isApiError(apply.error) && (apply.error.code === 'siecle.run_expired' || apply.error.code === 'siecle.run_not_pending');
  // Another import of the same kind was applied after this analysis: its counts are obsolete.
  const outdated = report.stale === true || (isApiError(apply.error) && apply.error.code === 'siecle.run_stale');

  const onReanalyse = () => {
    if (reanalyse.isPending) return;
    reanalyse.mutate(runId, {
      onSuccess: (fresh) => {
        requestTitleFocus();
        notifySuccess(t('imports.analysis.reanalysed'));
        if (fresh.runId) void navigate(`${importsPath}/${fresh.runId}`, { replace: true });
      },
    });
  };
  const reanalyseButton = (
    <Button
      onClick={onReanalyse}
      aria-disabled={reanalyse.isPending || undefined}
      leftSection={<IconRefresh size={18} aria-hidden="true" />}
      rightSection={reanalyse.isPending ? <Loader size={14} color="currentColor" aria-hidden="true" /> : undefined}
    >
      {t('imports.analysis.reanalyse')}
    </Button>
  );

  return (
    <>
      <PageTitle documentTitle={t('imports.analysis.documentTitle')}>{t('imports.analysis.title', { kind })}</PageTitle>
      <RunFacts report={report} summary={null} />

      {outdated ? (
        <Alert color="orange" variant="light" role="note" icon={<IconAlertTriangle aria-hidden="true" />} title={t('imports.analysis.staleTitle')} mb="lg">
          {t('imports.analysis.stale', { kind })}
        </Alert>
      ) : (
        <Alert color="green" variant="light" role="note" icon={<IconCircleCheck aria-hidden="true" />} mb="lg">
          {changes === 0 ? t('imports.analysis.nothingToDo') : t('imports.analysis.ready')}
        </Alert>
      )}

      <SummarySection report={report} />
      <WarningsList warnings={report.warnings} />

      <SectionCard id="imports-confirm-title" title={t('imports.analysis.confirmTitle')} className="confirm-box">
        <Stack gap="sm">
          <Text size="sm">{t('imports.analysis.allOrNothing')}</Text>
          {expiresAt && !outdated && (
            <Text size="sm">
              {expiresAt.getTime() > Date.now()
                ? t('imports.analysis.expiresAt', { time: formatTime(expiresAt) })
                : t('imports.analysis.expired')}
            </Text>
          )}
          {reanalyse.isError && <ImportErrorAlert error={reanalyse.error} title={t('imports.analysis.reanalyseFailedTitle')} hint={t('imports.analysis.applyFailed')} />}
          {outdated && !staleRun && (
            <>
              <Text size="sm">{t('imports.analysis.staleConfirm')}</Text>
              <Group gap="sm">
                {reanalyseButton}
                <Button variant="default" onClick={() => cancel.mutate(runId, { onSettled: () => void navigate(importsPath) })} disabled={reanalyse.isPending || cancel.isPending}>
                  {t('imports.analysis.cancel')}
                </Button>
              </Group>
            </>
          )}
          {apply.isError && !outdated && (
            <div ref={errorRef} tabIndex={-1}>
              <ImportErrorAlert error={apply.error} title={t('imports.analysis.applyFailedTitle')} hint={t('imports.analysis.applyFailed')} />
              {staleRun && (
                <Anchor component={Link} to={importsPath} mt="xs" display="inline-block">
                  {t('imports.analysis.restart')}
                </Anchor>
              )}
            </div>
          )}
          {!staleRun && !outdated && (
            <Group gap="sm">
              <Button
                onClick={onApply}
                aria-disabled={apply.isPending || undefined}
                leftSection={<IconFileImport size={18} aria-hidden="true" />}
                rightSection={apply.isPending ? <Loader size={14} color="currentColor" aria-hidden="true" /> : undefined}
              >
                {t('imports.analysis.apply')}
              </Button>
              <Button
                variant="default"
                onClick={() => cancel.mutate(runId, { onSettled: () => void navigate(importsPath) })}
                disabled={apply.isPending || cancel.isPending}
              >
                {t('imports.analysis.cancel')}
              </Button>
            </Group>
          )}
          {apply.isPending && (
            <Text size="sm" role="status">
              {t('imports.analysis.applying')}
            </Text>
          )}
        </Stack>
      </SectionCard>

      <SectionCard id="imports-people-title" title={t('imports.analysis.peopleTitle')} titleMb="xs">
        <Text size="sm" mb="sm">
          {t('imports.analysis.peopleNote')}
        </Text>
        <Button
          variant="default"
          size="sm"
          aria-expanded={showPeople}
          aria-controls="imports-people-details"
          leftSection={showPeople ? <IconChevronUp size={16} aria-hidden="true" /> : <IconChevronDown size={16} aria-hidden="true" />}
          onClick={() => setShowPeople((v) => !v)}
        >
          {showPeople ? t('imports.analysis.hidePeople') : t('imports.analysis.showPeople')}
        </Button>
        <div id="imports-people-details" hidden={!showPeople}>
          {showPeople && (
            <Stack gap="xl" mt="md">
              {sections.map((section) => (
                <PeopleTable key={section.id} section={section} />
              ))}
            </Stack>
          )}
        </div>
      </SectionCard>
    </>
  );
}
