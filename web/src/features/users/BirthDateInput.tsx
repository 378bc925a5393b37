import { DateInput, type DateStringValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { t } from '../../app/i18n/t.ts';

/** `14/03/2010`, `14-03-2010`, `14.03.2010` or `14032010` → `2010-03-14`; anything else → null. */
export function parseFrenchDate(input: string): DateStringValue | null {
  const s = input.trim();
  const m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

type BirthDateInputProps = {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  readOnly?: boolean;
  description?: string;
  /** Where the calendar opens when the field is empty (a staff member, a learner…). */
  defaultYear?: number;
};

/**
 * A birth date typed as jj/mm/aaaa or picked in a calendar that opens on the decades: two
 * clicks reach the year (guide § 3.2.2: « cliquez 2 fois sur l'année pour faire défiler les années »).
 */
export const BirthDateInput = forwardRef<HTMLInputElement, BirthDateInputProps>(function BirthDateInput(
  { label, value, onChange, error, readOnly = false, description, defaultYear = 1985 },
  ref,
) {
  return (
    <DateInput
      ref={ref}
      label={label}
      description={description ?? t('admin.birthDate.hint')}
      placeholder={t('admin.birthDate.placeholder')}
      value={value}
      onChange={onChange}
      valueFormat="DD/MM/YYYY"
      dateParser={parseFrenchDate}
      defaultLevel={value ? 'month' : 'decade'}
      defaultDate={value ?? `${defaultYear}-01-01`}
      minDate="1900-01-01"
      maxDate={today()}
      clearable={!readOnly}
      clearButtonProps={{ 'aria-label': t('admin.birthDate.clear') }}
      readOnly={readOnly}
      error={error}
      leftSection={<IconCalendar size={16} aria-hidden="true" />}
      ariaLabels={{
        previousDecade: t('admin.birthDate.previousDecade'),
        nextDecade: t('admin.birthDate.nextDecade'),
        previousYear: t('admin.birthDate.previousYear'),
        nextYear: t('admin.birthDate.nextYear'),
        previousMonth: t('admin.birthDate.previousMonth'),
        nextMonth: t('admin.birthDate.nextMonth'),
      }}
      popoverProps={{ withinPortal: true }}
      // Weekends and the days of other months would be drawn in light colours, below 4.5:1.
      weekendDays={[]}
      hideOutsideDates
    />
  );
});
