import { Button, Group, Text } from '@mantine/core';
import { forwardRef, type ReactNode } from 'react';
import './filters.css';

type ListFiltersProps = {
  /** Names the search landmark: « Filtrer le journal ». */
  label: string;
  /** The filter fields, side by side. */
  children: ReactNode;
  /** Below the fields (a check box…). */
  footer?: ReactNode;
};

/** The filters of a list: they apply as they change, there is nothing to submit. */
export function ListFilters({ label, children, footer }: ListFiltersProps) {
  return (
    <form role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      <div className="admin-filters">{children}</div>
      {footer}
    </form>
  );
}

type ListStatusProps = {
  /** « 12 utilisateurs », or nothing while the list loads. */
  text: string;
  /** Whether a filter is set: then « Effacer les filtres » shows. */
  filtered: boolean;
  clearLabel: string;
  onClear: () => void;
};

/** The count of a list, announced when it changes, and the button that clears its filters. */
export const ListStatus = forwardRef<HTMLParagraphElement, ListStatusProps>(function ListStatus({ text, filtered, clearLabel, onClear }, ref) {
  return (
    <Group justify="space-between" mt="md" mb="xs" wrap="wrap">
      <Text size="sm" role="status" fw={500} ref={ref} tabIndex={ref ? -1 : undefined}>
        {text}
      </Text>
      {filtered && (
        <Button variant="subtle" size="xs" onClick={onClear}>
          {clearLabel}
        </Button>
      )}
    </Group>
  );
});
