import { MODULE_PATHS, type SiecleImportRunSummary } from '@cerise/common';
import { Anchor, Badge, Box, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { describeCounts, formatDateTime, totalOf } from './format.ts';
import { reportCsvUrl, reportPdfUrl, useImportHistory } from './imports.api.ts';

const STATUS_COLOR: Record<SiecleImportRunSummary['status'], string> = {
  applied: 'green',
  analysed: 'gray',
  failed: 'red',
};

const dateOf = (run: SiecleImportRunSummary) => formatDateTime(run.appliedAt ?? run.createdAt);

/** « Créés : 13 apprenants, 24 parents », one line per kind of change that happened. */
function Changes({ run }: { run: SiecleImportRunSummary }) {
  const lines = (['created', 'updated', 'hidden'] as const)
    .filter((c) => totalOf(run[c]) > 0)
    .map((c) => t(`imports.history.changes.${c}`, { list: describeCounts(run[c]) }));
  if (lines.length === 0) return <>{t('imports.history.changes.none')}</>;
  return (
    <Stack gap={2}>
      {lines.map((line) => (
        <span key={line}>{line}</span>
      ))}
    </Stack>
  );
}

function Files({ run }: { run: SiecleImportRunSummary }) {
  return (
    <>
      {run.files.map((f) => (
        <div key={f}>{f}</div>
      ))}
    </>
  );
}

function Status({ run }: { run: SiecleImportRunSummary }) {
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={STATUS_COLOR[run.status]} variant="light" radius="sm" className="status-badge">
        {t(`imports.history.status.${run.status}`)}
      </Badge>
      {run.stale && (
        <Badge color="orange" variant="light" radius="sm" className="status-badge">
          {t('imports.history.stale')}
        </Badge>
      )}
    </Stack>
  );
}

/** « Voir le rapport » (or the pending analysis), and the CSV and PDF of an applied import. */
function ReportLinks({ run }: { run: SiecleImportRunSummary }) {
  const { establishment } = useCurrentUser();
  const date = dateOf(run);
  const applied = run.status === 'applied';
  return (
    <Stack gap={2}>
      <Anchor
        component={Link}
        to={`/${establishment.uai}/${MODULE_PATHS.imports}/${run.id}`}
        aria-label={applied ? t('imports.history.openLabel', { date }) : t('imports.history.openAnalysisLabel', { date })}
      >
        {applied ? t('imports.history.openReport') : t('imports.history.openAnalysis')}
      </Anchor>
      {applied && (
        <Group gap="sm">
          <Anchor href={reportCsvUrl(run.id)} download aria-label={t('imports.history.csvLabel', { date })}>
            {t('imports.history.csvShort')}
          </Anchor>
          <Anchor href={reportPdfUrl(run.id)} download aria-label={t('imports.history.pdfLabel', { date })}>
            {t('imports.history.pdfShort')}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}

/**
 * Wide screens: one row per import. Five columns (the kind and the author under the date), so
 * that the whole table, « Rapport » included, fits the page at 1280 px without sideways scroll.
 */
function HistoryTable({ runs }: { runs: SiecleImportRunSummary[] }) {
  return (
    <Table.ScrollContainer
      minWidth={640}
      type="native"
      tabIndex={0}
      role="region"
      aria-labelledby="imports-history-caption"
      className="scroll-region"
      visibleFrom="sm"
    >
      <Table striped highlightOnHover verticalSpacing="xs" captionSide="top" className="imports-table">
        <Table.Caption id="imports-history-caption" className="sr-only">
          {t('imports.history.caption')}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.history.columns.import')}</Table.Th>
            <Table.Th scope="col">{t('imports.history.columns.files')}</Table.Th>
            <Table.Th scope="col">{t('imports.history.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('imports.history.columns.changes')}</Table.Th>
            <Table.Th scope="col">{t('imports.history.columns.report')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td className="history-import">
                <Text span size="sm" fw={700} className="nowrap">
                  {dateOf(run)}
                </Text>
                <div>{t(`imports.kindsShort.${run.kind}`)}</div>
                <Text span size="xs" c="dimmed">
                  {t('imports.history.byActor', { actor: run.actor ?? t('imports.history.unknownActor') })}
                </Text>
              </Table.Td>
              <Table.Td className="history-files break-anywhere">
                <Files run={run} />
              </Table.Td>
              <Table.Td>
                <Status run={run} />
              </Table.Td>
              <Table.Td className="history-changes">
                <Changes run={run} />
              </Table.Td>
              <Table.Td className="history-report">
                <ReportLinks run={run} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Phones: one card per import, the same facts as the table. */
function HistoryCards({ runs }: { runs: SiecleImportRunSummary[] }) {
  return (
    <Box component="ul" className="history-cards" hiddenFrom="sm" aria-label={t('imports.history.caption')}>
      {runs.map((run) => (
        <li key={run.id}>
          <Paper withBorder p="sm" radius="md">
            <Group justify="space-between" gap="xs" mb="xs">
              <Text fw={700}>
                {dateOf(run)} — {t(`imports.kindsShort.${run.kind}`)}
              </Text>
              <Status run={run} />
            </Group>
            <dl className="details-list history-card-details">
              <div>
                <dt>{t('imports.history.columns.files')}</dt>
                <dd className="break-anywhere">
                  <Files run={run} />
                </dd>
              </div>
              <div>
                <dt>{t('imports.history.columns.actor')}</dt>
                <dd>{run.actor ?? t('imports.history.unknownActor')}</dd>
              </div>
              <div>
                <dt>{t('imports.history.columns.changes')}</dt>
                <dd>
                  <Changes run={run} />
                </dd>
              </div>
            </dl>
            <ReportLinks run={run} />
          </Paper>
        </li>
      ))}
    </Box>
  );
}

/** « Historique des importations »: each run opens its report (or its pending analysis). */
export function ImportHistory() {
  const history = useImportHistory();
  if (history.isPending) return <PageLoader />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <Text>{t('imports.history.empty')}</Text>;

  return (
    <>
      <Text size="sm" mb="xs" aria-hidden="true">
        {t('imports.history.caption')}
      </Text>
      <HistoryTable runs={history.data} />
      <HistoryCards runs={history.data} />
    </>
  );
}
