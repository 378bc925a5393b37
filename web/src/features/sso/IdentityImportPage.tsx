import {
  IDENTITY_IMPORT_OUTCOMES,
  IDENTITY_IMPORT_PRESET_IDS,
  IdentityImportAppliedSchema,
  IdentityImportReportSchema,
  type IdentityImportMapping,
  type IdentityImportOutcome,
  type IdentityImportReport,
  type IdentityImportRow,
} from '@cerise/common';
import { Badge, Button, FileInput, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SectionCard } from '../../ui/SectionCard.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { BackLink } from '../settings/BackLink.tsx';
import { useSsoSettings } from './sso.api.ts';
import './sso.css';

/*
 * `/:uai/parametres/connexion-ent/import`: « Import des identifiants ENT » (docs/sso.md). The file
 * stays in the browser between the simulation and « Appliquer », which sends it again with the
 * simulation's fingerprint: the server applies the same plan, or refuses if anything moved.
 */

type Choice = 'auto' | 'manual' | (typeof IDENTITY_IMPORT_PRESET_IDS)[number];
const COLUMN_KEYS = ['idEnt', 'lastName', 'firstName', 'sconetId', 'ine', 'profile'] as const;
const OPTIONAL = new Set(['sconetId', 'ine', 'profile']);
const OUTCOME_COLOR: Record<IdentityImportOutcome, string> = {
  linked: 'green',
  changed: 'blue',
  unchanged: 'gray',
  taken: 'orange',
  homonyms: 'orange',
  unknown: 'red',
  left: 'gray',
  duplicate: 'orange',
  invalid: 'red',
};

function formOf(file: File, mapping: string, digest?: string): FormData {
  const data = new FormData();
  data.append('mapping', mapping);
  if (digest) data.append('digest', digest);
  data.append('file', file);
  return data;
}

export function IdentityImportPage() {
  const settings = useSsoSettings();
  const [providerId, setProviderId] = useState<string>('');
  const [file, setFile] = useState<File | null>(null);
  const [choice, setChoice] = useState<Choice>('auto');
  const [manual, setManual] = useState<IdentityImportMapping | null>(null);
  const [filter, setFilter] = useState<IdentityImportOutcome | 'all'>('all');
  const providers = settings.data?.providers ?? [];
  const pid = providerId || providers[0]?.id || '';
  const mappingText = () => (choice === 'manual' && manual ? JSON.stringify(manual) : choice);

  const preview = useMutation({
    mutationFn: (f: File) => api.post(`/api/v1/sso/providers/${pid}/identity-import/preview`, formOf(f, mappingText()), { schema: IdentityImportReportSchema }),
    onSuccess: (r) => {
      if (!manual) setManual(r.mapping);
    },
  });
  const apply = useMutation({
    mutationFn: ({ f, digest }: { f: File; digest: string }) => api.post(`/api/v1/sso/providers/${pid}/identity-import/apply`, formOf(f, mappingText(), digest), { schema: IdentityImportAppliedSchema }),
    onSuccess: (r, { f }) => {
      notifySuccess(t('ssoImport.applied', { linked: r.linked, changed: r.changed }));
      preview.mutate(f);
    },
  });

  const onSimulate = (event: FormEvent) => {
    event.preventDefault();
    if (file && pid && !preview.isPending) preview.mutate(file);
  };
  const report = preview.data;

  return (
    <>
      <BackLink />
      <PageTitle>{t('ssoImport.title')}</PageTitle>
      <Text mb="lg">{t('ssoImport.intro')}</Text>
      {settings.isPending && <PageLoader />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && providers.length === 0 && <Text>{t('ssoImport.noProvider')}</Text>}
      {providers.length > 0 && (
        <SectionCard id="sso-import-file" title={t('ssoImport.file')}>
          <form onSubmit={onSimulate}>
            <Stack gap="sm">
              <NativeSelect label={t('ssoImport.provider')} value={pid} data={providers.map((p) => ({ value: p.id, label: p.label }))} onChange={(e) => setProviderId(e.currentTarget.value)} />
              <FileInput
                label={t('ssoImport.file')}
                description={t('ssoImport.fileHint')}
                accept=".csv,text/csv,text/plain"
                leftSection={<IconFileUpload size={18} aria-hidden="true" />}
                value={file}
                onChange={(f) => {
                  setFile(f);
                  setManual(null);
                  preview.reset();
                }}
                clearable
              />
              <NativeSelect
                label={t('ssoImport.preset')}
                value={choice}
                data={[
                  { value: 'auto', label: t('ssoImport.presets.auto') },
                  ...IDENTITY_IMPORT_PRESET_IDS.map((id) => ({ value: id, label: t(`ssoImport.presets.${id}`) })),
                  { value: 'manual', label: t('ssoImport.presets.manual') },
                ]}
                onChange={(e) => setChoice(e.currentTarget.value as Choice)}
              />
              {choice === 'manual' && manual && report && <ManualMapping mapping={manual} columns={report.columns} onChange={setManual} />}
              {preview.error && <ErrorAlert error={preview.error} />}
              <Group>
                <SubmitButton pending={preview.isPending} disabled={!file}>
                  {t('ssoImport.simulate')}
                </SubmitButton>
              </Group>
            </Stack>
          </form>
        </SectionCard>
      )}
      {report && file && (
        <SectionCard id="sso-import-report" title={t('ssoImport.reportTitle')}>
          <Stack gap="md" aria-busy={preview.isPending || apply.isPending || undefined}>
            <Text size="sm">{t('ssoImport.detected', { encoding: report.encoding === 'utf-8' ? 'UTF-8' : 'Windows-1252', delimiter: report.delimiter === '\t' ? 'tabulation' : report.delimiter, count: report.rows.length })}</Text>
            <Group gap="xs" wrap="wrap">
              {IDENTITY_IMPORT_OUTCOMES.filter((o) => report.counts[o] > 0).map((o) => (
                <Badge key={o} color={OUTCOME_COLOR[o]} variant="light" size="lg">
                  {t(`ssoImport.outcomes.${o}`)} : {report.counts[o]}
                </Badge>
              ))}
            </Group>
            {apply.error && <ErrorAlert error={apply.error} />}
            <Group>
              <Button
                aria-disabled={report.counts.linked + report.counts.changed === 0 || apply.isPending || undefined}
                loading={apply.isPending}
                onClick={() => {
                  if (report.counts.linked + report.counts.changed > 0 && !apply.isPending) apply.mutate({ f: file, digest: report.digest });
                }}
              >
                {t('ssoImport.apply', { count: report.counts.linked + report.counts.changed })}
              </Button>
            </Group>
            <NativeSelect
              label={t('ssoImport.filter')}
              value={filter}
              data={[{ value: 'all', label: t('ssoImport.filterAll') }, ...IDENTITY_IMPORT_OUTCOMES.filter((o) => report.counts[o] > 0).map((o) => ({ value: o, label: `${t(`ssoImport.outcomes.${o}`)} (${report.counts[o]})` }))]}
              onChange={(e) => setFilter(e.currentTarget.value as IdentityImportOutcome | 'all')}
              maw={360}
            />
            <ReportTable report={report} filter={filter} />
          </Stack>
        </SectionCard>
      )}
    </>
  );
}

function ManualMapping({ mapping, columns, onChange }: { mapping: IdentityImportMapping; columns: string[]; onChange: (m: IdentityImportMapping) => void }) {
  const indexOf = (ref: number | string | null) => (ref === null ? '' : typeof ref === 'number' ? String(ref) : String(Math.max(0, columns.indexOf(ref))));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NumberInput label={t('ssoImport.headerRows')} min={0} max={5} value={mapping.headerRows} onChange={(v) => onChange({ ...mapping, headerRows: typeof v === 'number' ? v : 1 })} />
      {COLUMN_KEYS.map((key) => (
        <NativeSelect
          key={key}
          label={t(`ssoImport.column.${key}`)}
          value={indexOf(mapping[key])}
          data={[...(OPTIONAL.has(key) ? [{ value: '', label: t('ssoImport.column.none') }] : []), ...columns.map((c, i) => ({ value: String(i), label: `${i + 1}. ${c}` }))]}
          onChange={(e) => onChange({ ...mapping, [key]: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
        />
      ))}
    </SimpleGrid>
  );
}

function detail(r: IdentityImportRow): string {
  if (r.outcome === 'taken' && r.previous) return t('ssoImport.details.taken', { login: r.previous });
  if (r.outcome === 'changed' && r.previous) return t('ssoImport.details.changed', { previous: r.previous });
  if (r.outcome === 'homonyms') return t('ssoImport.details.homonyms', { count: r.candidates });
  if (r.matchedBy) return t(`ssoImport.matchedBy.${r.matchedBy}`);
  return '';
}

const MAX_SHOWN = 500;

function ReportTable({ report, filter }: { report: IdentityImportReport; filter: IdentityImportOutcome | 'all' }) {
  const rows = report.rows.filter((r) => filter === 'all' || r.outcome === filter);
  if (rows.length === 0) return <Text>{t('ssoImport.noRows')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('ssoImport.columns.line')}</Table.Th>
            <Table.Th scope="col">{t('ssoImport.columns.idEnt')}</Table.Th>
            <Table.Th scope="col">{t('ssoImport.columns.person')}</Table.Th>
            <Table.Th scope="col">{t('ssoImport.columns.account')}</Table.Th>
            <Table.Th scope="col">{t('ssoImport.columns.outcome')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, MAX_SHOWN).map((r) => (
            <Table.Tr key={`${r.line}-${r.idEnt}`}>
              <Table.Td>{r.line}</Table.Td>
              <Table.Td className="sso-url">{r.idEnt}</Table.Td>
              <Table.Td>
                {r.lastName} {r.firstName}
              </Table.Td>
              <Table.Td>{r.account ? `${r.account.lastName} ${r.account.firstName} (${r.account.login})` : ''}</Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLOR[r.outcome]} variant="light">
                  {t(`ssoImport.outcomes.${r.outcome}`)}
                </Badge>{' '}
                <Text span size="sm">
                  {detail(r)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
