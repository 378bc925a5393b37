import '@mantine/charts/styles.css';
import type { Progress } from '@cerise/common';
import { LineChart } from '@mantine/charts';
import { NativeSelect, Table, Text } from '@mantine/core';
import { useId, useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { SectionCard } from '../../ui/SectionCard.tsx';

/**
 * Mastery of a pôle or a competency at the end of each school year (seconde → terminale), as a
 * small chart and, for screen readers and print, as a table (its text alternative).
 */
export function ProgressChart({ progress }: { progress: Progress }) {
  const id = useId();
  const [key, setKey] = useState(progress.series[0] ? `${progress.series[0].kind}:${progress.series[0].id}` : '');
  const serie = progress.series.find((s) => `${s.kind}:${s.id}` === key) ?? progress.series[0];
  const yearLabel = (y: Progress['years'][number]) => (y.division ? `${y.schoolYear} (${y.division})` : y.schoolYear);
  const labelOf = (s: Progress['series'][number]) => (s.kind === 'pole' ? t('dashboard.progress.pole', { label: s.label }) : s.label);
  return (
    <SectionCard id="dash-progress" title={t('dashboard.progress.title')}>
      {progress.years.length === 0 || !serie ? (
        <Text>{t('dashboard.progress.empty')}</Text>
      ) : (
        <>
          <NativeSelect
            className="dash-no-print"
            label={t('dashboard.progress.subject')}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            data={progress.series.map((s) => ({ value: `${s.kind}:${s.id}`, label: labelOf(s) }))}
            maw={520}
            mb="sm"
          />
          <div inert aria-hidden="true">
            <LineChart
              h={180}
              data={progress.years.map((y, i) => ({ year: yearLabel(y), percent: serie.percents[i] }))}
              dataKey="year"
              series={[{ name: 'percent', label: t('dashboard.progress.percent'), color: 'blue.7' }]}
              yAxisProps={{ domain: [0, 100] }}
              connectNulls
              withLegend={false}
              curveType="linear"
            />
          </div>
          <Table mt="sm" withTableBorder aria-describedby={id}>
            <Table.Caption id={id}>{t('dashboard.progress.tableCaption', { label: labelOf(serie) })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dashboard.progress.year')}</Table.Th>
                <Table.Th scope="col">{t('dashboard.progress.percent')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {progress.years.map((y, i) => (
                <Table.Tr key={y.schoolYear}>
                  <Table.Td>{yearLabel(y)}</Table.Td>
                  <Table.Td>{serie.percents[i] === null ? t('dashboard.progress.noValue') : `${serie.percents[i]} %`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </SectionCard>
  );
}
