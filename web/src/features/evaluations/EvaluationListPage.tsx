import type { EvaluationSummary } from '@cerise/common';
import { Alert, Anchor, Button, Group, Modal, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../app/api.ts';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { Pager, pageCountOf } from '../../ui/Pager.tsx';
import { useDeleteEvaluation, useEvaluationChoices, useEvaluationList } from './evaluations.api.ts';
import { formatDate, personName } from './format.ts';

/** « Mes évaluations » (docs/guide.md § 3.6.2): filters by title, date and class; open, modify, delete. */
export function EvaluationListPage() {
  const me = useCurrentUser();
  const uai = me.establishment.uai;
  const [filters, setFilters] = useState({ title: '', date: '', classId: '', page: 1 });
  const list = useEvaluationList(filters);
  const choices = useEvaluationChoices();
  const remove = useDeleteEvaluation();
  const [toDelete, setToDelete] = useState<EvaluationSummary | null>(null);
  const filtered = filters.title !== '' || filters.date !== '' || filters.classId !== '';
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));

  async function confirmDelete() {
    if (!toDelete) return;
    await remove.mutateAsync({ id: toDelete.id, version: toDelete.version });
    setToDelete(null);
    notifySuccess(t('evaluations.list.deleted'));
  }

  return (
    <>
      <PageTitle>{t('evaluations.title')}</PageTitle>
      <Group justify="space-between" mb="md">
        <Text fw={600} size="lg" component="h2">
          {t('evaluations.list.heading')}
        </Text>
        <Button component={Link} to={`/${uai}/evaluations/nouvelle`} leftSection={<IconPlus size={16} aria-hidden="true" />}>
          {t('evaluations.list.create')}
        </Button>
      </Group>
      <ListFilters label={t('evaluations.list.filters')}>
        <TextInput label={t('evaluations.list.filterTitle')} description={t('evaluations.list.filterTitleHint')} value={filters.title} onChange={(e) => set({ title: e.currentTarget.value })} />
        <TextInput label={t('evaluations.list.filterDate')} description={t('evaluations.list.filterDateHint')} value={filters.date} inputMode="numeric" onChange={(e) => set({ date: e.currentTarget.value.replace(/[^0-9/]/g, '') })} />
        <NativeSelect
          label={t('evaluations.list.filterClass')}
          value={filters.classId}
          onChange={(e) => set({ classId: e.currentTarget.value })}
          data={[{ value: '', label: t('evaluations.list.allClasses') }, ...(choices.data?.classes ?? []).map((c) => ({ value: c.id, label: c.code }))]}
        />
      </ListFilters>
      <ListStatus
        text={list.data ? t('evaluations.list.count', { count: list.data.total }) : ''}
        filtered={filtered}
        clearLabel={t('evaluations.list.clear')}
        onClear={() => setFilters({ title: '', date: '', classId: '', page: 1 })}
      />
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <Text>{t('evaluations.list.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-busy={list.isFetching || undefined}>
            <Table.Caption>{t('evaluations.list.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('evaluations.list.colTitle')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colDate')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colClasses')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colAuthor')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colSize')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colVisible')}</Table.Th>
                <Table.Th scope="col">{t('evaluations.list.colActions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={500}>
                    {e.title}
                  </Table.Th>
                  <Table.Td>{formatDate(e.evaluatedOn)}</Table.Td>
                  <Table.Td>{e.classCodes.join(', ')}</Table.Td>
                  <Table.Td>{personName(e.author)}</Table.Td>
                  <Table.Td>{t('evaluations.list.size', { learners: e.learnerCount, competencies: e.competencyCount, results: e.resultCount })}</Table.Td>
                  <Table.Td>{e.isVisible ? t('evaluations.list.visibleYes') : t('evaluations.list.visibleNo')}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} to={`/${uai}/evaluations/${e.id}`} aria-label={e.canEdit ? t('evaluations.list.open', { title: e.title }) : t('evaluations.list.consult', { title: e.title })}>
                        {e.canEdit ? t('evaluations.list.openShort') : t('evaluations.list.consultShort')}
                      </Anchor>
                      {e.canEdit && (
                        <Anchor component={Link} to={`/${uai}/evaluations/${e.id}/modifier`} aria-label={t('evaluations.list.edit', { title: e.title })}>
                          {t('evaluations.list.editShort')}
                        </Anchor>
                      )}
                      {e.isAuthor && (
                        <Button size="compact-sm" variant="outline" color="red.9" onClick={() => setToDelete(e)} aria-label={t('evaluations.list.delete', { title: e.title })}>
                          {t('evaluations.list.deleteShort')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && (
        <Pager label={t('evaluations.list.pager')} page={filters.page} pageCount={pageCountOf(list.data.total, list.data.pageSize)} onChange={(page) => setFilters((f) => ({ ...f, page }))} />
      )}
      <Modal opened={toDelete !== null} onClose={() => setToDelete(null)} title={t('evaluations.list.deleteTitle')} centered>
        <Text mb="md">{toDelete && t('evaluations.list.deleteConfirm', { title: toDelete.title, results: toDelete.resultCount })}</Text>
        {remove.isError && (
          <Alert color="red" mb="sm" role="alert">
            {errorText(remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setToDelete(null)}>
            {t('evaluations.list.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => void confirmDelete().catch(() => undefined)}>
            {t('evaluations.list.deleteOk')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
