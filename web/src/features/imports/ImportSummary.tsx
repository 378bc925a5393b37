import type { SiecleImportCounts, SiecleImportReport } from '@cerise/common';
import { SimpleGrid, Table, Text } from '@mantine/core';
import { useId } from 'react';
import { t } from '../../app/i18n/t.ts';
import { countKindsOf } from './format.ts';

const numbers = new Intl.NumberFormat('fr-FR');
const COLUMNS = ['created', 'updated', 'hidden'] as const;
type Column = (typeof COLUMNS)[number];

/** What was (or will be) created, updated and hidden, per kind: the reference for the chart. */
export function CountsTable({ report }: { report: SiecleImportReport }) {
  const captionId = useId();
  return (
    <Table.ScrollContainer minWidth={300} type="native" tabIndex={0} role="region" aria-labelledby={captionId} className="scroll-region">
      <Table withTableBorder withColumnBorders captionSide="top" className="imports-table counts-table">
        <Table.Caption id={captionId}>{report.dryRun ? t('imports.counts.captionAnalysis') : t('imports.counts.captionReport')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.counts.kind')}</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th scope="col" key={c} className="num">
                {t(`imports.counts.${c}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {countKindsOf(report.kind).map((kind) => (
            <Table.Tr key={kind}>
              <Table.Th scope="row">{t(`imports.counts.kinds.${kind}`)}</Table.Th>
              {COLUMNS.map((c) => (
                <Table.Td key={c} className="num">
                  {numbers.format(report[c][kind])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The same numbers drawn as bars, one small chart per column (created, updated, hidden) on a
 * common scale so that lengths compare. The table above is the text equivalent: the chart is
 * hidden from assistive technologies.
 */
export function CountsChart({ report }: { report: SiecleImportReport }) {
  const kinds = countKindsOf(report.kind);
  // Only the columns with something in them: empty charts would only add noise.
  const columns = COLUMNS.filter((c) => kinds.some((k) => report[c][k] > 0));
  if (columns.length === 0) return null;
  const max = Math.max(1, ...columns.flatMap((c) => kinds.map((k) => report[c][k])));
  return (
    <div aria-hidden="true" className="counts-chart">
      <Text size="sm" fw={700} mb={4}>
        {t('imports.chart.title')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: Math.max(2, columns.length) }} spacing="lg">
        {columns.map((column) => (
          <MiniChart key={column} column={column} counts={report[column]} kinds={kinds} max={max} />
        ))}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={4}>
        {t('imports.chart.note')}
      </Text>
    </div>
  );
}

function MiniChart({ column, counts, kinds, max }: { column: Column; counts: SiecleImportCounts; kinds: readonly (keyof SiecleImportCounts)[]; max: number }) {
  return (
    <div className={`mini-chart mini-chart-${column}`}>
      <Text size="sm" fw={700} className="mini-chart-title">
        {t(`imports.counts.${column}`)}
      </Text>
      <div className="mini-chart-rows">
        {kinds.map((kind) => {
          const value = counts[kind];
          const width = value === 0 ? 0 : Math.max(2, (value / max) * 100);
          return (
            <div className="mini-chart-row" key={kind}>
              <span className="mini-chart-label">{t(`imports.counts.kinds.${kind}`)}</span>
              <span className="mini-chart-track">
                <span className="mini-chart-bar" style={{ width: `${width}%` }} />
              </span>
              <span className="mini-chart-value">{numbers.format(value)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
