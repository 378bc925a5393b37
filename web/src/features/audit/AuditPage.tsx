import { AUDIT_ACTION_LABELS, type AuditEntryDto } from '@cerise/common';
import { Checkbox, List, NativeSelect, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useRef } from 'react';
import { fr } from '../../app/i18n/fr.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FrenchDateInput } from '../../ui/FrenchDateInput.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { pageCountOf, Pager } from '../../ui/Pager.tsx';
import { useAddressParams } from '../../ui/use-address-params.ts';
import { BackLink } from '../settings/BackLink.tsx';
import { frenchDateTime, personName } from '../users/format.ts';
import { actionText, detailLines } from './audit-details.ts';
import { useAuditEntries } from './audit.api.ts';
import { UserPicker } from './UserPicker.tsx';
import '../users/admin.css';

const PAGE_SIZE = 50;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The filter's actions, grouped by domain; « toutes les actions sur … » first in each group. */
function actionOptions() {
  const groups = fr.audit.actionGroups as Record<string, string>;
  const codes = Object.keys(AUDIT_ACTION_LABELS);
  const byPrefix = new Map<string, string[]>();
  for (const code of codes) {
    const prefix = code.split('.')[0]!;
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), code]);
  }
  return [
    { value: '', label: t('audit.filters.allActions') },
    ...[...byPrefix.entries()].map(([prefix, list]) => ({
      group: groups[prefix] ?? prefix,
      items: [
        { value: `${prefix}.`, label: t('audit.filters.allOf', { group: groups[prefix] ?? prefix }) },
        ...list.map((code) => ({ value: code, label: actionText(code, AUDIT_ACTION_LABELS[code] ?? code) })),
      ],
    })),
  ];
}

function PersonText({ person }: { person: AuditEntryDto['actor'] }) {
  if (!person) return <>{t('audit.system')}</>;
  const name = person.lastName || person.firstName ? personName({ firstName: person.firstName ?? '', lastName: person.lastName ?? '' }) : '';
  return (
    <>
      {name}
      {person.login && (
        <>
          {name && ' '}
          <span className="admin-mono">({person.login})</span>
        </>
      )}
    </>
  );
}

function targetOf(entry: AuditEntryDto) {
  if (!entry.target) return null;
  if (entry.target.person) return <PersonText person={entry.target.person} />;
  return null;
}

function Details({ entry }: { entry: AuditEntryDto }) {
  const lines = detailLines(entry.details);
  if (lines.length === 0) return null;
  return (
    <List size="sm" spacing={2} className="audit-details">
      {lines.map((line, i) => (
        <List.Item key={i}>{line}</List.Item>
      ))}
    </List>
  );
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <FrenchDateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      clearButtonProps={{ 'aria-label': t('audit.filters.clearDate', { label }) }}
    />
  );
}

/** `/:uai/parametres/journal`: « Journal des actions » (administrators), filters in the address. */
export function AuditPage() {
  const { params, page, update, setPage } = useAddressParams();
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const countRef = useRef<HTMLParagraphElement>(null);
  const from = ISO_DAY.test(params.get('du') ?? '') ? params.get('du')! : '';
  const to = ISO_DAY.test(params.get('au') ?? '') ? params.get('au')! : '';
  const userId = params.get('utilisateur') ?? '';
  const action = /^[a-z_.]+$/.test(params.get('action') ?? '') ? params.get('action')! : '';
  const includeSignIns = params.get('connexions') === 'oui';
  const entries = useAuditEntries({ from, to, userId, action, includeSignIns, page, pageSize: PAGE_SIZE });

  const total = entries.data?.total ?? 0;
  const pageCount = pageCountOf(total, PAGE_SIZE);
  const items = entries.data?.items ?? [];
  const filtered = Boolean(from || to || userId || action || includeSignIns);
  const countText = t('audit.count', { count: total });

  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <Text mb="xs">{t('audit.intro')}</Text>
      <BackLink />

      <ListFilters
        label={t('audit.filters.label')}
        footer={
          <Checkbox
            mt="md"
            label={t('audit.filters.signIns')}
            checked={includeSignIns}
            onChange={(e) => update({ connexions: e.currentTarget.checked ? 'oui' : null })}
          />
        }
      >
        <DateFilter label={t('audit.filters.from')} value={from} onChange={(v) => update({ du: v || null })} />
        <DateFilter label={t('audit.filters.to')} value={to} onChange={(v) => update({ au: v || null })} />
        <UserPicker
          label={t('audit.filters.user')}
          description={t('audit.filters.userHint')}
          value={userId}
          onChange={(id) => update({ utilisateur: id || null })}
        />
        <NativeSelect
          label={t('audit.filters.action')}
          value={action}
          onChange={(e) => update({ action: e.currentTarget.value || null })}
          data={actionOptions()}
        />
      </ListFilters>

      <ListStatus
        ref={countRef}
        text={entries.data ? countText : ''}
        filtered={filtered}
        clearLabel={t('audit.filters.clear')}
        onClear={() => update({ du: null, au: null, utilisateur: null, action: null, connexions: null })}
      />

      {entries.isPending && <PageLoader />}
      {entries.isError && <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />}
      {entries.data && items.length === 0 && <Text my="md">{filtered ? t('audit.noMatch') : t('audit.empty')}</Text>}
      {items.length > 0 &&
        (wide ? (
          <Table.ScrollContainer minWidth={900} type="native">
            <Table striped verticalSpacing="xs">
              <Table.Caption className="sr-only">{`${t('audit.title')} — ${countText}`}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.columns.at')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.target')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.details')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="admin-nowrap">{frenchDateTime(e.at)}</Table.Td>
                    <Table.Td>{actionText(e.action, e.actionLabel)}</Table.Td>
                    <Table.Td>
                      <PersonText person={e.actor} />
                    </Table.Td>
                    <Table.Td>{targetOf(e)}</Table.Td>
                    <Table.Td>
                      <Details entry={e} />
                    </Table.Td>
                    <Table.Td className="admin-mono">{e.ip ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <ul className="admin-plain-list audit-cards" aria-label={`${t('audit.title')} — ${countText}`}>
            {items.map((e) => (
              <li key={e.id} className="audit-card">
                <Text fw={700}>{actionText(e.action, e.actionLabel)}</Text>
                <Text size="sm">{frenchDateTime(e.at)}</Text>
                <dl className="user-card-details">
                  <dt>{t('audit.columns.actor')}</dt>
                  <dd>
                    <PersonText person={e.actor} />
                  </dd>
                  {e.target?.person && (
                    <>
                      <dt>{t('audit.columns.target')}</dt>
                      <dd>{targetOf(e)}</dd>
                    </>
                  )}
                  {e.ip && (
                    <>
                      <dt>{t('audit.columns.ip')}</dt>
                      <dd className="admin-mono">{e.ip}</dd>
                    </>
                  )}
                </dl>
                <Details entry={e} />
              </li>
            ))}
          </ul>
        ))}
      <Pager
        label={t('audit.pagerLabel')}
        page={Math.min(page, pageCount)}
        pageCount={pageCount}
        onChange={(p) => {
          setPage(p);
          requestAnimationFrame(() => countRef.current?.focus());
        }}
      />
    </>
  );
}
