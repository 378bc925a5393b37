import { Card, Checkbox, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { t } from '../../app/i18n/t.ts';

export type Column<T> = {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  nowrap?: boolean;
  /** The card's title on narrow screens (the person's name): shown bold, without its header. */
  title?: boolean;
};

type SelectableTableProps<T extends { id: string }> = {
  rows: T[];
  columns: Column<T>[];
  /** The row's name for its check box: « Cocher Inès MARTIN ». */
  rowName: (row: T) => string;
  selected: ReadonlySet<string>;
  onSelectedChange: (next: Set<string>) => void;
  caption: string;
  minWidth?: number;
};

/** A table whose rows can be ticked one by one or all at once (the first column's header). */
export function SelectableTable<T extends { id: string }>({
  rows,
  columns,
  rowName,
  selected,
  onSelectedChange,
  caption,
  minWidth = 720,
}: SelectableTableProps<T>) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const some = rows.some((r) => selected.has(r.id));
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const toggle = (row: T, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(row.id);
    else next.delete(row.id);
    onSelectedChange(next);
  };

  // A phone: one card per row, every column kept (birth date, password state…) as « header: value ».
  if (narrow) {
    const titleColumns = columns.filter((c) => c.title);
    const detailColumns = columns.filter((c) => !c.title);
    return (
      <Stack gap="sm">
        <Checkbox
          label={t('access.tickAll')}
          checked={all}
          indeterminate={some && !all}
          onChange={() => onSelectedChange(all ? new Set() : new Set(rows.map((r) => r.id)))}
        />
        <Stack component="ul" gap="sm" className="admin-plain-list access-cards" aria-label={caption}>
          {rows.map((row) => (
            <Card component="li" key={row.id} withBorder padding="sm" radius="md" data-selected={selected.has(row.id) || undefined}>
              <Checkbox
                aria-label={t('access.tick', { name: rowName(row) })}
                label={
                  <Text component="span" fw={700}>
                    {titleColumns.length > 0 ? titleColumns.map((c) => <span key={c.id}>{c.cell(row)} </span>) : rowName(row)}
                  </Text>
                }
                checked={selected.has(row.id)}
                onChange={(e) => toggle(row, e.currentTarget.checked)}
              />
              <dl className="user-card-details">
                {detailColumns.map((c) => (
                  <div key={c.id} className="access-card-field">
                    <dt>{c.header}</dt>
                    <dd>{c.cell(row)}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          ))}
        </Stack>
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={minWidth} type="native">
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Caption className="sr-only">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={48}>
              <Checkbox
                aria-label={t('access.tickAll')}
                checked={all}
                indeterminate={some && !all}
                onChange={() => onSelectedChange(all ? new Set() : new Set(rows.map((r) => r.id)))}
              />
            </Table.Th>
            {columns.map((c) => (
              <Table.Th scope="col" key={c.id}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id} data-selected={selected.has(row.id) || undefined}>
              <Table.Td>
                <Checkbox
                  aria-label={t('access.tick', { name: rowName(row) })}
                  checked={selected.has(row.id)}
                  onChange={(e) => toggle(row, e.currentTarget.checked)}
                />
              </Table.Td>
              {columns.map((c) => (
                <Table.Td key={c.id} className={c.nowrap ? 'admin-nowrap' : undefined}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
