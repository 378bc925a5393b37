import type { SituationListResponse, SituationSummary } from '@cerise/common';
import { Anchor, Card, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { pageCountOf, Pager } from '../../ui/Pager.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { frenchDate } from './format.ts';
import { useSituations } from './passport.api.ts';
import { SituationMarks } from './SituationMarks.tsx';

type Props = {
  learnerId: string;
  /** Where a situation's title leads. */
  hrefOf: (id: string) => string;
  /** Teacher's view: blocked competencies in red and said in text; context and conditions shown. */
  teacherView?: boolean;
  /** Above the list, once loaded (the blocked competencies, a download…). */
  header?: (data: SituationListResponse) => ReactNode;
};

/** The situations of a learner with the three filters (docs/guide.md § 3.7.2): cards on a phone, a table on a wide screen. */
export function SituationList({ learnerId, hrefOf, teacherView = false, header }: Props) {
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [competency, setCompetency] = useState('');
  const [page, setPage] = useState(1);
  const [filters] = useDebouncedValue({ title, date, competency }, 300);
  const list = useSituations(learnerId, { ...filters, page });
  const filtered = Boolean(title || date || competency);
  const clear = () => {
    setTitle('');
    setDate('');
    setCompetency('');
    setPage(1);
  };
  const onFilter = (set: (v: string) => void) => (e: React.ChangeEvent<HTMLInputElement>) => {
    set(e.currentTarget.value);
    setPage(1);
  };

  return (
    <div aria-busy={list.isFetching}>
      {list.data && header?.(list.data)}
      <ListFilters label={t('passport.list.filtersLabel')}>
        <SearchField label={t('passport.list.filterTitle')} value={title} onChange={onFilter(setTitle)} />
        <TextInput label={t('passport.list.filterDate')} description={t('passport.list.filterDateHint')} inputMode="numeric" value={date} onChange={onFilter(setDate)} />
        <TextInput label={t('passport.list.filterCompetency')} description={t('passport.list.filterCompetencyHint')} value={competency} onChange={onFilter(setCompetency)} />
      </ListFilters>
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending && !list.error && <PageLoader />}
      {list.data && (
        <>
          <ListStatus
            text={t('passport.list.count', { count: list.data.total })}
            filtered={filtered}
            clearLabel={t('passport.list.clearFilters')}
            onClear={clear}
          />
          {list.data.items.length === 0 ? (
            <Text c="dimmed">{filtered ? t('passport.list.noneFiltered') : t('passport.list.none')}</Text>
          ) : wide ? (
            <SituationTable items={list.data.items} hrefOf={hrefOf} teacherView={teacherView} />
          ) : (
            <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0 }}>
              {list.data.items.map((item) => (
                <Card component="li" withBorder key={item.id} padding="sm">
                  <Anchor component={Link} to={hrefOf(item.id)} fw={600}>
                    {item.title}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t('passport.list.dates', { date: frenchDate(item.occurredOn), created: frenchDate(item.createdAt) })}
                  </Text>
                  <SituationText item={item} teacherView={teacherView} />
                  <SituationMarks item={item} showBlocked={teacherView} />
                </Card>
              ))}
            </Stack>
          )}
          <Pager label={t('passport.list.pager')} page={page} pageCount={pageCountOf(list.data.total, list.data.pageSize)} onChange={setPage} />
        </>
      )}
    </div>
  );
}

function SituationText({ item, teacherView }: { item: SituationSummary; teacherView: boolean }) {
  const red = teacherView && item.blocked;
  return (
    <Text size="sm" c={red ? 'red.9' : undefined} fw={red ? 600 : undefined}>
      <strong>{item.situation.situationCode}</strong> {item.situation.situationTitle}
    </Text>
  );
}

function SituationTable({ items, hrefOf, teacherView }: { items: SituationSummary[]; hrefOf: (id: string) => string; teacherView: boolean }) {
  return (
    <Table striped highlightOnHover verticalSpacing="sm">
      <Table.Caption>{t('passport.list.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('passport.list.colTitle')}</Table.Th>
          {teacherView && <Table.Th scope="col">{t('passport.list.colContext')}</Table.Th>}
          <Table.Th scope="col">{t('passport.list.colSituation')}</Table.Th>
          <Table.Th scope="col">{t('passport.list.colMarks')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.id}>
            <Table.Td>
              <Anchor component={Link} to={hrefOf(item.id)} fw={600}>
                {item.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t('passport.list.dates', { date: frenchDate(item.occurredOn), created: frenchDate(item.createdAt) })}
              </Text>
            </Table.Td>
            {teacherView && (
              <Table.Td>
                <Text size="sm" lineClamp={3}>
                  {[item.context, item.conditions].filter(Boolean).join(' — ') || '—'}
                </Text>
              </Table.Td>
            )}
            <Table.Td>
              <SituationText item={item} teacherView={teacherView} />
            </Table.Td>
            <Table.Td>
              <SituationMarks item={item} showBlocked={teacherView} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
