import type { DashboardFilter } from '@cerise/common';
import { Button, Group, Modal, NativeSelect, Text } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { useDeleteFilter, useTeacherFilters } from './dashboard.api.ts';
import { FilterDialog } from './FilterDialog.tsx';

export type CompetencyFilterState = { filterId: string | null; competencyIds: string[] } | null;

type Props = { value: CompetencyFilterState; onChange: (v: CompetencyFilterState) => void };

/** A teacher's filters (docs/guide.md § 3.8.2): the drop-down applies at once; create, edit, delete. */
export function TeacherFilters({ value, onChange }: Props) {
  const filters = useTeacherFilters();
  const del = useDeleteFilter();
  const [dialog, setDialog] = useState<{ mode: 'create' } | { mode: 'edit'; filter: DashboardFilter } | null>(null);
  const [confirm, setConfirm] = useState<DashboardFilter | null>(null);
  const list = filters.data?.filters ?? [];
  const current = value?.filterId ? list.find((f) => f.id === value.filterId) : undefined;
  const selectValue = value === null ? '' : (value.filterId ?? '__unsaved');

  return (
    <div className="dash-no-print">
      {filters.isError && <ErrorAlert error={filters.error} onRetry={() => void filters.refetch()} />}
      <Group align="flex-end" mb="sm" wrap="wrap">
        <NativeSelect
          label={t('dashboard.filters.label')}
          value={selectValue}
          onChange={(e) => {
            const id = e.currentTarget.value;
            const f = list.find((x) => x.id === id);
            onChange(f ? { filterId: f.id, competencyIds: f.competencyIds } : id === '__unsaved' ? value : null);
          }}
          data={[
            { value: '', label: t('dashboard.filters.none') },
            ...(value !== null && value.filterId === null ? [{ value: '__unsaved', label: t('dashboard.filters.unsaved') }] : []),
            ...list.map((f) => ({ value: f.id, label: f.name })),
          ]}
          miw={240}
        />
        <Button variant="default" onClick={() => setDialog({ mode: 'create' })}>
          {t('dashboard.filters.create')}
        </Button>
        {current && (
          <>
            <Button variant="default" onClick={() => setDialog({ mode: 'edit', filter: current })}>
              {t('dashboard.filters.edit')}
            </Button>
            <Button variant="default" color="red" onClick={() => setConfirm(current)}>
              {t('dashboard.filters.delete')}
            </Button>
          </>
        )}
      </Group>
      {dialog && (
        <FilterDialog
          filter={dialog.mode === 'edit' ? dialog.filter : null}
          initial={dialog.mode === 'create' && value?.filterId === null ? value.competencyIds : []}
          onClose={() => setDialog(null)}
          onApply={(v) => {
            onChange(v);
            setDialog(null);
          }}
        />
      )}
      <Modal opened={confirm !== null} onClose={() => setConfirm(null)} title={t('dashboard.filters.delete')}>
        <Text mb="md">{confirm ? t('dashboard.filters.deleteConfirm', { name: confirm.name }) : ''}</Text>
        {del.isError && <ErrorAlert error={del.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(null)}>
            {t('dashboard.filters.cancel')}
          </Button>
          <Button
            color="red"
            loading={del.isPending}
            onClick={() =>
              confirm &&
              del.mutate(confirm.id, {
                onSuccess: () => {
                  setConfirm(null);
                  onChange(null);
                  notifySuccess(t('dashboard.filters.deleted'));
                },
              })
            }
          >
            {t('dashboard.filters.deleteOk')}
          </Button>
        </Group>
      </Modal>
    </div>
  );
}
