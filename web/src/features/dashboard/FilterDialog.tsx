import type { DashboardFilter } from '@cerise/common';
import { Alert, Button, Group, Modal, TextInput } from '@mantine/core';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { CompetencyPicker, type CompetencySelection } from '../referentials/picker/CompetencyPicker.tsx';
import { useCreateFilter, useUpdateFilter } from './dashboard.api.ts';
import type { CompetencyFilterState } from './TeacherFilters.tsx';

type Props = {
  /** The saved filter being edited; null to create one. */
  filter: DashboardFilter | null;
  initial: string[];
  onClose: () => void;
  onApply: (v: CompetencyFilterState) => void;
};

const toSelection = (ids: readonly string[]): CompetencySelection[] => ids.map((competencyId) => ({ competencyId, complexityIds: [], hazardIds: [] }));

/** « Créer un filtre » / « Modifier le filtre »: pick in the tree, name it, « Enregistrer le filtre », « Valider et fermer ». */
export function FilterDialog({ filter, initial, onClose, onApply }: Props) {
  const [selection, setSelection] = useState<CompetencySelection[]>(toSelection(filter?.competencyIds ?? initial));
  const [name, setName] = useState(filter?.name ?? '');
  const [saved, setSaved] = useState<DashboardFilter | null>(filter);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useCreateFilter();
  const update = useUpdateFilter();
  const ids = selection.map((s) => s.competencyId);
  const error = create.error ?? update.error;

  const save = async (): Promise<DashboardFilter | null> => {
    if (ids.length === 0) return setProblem(t('dashboard.filters.pickRequired')), null;
    if (name.trim() === '') return setProblem(t('dashboard.filters.nameRequired')), null;
    setProblem(null);
    const body = { name: name.trim(), competencyIds: ids };
    const result = saved ? await update.mutateAsync({ id: saved.id, version: saved.version, ...body }) : await create.mutateAsync(body);
    setSaved(result);
    notifySuccess(t('dashboard.filters.saved', { name: result.name }));
    return result;
  };

  const apply = async () => {
    if (ids.length === 0) return setProblem(t('dashboard.filters.pickRequired'));
    try {
      // Editing a saved filter saves it; a new one stays unsaved unless « Enregistrer le filtre » was used.
      const result = saved && (saved.name !== name.trim() || saved.competencyIds.join() !== ids.join()) ? await save() : saved;
      onApply({ filterId: result?.id ?? null, competencyIds: ids });
    } catch {
      // The error shows above the buttons.
    }
  };

  return (
    <Modal opened onClose={onClose} size="xl" title={filter ? t('dashboard.filters.dialogEdit', { name: filter.name }) : t('dashboard.filters.dialogCreate')}>
      <CompetencyPicker value={selection} onChange={setSelection} withItems={false} orderable={false} headingLevel={3} label={t('dashboard.filters.pickerLabel')} />
      <TextInput mt="md" label={t('dashboard.filters.name')} description={t('dashboard.filters.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={100} />
      {problem && (
        <Alert color="red" variant="light" mt="md" role="alert">
          {problem}
        </Alert>
      )}
      {error && <ErrorAlert error={error} />}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={() => void save().catch(() => undefined)} loading={create.isPending || update.isPending}>
          {t('dashboard.filters.save')}
        </Button>
        <Button onClick={() => void apply()}>{t('dashboard.filters.apply')}</Button>
      </Group>
    </Modal>
  );
}
