import { Button, Group, NativeSelect, SegmentedControl, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { useClassOverview } from './dashboard.api.ts';
import { HEAT_BACKGROUND, stateLabel, stateText } from './states.ts';

/** Learners × competencies as a heat map, with the state written in each cell; sortable; printable. */
export function ClassOverview({ divisionId, competencyIds }: { divisionId: string; competencyIds: ReadonlySet<string> | null }) {
  const q = useClassOverview(divisionId);
  const [sort, setSort] = useState<'learner' | 'competency'>('learner');
  const [sortCompetency, setSortCompetency] = useState('');
  const data = q.data;
  const columns = useMemo(() => (data ? data.competencies.map((c, i) => ({ ...c, i })).filter((c) => competencyIds === null || competencyIds.has(c.id)) : []), [data, competencyIds]);
  const rows = useMemo(() => {
    if (!data) return [];
    const learners = [...data.learners];
    const col = columns.find((c) => c.id === sortCompetency) ?? columns[0];
    if (sort === 'competency' && col) learners.sort((a, b) => (b.cells[col.i]!.percent ?? -1) - (a.cells[col.i]!.percent ?? -1) || a.lastName.localeCompare(b.lastName, 'fr'));
    return learners;
  }, [data, columns, sort, sortCompetency]);

  if (q.isPending) return <PageLoader />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <section aria-labelledby="dash-overview-title" aria-busy={q.isFetching}>
      <Title order={2} size="h3" id="dash-overview-title" mb="sm">
        {t('dashboard.overview.title', { division: q.data.division.code })}
      </Title>
      <Group className="dash-no-print" align="flex-end" mb="sm" wrap="wrap">
        <div>
          <Text size="sm" fw={500} id="dash-sort-label">
            {t('dashboard.overview.sort')}
          </Text>
          <SegmentedControl
            aria-labelledby="dash-sort-label"
            value={sort}
            onChange={(v) => setSort(v as 'learner' | 'competency')}
            data={[
              { value: 'learner', label: t('dashboard.overview.sortByLearner') },
              { value: 'competency', label: t('dashboard.overview.sortByCompetency') },
            ]}
          />
        </div>
        {sort === 'competency' && (
          <NativeSelect
            label={t('dashboard.overview.sortCompetency')}
            value={sortCompetency || columns[0]?.id || ''}
            onChange={(e) => setSortCompetency(e.currentTarget.value)}
            data={columns.map((c) => ({ value: c.id, label: `${c.code} ${c.label}` }))}
            maw={360}
          />
        )}
        <Button variant="default" onClick={() => window.print()}>
          {t('dashboard.overview.print')}
        </Button>
      </Group>
      {rows.length === 0 ? (
        <Text>{t('dashboard.overview.empty')}</Text>
      ) : (
        <div className="dash-scroll" tabIndex={0} role="region" aria-label={t('dashboard.overview.caption', { division: q.data.division.code })}>
          <table className="dash-heat">
            <caption>{t('dashboard.overview.caption', { division: q.data.division.code })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.overview.learner')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c.id} title={c.label}>
                    {c.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    {l.lastName} {l.firstName}
                  </th>
                  {columns.map((c) => {
                    const cell = l.cells[c.i]!;
                    return (
                      <td key={c.id} style={{ background: HEAT_BACKGROUND[cell.state] }} title={stateText(cell.percent, cell.state)}>
                        {cell.percent === null ? t('dashboard.overview.cellNone') : `${cell.percent} %`}
                        <br />
                        <small>{stateLabel(cell.state)}</small>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
