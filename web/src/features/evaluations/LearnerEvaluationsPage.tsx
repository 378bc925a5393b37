import { Anchor, NativeSelect, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { Pager, pageCountOf } from '../../ui/Pager.tsx';
import { useEvaluationPeople, useLearnerEvaluations } from './evaluations.api.ts';
import { formatDate, personName } from './format.ts';

/** The learner's visible evaluations (docs/guide.md § 3.6.3); a parent sees each child's, chosen at the top. */
export function LearnerEvaluationsPage() {
  const me = useCurrentUser();
  const isParent = me.profiles.includes('parent') && !me.profiles.includes('learner');
  const people = useEvaluationPeople();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState({ title: '', date: '', page: 1 });
  const learners = people.data?.learners ?? [];
  const learnerId = learners.find((l) => l.id === params.get('apprenant'))?.id ?? learners[0]?.id ?? null;
  const list = useLearnerEvaluations({ learnerId, ...filters });
  const filtered = filters.title !== '' || filters.date !== '';
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  if (people.isPending) return <PageLoader />;
  if (people.isError) return <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />;
  return (
    <>
      <PageTitle>{t('evaluations.title')}</PageTitle>
      <Title order={2} size="h3" mb="sm">
        {isParent ? t('evaluations.learner.headingParent') : t('evaluations.learner.heading')}
      </Title>
      {isParent &&
        (learners.length === 0 ? (
          <Text>{t('evaluations.learner.noChild')}</Text>
        ) : (
          <NativeSelect
            label={t('evaluations.learner.child')}
            value={learnerId ?? ''}
            onChange={(e) => setParams({ apprenant: e.currentTarget.value })}
            data={learners.map((l) => ({ value: l.id, label: personName(l) }))}
            maw={360}
            mb="md"
          />
        ))}
      <Text size="sm" mb="sm">
        {t('evaluations.learner.note')}
      </Text>
      <ListFilters label={t('evaluations.learner.filters')}>
        <TextInput label={t('evaluations.list.filterTitle')} description={t('evaluations.list.filterTitleHint')} value={filters.title} onChange={(e) => set({ title: e.currentTarget.value })} />
        <TextInput label={t('evaluations.list.filterDate')} description={t('evaluations.list.filterDateHint')} value={filters.date} inputMode="numeric" onChange={(e) => set({ date: e.currentTarget.value.replace(/[^0-9/]/g, '') })} />
      </ListFilters>
      <ListStatus
        text={list.data ? t('evaluations.learner.count', { count: list.data.total }) : ''}
        filtered={filtered}
        clearLabel={t('evaluations.list.clear')}
        onClear={() => setFilters({ title: '', date: '', page: 1 })}
      />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Text>{t('evaluations.learner.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-busy={list.isFetching || undefined}>
            <Table.Caption>{t('evaluations.learner.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evaluations.learner.colTitle')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.learner.colDate')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.learner.colTeacher')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.learner.colResults')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.learner.colActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={500}>
                    {e.title}
                  </Table.Th>
                  <Table.Td>{formatDate(e.evaluatedOn)}</Table.Td>
                  <Table.Td>{personName(e.author)}</Table.Td>
                  <Table.Td>{t('evaluations.learner.results', { results: e.resultCount, count: e.competencyCount })}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`consulter/${e.id}?apprenant=${learnerId}`} aria-label={t('evaluations.learner.consult', { title: e.title })}>
                      {t('evaluations.learner.consultShort')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && <Pager label={t('evaluations.list.pager')} page={filters.page} pageCount={pageCountOf(list.data.total, list.data.pageSize)} onChange={(page) => setFilters((f) => ({ ...f, page }))} />}
    </>
  );
}
