import { forwardRef } from 'react';
import { t } from '../../app/i18n/t.ts';
import { FrenchDateInput } from '../../ui/FrenchDateInput.tsx';

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

type BirthDateInputProps = {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  /** Why the typed text is not a birth date (null: it is one, or the field is empty). */
  onTextProblem?: (message: string | null) => void;
  error?: string | undefined;
  readOnly?: boolean;
  description?: string;
  /** Where the calendar opens when the field is empty (a staff member, a learner…). */
  defaultYear?: number;
};

/**
 * A birth date typed as jj/mm/aaaa (never a two-digit year: 75 could be 1975 or 2075) or picked in a calendar that opens on the decades: two
 * clicks reach the year (docs/guide.md §3.2.2: « cliquez 2 fois sur l'année pour faire défiler les années »).
 */
export const BirthDateInput = forwardRef<HTMLInputElement, BirthDateInputProps>(function BirthDateInput(
  { label, value, onChange, onTextProblem, error, readOnly = false, description, defaultYear = 1985 },
  ref,
) {
  return (
    <FrenchDateInput
      ref={ref}
      label={label}
      description={description ?? t('admin.birthDate.hint')}
      value={value}
      onChange={onChange}
      onTextProblem={onTextProblem}
      problemMessages={{ tooLate: t('admin.userForm.errors.birthDateFuture') }}
      defaultLevel={value ? 'month' : 'decade'}
      defaultDate={value ?? `${defaultYear}-01-01`}
      minDate="1900-01-01"
      maxDate={today()}
      clearable={!readOnly}
      clearButtonProps={{ 'aria-label': t('admin.birthDate.clear') }}
      readOnly={readOnly}
      error={error}
    />
  );
});
