import { DateInput, type DateInputProps, type DateStringValue } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { forwardRef, useState, type FocusEvent, type InputEvent } from 'react';
import { t } from '../app/i18n/t.ts';
import { checkFrenchDate, isoToFrench, parseFrenchDate, type DateTextProblem } from './french-date.ts';

export { parseFrenchDate };

type FrenchDateInputProps = DateInputProps & {
  /**
   * Told, as the user types, why the text is not a date (null once it is one, or empty): a form
   * refuses to send while there is one. The field shows it itself once the user leaves it.
   */
  onTextProblem?: (message: string | null) => void;
  /** Other words for some problems (a birth date in the future…). */
  problemMessages?: Partial<Record<DateTextProblem, string>>;
};

function dayOf(d: DateInputProps['minDate']): string | undefined {
  if (d === undefined) return undefined;
  if (typeof d === 'string') return d.slice(0, 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * A date typed as jj/mm/aaaa or picked in a calendar whose buttons are named in French. A text
 * that is not a date stays as typed, with a message saying what is wrong (aria-invalid, linked by
 * aria-describedby); the value is then empty, never the previous date.
 */
export const FrenchDateInput = forwardRef<HTMLInputElement, FrenchDateInputProps>(function FrenchDateInput(
  { onTextProblem, problemMessages, error, onChange, onInput, onBlur, minDate, maxDate, value, ...props },
  ref,
) {
  const bounds = { minDate: dayOf(minDate), maxDate: dayOf(maxDate) };
  const [text, setText] = useState('');
  const [typedProblem, setTypedProblem] = useState<DateTextProblem | null>(null);
  const [shown, setShown] = useState<DateTextProblem | null>(null);
  const [lastValue, setLastValue] = useState(value);
  // The form's message about the text, until the text is typed again.
  const [dismissedError, setDismissedError] = useState<DateInputProps['error']>(undefined);
  if (value !== lastValue) {
    setLastValue(value);
    // A date set from outside (a reload, the calendar) replaces what was typed.
    if (value) {
      setTypedProblem(null);
      setShown(null);
    }
  }

  const messageFor = (problem: DateTextProblem, typed: string): string => {
    const custom = problemMessages?.[problem];
    if (custom) return custom;
    switch (problem) {
      case 'format':
        return t('admin.dateErrors.format');
      case 'shortYear':
        return t('admin.dateErrors.shortYear');
      case 'notADate':
        return t('admin.dateErrors.notADate', { date: typed.trim() });
      case 'tooEarly':
        return t('admin.dateErrors.tooEarly', { date: isoToFrench(bounds.minDate ?? '') });
      case 'tooLate':
        return t('admin.dateErrors.tooLate', { date: isoToFrench(bounds.maxDate ?? '') });
    }
  };

  const handleInput = (event: InputEvent<HTMLInputElement>) => {
    onInput?.(event);
    const typed = event.currentTarget.value;
    const check = checkFrenchDate(typed, bounds);
    setText(typed);
    setDismissedError(error);
    setTypedProblem(check.problem);
    if (check.problem === null) setShown(null);
    // What is typed is not a date: the value is empty, not the date shown before.
    if (check.problem !== null && value) onChange?.(null);
    if (check.problem !== null || typedProblem !== null) onTextProblem?.(check.problem === null ? null : messageFor(check.problem, typed));
  };

  // A day picked in the calendar replaces a text that was not a date.
  const handleChange = (next: DateStringValue | null) => {
    if (next && typedProblem !== null) {
      setTypedProblem(null);
      setShown(null);
      onTextProblem?.(null);
    }
    onChange?.(next);
  };

  const handleBlur = (event: FocusEvent<HTMLInputElement>) => {
    onBlur?.(event);
    setShown(typedProblem);
  };

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
      value={value}
      onChange={handleChange}
      minDate={minDate}
      maxDate={maxDate}
      onInput={handleInput}
      onBlur={handleBlur}
      // A text that is not a date stays as typed (Mantine would empty the field).
      fixOnBlur={typedProblem === null}
      error={shown !== null ? messageFor(shown, text) : error !== dismissedError ? error : undefined}
    />
  );
});
