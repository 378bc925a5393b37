import type { SiecleImportReportPerson } from '@cerise/common';
import { Badge, Group, NativeSelect, Table, Text, Title } from '@mantine/core';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { pageCountOf, Pager } from '../../ui/Pager.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { filterPeople, statusText, type Column, type Section, type StatusFilter } from './report-model.ts';

export const PAGE_SIZE = 50;
const numbers = new Intl.NumberFormat('fr-FR');
const NOWRAP_COLUMNS = new Set<Column['id']>(['login', 'password', 'status']);
/** Below this many people, a table needs neither search nor pages. */
const TOOLS_FROM = 10;

const STATUS_COLOR: Record<SiecleImportReportPerson['status'], string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'gray',
  hidden: 'orange',
  ignored: 'gray',
};

function Cell({ column, person }: { column: Column; person: SiecleImportReportPerson }) {
  const value = column.value(person);
  if (column.id === 'password') {
    return person.initialPassword ? <span className="secret">{value}</span> : <Text span size="sm" c="dimmed">{value}</Text>;
  }
  if (column.id === 'login') return <span className="mono">{value}</span>;
  if (column.id === 'status') {
    return (
      <Badge color={STATUS_COLOR[person.status]} variant="light" radius="sm" className="status-badge">
        {statusText(person.status)}
      </Badge>
    );
  }
  if (column.id === 'division' && person.divisions.length === 0) {
    return (
      <Text span size="sm" fs="italic">
        {value}
      </Text>
    );
  }
  return <>{value}</>;
}

/**
 * One table of the report (teachers, learners…) with a caption, column headers, a text search
 * and an « État » filter when it is long, and pages of 50 rows (6,000 learners!).
 */
export function PeopleTable({ section }: { section: Section }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState(1);
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(() => filterPeople(section, deferredQuery, status), [section, deferredQuery, status]);

  const total = section.people.length;
  const pages = pageCountOf(rows.length, PAGE_SIZE);
  const current = Math.min(page, pages);
  const from = (current - 1) * PAGE_SIZE;
  const visible = rows.slice(from, from + PAGE_SIZE);
  const withTools = total > TOOLS_FROM;
  const isFiltered = rows.length !== total;
  const countText = isFiltered ? t('imports.people.filtered', { shown: rows.length, total }) : t('imports.people.count', { count: total });
  const rangeText = pages > 1 ? t('imports.people.pagination.rows', { from: from + 1, to: from + visible.length, total: rows.length }) : '';
  const statuses = [...new Set(section.people.map((p) => p.status))];

  return (
    <section aria-labelledby={`${id}-title`} className="people-section">
      <Title order={3} size="h4" id={`${id}-title`} mb="xs">
        {section.title}{' '}
        <Text span c="dimmed" fw={400} size="md">
          ({numbers.format(total)})
        </Text>
      </Title>

      {total === 0 ? (
        <Text size="sm">{t('imports.people.empty')}</Text>
      ) : (
        <>
          {withTools && (
            <Group align="flex-end" gap="md" mb="xs" wrap="wrap">
              <SearchField
                label={t('imports.people.search')}
                description={t('imports.people.searchDescription')}
                value={query}
                onChange={(e) => {
                  setQuery(e.currentTarget.value);
                  setPage(1);
                }}
                w={{ base: '100%', xs: 280 }}
              />
              {section.hasStatusFilter && (
                <NativeSelect
                  label={t('imports.people.statusFilter')}
                  value={status}
                  onChange={(e) => {
                    setStatus(e.currentTarget.value as StatusFilter);
                    setPage(1);
                  }}
                  data={[
                    { value: 'all', label: t('imports.people.statusAll') },
                    ...statuses.map((s) => ({ value: s, label: statusText(s) })),
                  ]}
                  w={{ base: '100%', xs: 200 }}
                />
              )}
              <Text size="sm" role="status" className="people-count">
                {countText}
              </Text>
            </Group>
          )}

          {rows.length === 0 ? (
            <Text size="sm" my="sm">
              {t('imports.people.noMatch')}
            </Text>
          ) : (
            <Table.ScrollContainer
              minWidth={section.columns.length * 120}
              type="native"
              tabIndex={0}
              role="region"
              aria-labelledby={`${id}-caption`}
              className="scroll-region"
            >
              <Table striped highlightOnHover verticalSpacing={4} captionSide="top" className="imports-table people-table">
                <Table.Caption id={`${id}-caption`} className="sr-only">
                  {section.title} — {countText}
                  {rangeText && ` — ${rangeText}`}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {section.columns.map((c) => (
                      <Table.Th scope="col" key={c.id}>
                        {c.header}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {visible.map((person, i) => (
                    <Table.Tr key={`${from + i}-${person.login ?? person.lastName}`}>
                      {section.columns.map((c) => (
                        <Table.Td key={c.id} className={NOWRAP_COLUMNS.has(c.id) ? 'nowrap' : undefined}>
                          <Cell column={c} person={person} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}

          <Pager
            label={t('imports.people.pagination.label', { table: section.title })}
            page={current}
            pageCount={pages}
            detail={rangeText}
            mt="xs"
            onChange={setPage}
          />
        </>
      )}
    </section>
  );
}
