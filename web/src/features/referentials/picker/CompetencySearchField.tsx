import type { TextInputProps } from '@mantine/core';
import { t } from '../../../app/i18n/t.ts';
import { SearchField } from '../../../ui/SearchField.tsx';

type CompetencySearchFieldProps = Omit<TextInputProps, 'type' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
};

/** « Rechercher une compétence » (by code or words), in the picker and the editor. */
export function CompetencySearchField({ value, onChange, ...rest }: CompetencySearchFieldProps) {
  return (
    <SearchField
      label={t('referentials.picker.searchLabel')}
      description={t('referentials.picker.searchHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      {...rest}
    />
  );
}
