import { SCHOOL_LEVELS, type SchoolLevel, type ScenarioListItem } from '@cerise/common';
import { Badge, Button, Card, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconLock, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { pageCountOf, Pager } from '../../ui/Pager.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useAddressParams } from '../../ui/use-address-params.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { frenchDate, levelLabel, personName } from './scenario-format.ts';
import { scenarioPath } from './scenario-paths.ts';
import { ScenarioActions } from './ScenarioActions.tsx';
import { useScenarios } from './scenarios.api.ts';
import './scenarios.css';

const PAGE_SIZE = 20;
const isLevel = (v: string | null): v is SchoolLevel => (SCHOOL_LEVELS as readonly string[]).includes(v ?? '');

/** Typed text written to the address once typing pauses. */
function useSettledText(value: string, write: (v: string | null) => void) {
  const [input, setInput] = useState(value);
  const [settled] = useDebouncedValue(input, 350);
  useEffect(() => {
    if (settled.trim() !== value.trim()) write(settled.trim() || null);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the typed text settles
  }, [settled]);
  return [input, setInput] as const;
}

/** `/:uai/scenarios`: « Gestion des scénarios » (docs/guide.md § 3.5). Filters live in the address. */
export function ScenarioListPage() {
  const { establishment, user } = useCurrentUser();
  const { params, page, update, setPage } = useAddressParams();
  const search = params.get('q') ?? '';
  const competency = params.get('competence') ?? '';
  const author = params.get('auteur') ?? '';
  const levelParam = params.get('niveau');
  const level = isLevel(levelParam) ? levelParam : '';
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const [searchInput, setSearchInput] = useSettledText(search, (v) => update({ q: v }));
  const [competencyInput, setCompetencyInput] = useSettledText(competency, (v) => update({ competence: v }));
  const listTitle = useRef<HTMLHeadingElement>(null);
  const path = scenarioPath(establishment.uai);

  const list = useScenarios({ search, author, level, competency, page, pageSize: PAGE_SIZE });
  const total = list.data?.total ?? 0;
  const items = list.data?.items ?? [];
  const filtered = Boolean(search || competency || author || level);
  const countText = t('scenarios.list.count', { count: total });

  const authorOptions = [
    { value: '', label: t('scenarios.filters.allAuthors') },
    ...(list.data?.authors ?? []).map((a) => ({ value: a.id, label: a.id === user.id ? t('scenarios.filters.me', { name: personName(a) }) : personName(a) })),
  ];

  return (
    <>
      <PageTitle>{moduleTitle('scenarios')}</PageTitle>
      <Text mb="md">{t('scenarios.intro')}</Text>
      <Button component={Link} to={path.create} leftSection={<IconPlus size={18} aria-hidden="true" />} mb="lg">
        {t('scenarios.newScenario')}
      </Button>

      <Title order={2} size="h3" mb="sm" ref={listTitle} tabIndex={-1}>
        {t('scenarios.list.title')}
      </Title>
      <ListFilters label={t('scenarios.filters.label')}>
        <SearchField label={t('scenarios.filters.search')} description={t('scenarios.filters.searchHint')} value={searchInput} onChange={(e) => setSearchInput(e.currentTarget.value)} />
        <NativeSelect label={t('scenarios.filters.author')} value={author} onChange={(e) => update({ auteur: e.currentTarget.value || null })} data={authorOptions} />
        <NativeSelect
          label={t('scenarios.filters.level')}
          value={level}
          onChange={(e) => update({ niveau: e.currentTarget.value || null })}
          data={[{ value: '', label: t('scenarios.filters.allLevels') }, ...SCHOOL_LEVELS.map((l) => ({ value: l, label: t(`scenarios.levels.${l}`) }))]}
        />
        <TextInput label={t('scenarios.filters.competency')} description={t('scenarios.filters.competencyHint')} value={competencyInput} onChange={(e) => setCompetencyInput(e.currentTarget.value)} />
      </ListFilters>
      <ListStatus
        text={list.data ? countText : ''}
        filtered={filtered}
        clearLabel={t('scenarios.filters.clear')}
        onClear={() => {
          setSearchInput('');
          setCompetencyInput('');
          update({ q: null, competence: null, auteur: null, niveau: null });
        }}
      />

      {list.isPending && <PageLoader />}
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <div className={list.isPlaceholderData ? 'scenarios-stale' : undefined} aria-busy={list.isFetching || undefined} data-scenarios-list>
        {list.data && items.length === 0 && (filtered ? <Text my="md">{t('scenarios.list.noMatch')}</Text> : <EmptyState createPath={path.create} />)}
        {items.length > 0 && (wide ? <ScenarioTable items={items} caption={t('scenarios.list.caption', { count: countText })} /> : <ScenarioCards items={items} />)}
      </div>
      <Pager
        label={t('scenarios.list.pagerLabel')}
        page={Math.min(page, pageCountOf(total, PAGE_SIZE))}
        pageCount={pageCountOf(total, PAGE_SIZE)}
        onChange={(p) => {
          setPage(p);
          requestAnimationFrame(() => listTitle.current?.focus());
        }}
      />
    </>
  );
}

function EmptyState({ createPath }: { createPath: string }) {
  return (
    <Paper withBorder p="lg" radius="md" my="md">
      <Title order={3} size="h4" mb="xs">
        {t('scenarios.list.emptyTitle')}
      </Title>
      <Text mb="md">{t('scenarios.list.emptyText')}</Text>
      <Button component={Link} to={createPath} variant="outline" leftSection={<IconPlus size={18} aria-hidden="true" />}>
        {t('scenarios.newScenario')}
      </Button>
    </Paper>
  );
}

function TitleCell({ s }: { s: ScenarioListItem }) {
  return (
    <Group gap={6} wrap="wrap" align="center">
      <Text fw={600}>{s.title}</Text>
      {s.isPrivate && (
        <Badge variant="light" color="gray" leftSection={<IconLock size={12} aria-hidden="true" />}>
          {t('scenarios.list.private')}
        </Badge>
      )}
    </Group>
  );
}

const codes = (s: ScenarioListItem) => (s.competencyCodes.length > 0 ? s.competencyCodes.join(', ') : t('scenarios.list.noCompetency'));

function ScenarioTable({ items, caption }: { items: ScenarioListItem[]; caption: string }) {
  const c = (k: keyof typeof columns) => columns[k];
  const columns = {
    title: t('scenarios.list.columns.title'),
    author: t('scenarios.list.columns.author'),
    level: t('scenarios.list.columns.level'),
    competencies: t('scenarios.list.columns.competencies'),
    updatedAt: t('scenarios.list.columns.updatedAt'),
    actions: t('scenarios.list.columns.actions'),
  };
  return (
    <Table striped withTableBorder verticalSpacing="sm" aria-label={caption}>
      <Table.Thead>
        <Table.Tr>
          {(Object.keys(columns) as (keyof typeof columns)[]).map((k) => (
            <Table.Th key={k} scope="col">
              {c(k)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td miw={180}>
              <TitleCell s={s} />
            </Table.Td>
            <Table.Td>{personName(s.author)}</Table.Td>
            <Table.Td>{levelLabel(s.level)}</Table.Td>
            <Table.Td>{codes(s)}</Table.Td>
            <Table.Td>{frenchDate(s.updatedAt)}</Table.Td>
            <Table.Td miw={400}>
              <ScenarioActions scenario={s} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ScenarioCards({ items }: { items: ScenarioListItem[] }) {
  return (
    <Stack gap="sm" component="ul" className="scenarios-cards">
      {items.map((s) => (
        <Card withBorder key={s.id} component="li" padding="md">
          <TitleCell s={s} />
          <Text size="sm" mt={4}>
            {personName(s.author)} · {levelLabel(s.level)} · {frenchDate(s.updatedAt)}
          </Text>
          <Text size="sm" mb="sm">
            {t('scenarios.list.columns.competencies')} : {codes(s)}
          </Text>
          <ScenarioActions scenario={s} />
        </Card>
      ))}
    </Stack>
  );
}
