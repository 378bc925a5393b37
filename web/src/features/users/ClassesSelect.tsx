import { MultiSelect } from '@mantine/core';
import { t } from '../../app/i18n/t.ts';
import { useDivisions } from './users.api.ts';

type ClassesSelectProps = {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
};

/** The divisions and groups a teacher teaches this school year. */
export function ClassesSelect({ value, onChange, error }: ClassesSelectProps) {
  const divisions = useDivisions();
  const data = divisions.data
    ? [
        {
          group: t('admin.classes.divisions'),
          items: divisions.data.divisions.map((d) => ({ value: d.id, label: d.label ? `${d.code} — ${d.label}` : d.code })),
        },
        {
          group: t('admin.classes.groups'),
          items: divisions.data.groups.map((g) => ({ value: g.id, label: g.label ? `${g.code} — ${g.label}` : g.code })),
        },
      ].filter((g) => g.items.length > 0)
    : [];
  return (
    <MultiSelect
      label={t('admin.classes.label')}
      description={
        divisions.isError
          ? t('admin.classes.loadError')
          : divisions.data && data.length === 0
            ? t('admin.classes.none')
            : t('admin.classes.hint', { year: divisions.data?.schoolYear ?? '' })
      }
      placeholder={value.length === 0 ? t('admin.classes.placeholder') : undefined}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      nothingFoundMessage={t('admin.classes.nothingFound')}
      hidePickedOptions
      error={error}
      comboboxProps={{ withinPortal: true }}
      clearButtonProps={{ 'aria-label': t('admin.classes.clear') }}
    />
  );
}
