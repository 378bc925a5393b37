import { DateInput, type DateInputProps, type DateStringValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { forwardRef } from 'react';
import { t } from '../app/i18n/t.ts';

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

/** A date typed as jj/mm/aaaa or picked in a calendar whose buttons are named in French. */
export const FrenchDateInput = forwardRef<HTMLInputElement, DateInputProps>(function FrenchDateInput(props, ref) {
  return (
    <DateInput
      ref={ref}
      placeholder={t('admin.birthDate.placeholder')}
      valueFormat="DD/MM/YYYY"
      dateParser={parseFrenchDate}
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
      {...props}
    />
  );
});
