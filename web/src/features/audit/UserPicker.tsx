import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { personName } from '../users/format.ts';
import { useUser, useUserSearch } from '../users/users.api.ts';

type UserPickerProps = {
  label: string;
  description?: string;
  value: string;
  onChange: (userId: string) => void;
};

/** Picks a user by typing part of a name or login; the server does the search. */
export function UserPicker({ label, description, value, onChange }: UserPickerProps) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const results = useUserSearch(debounced);
  const current = useUser(value || null);

  const optionOf = (u: { id: string; firstName: string; lastName: string; login: string }) => ({
    value: u.id,
    label: `${personName(u)} (${u.login})`,
  });
  const options = (results.data?.items ?? []).map(optionOf);
  if (current.data && !options.some((o) => o.value === current.data.id)) options.unshift(optionOf(current.data));

  return (
    <Select
      label={label}
      description={description}
      placeholder={t('audit.filters.userPlaceholder')}
      data={options}
      value={value || null}
      onChange={(id) => onChange(id ?? '')}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      clearable
      clearButtonProps={{ 'aria-label': t('audit.filters.userClear') }}
      nothingFoundMessage={debounced.trim().length < 2 ? t('audit.filters.userTypeMore') : t('audit.filters.userNone')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
