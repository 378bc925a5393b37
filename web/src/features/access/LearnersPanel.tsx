import { NO_DIVISION_ID, PASSWORD_STATE_LABELS, type AccessLearner, type ResetLearnersResponse } from '@cerise/common';
import { Alert, Button, Group, List, Text, Title } from '@mantine/core';
import { IconCheck, IconFileTypeCsv, IconRefresh } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { ConfirmModal } from '../users/ConfirmModal.tsx';
import { frenchDate, frenchDateTime, personName } from '../users/format.ts';
import { learnersCsvUrl, useDivisionLearners, useResetLearners } from './access.api.ts';
import { SelectableTable, type Column } from './SelectableTable.tsx';
import { useTickedAction } from './use-ticked-action.ts';

/** Which password works now (docs/design.md §4). */
const passwordState = (l: AccessLearner): string => PASSWORD_STATE_LABELS[l.passwordState];

const columns: Column<AccessLearner>[] = [
  { id: 'lastName', header: t('access.learners.lastName'), cell: (l) => <strong>{l.lastName}</strong>, title: true },
  { id: 'firstName', header: t('access.learners.firstName'), cell: (l) => l.firstName, title: true },
  { id: 'login', header: t('access.learners.login'), cell: (l) => <span className="admin-mono">{l.login}</span>, nowrap: true },
  { id: 'birthDate', header: t('access.learners.birthDate'), cell: (l) => frenchDate(l.birthDate) || t('access.unknown'), nowrap: true },
  { id: 'lastLogin', header: t('access.learners.lastLogin'), cell: (l) => frenchDateTime(l.lastLoginAt) || t('access.never') },
  { id: 'password', header: t('access.learners.password'), cell: passwordState },
];

/** « Accès apprenants » of a division (docs/guide.md §3.3.2). */
export function LearnersPanel({ divisionId }: { divisionId: string }) {
  const learners = useDivisionLearners(divisionId);
  const reset = useResetLearners(divisionId);
  const ticks = useTickedAction<AccessLearner>();
  const [result, setResult] = useState<ResetLearnersResponse | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  if (learners.isPending) return <PageLoader />;
  if (learners.isError) return <ErrorAlert error={learners.error} onRetry={() => void learners.refetch()} />;
  const { division } = learners.data;
  const noDivision = division.id === NO_DIVISION_ID;
  const rows = learners.data.learners;
  const ticked = ticks.tickedOf(rows);

  const confirm = () =>
    reset.mutate(
      ticks.chosen.map((l) => l.id),
      {
        onSuccess: (r) => {
          setResult(r);
          ticks.finish();
          // After the dialog has given focus back to its button.
          window.setTimeout(() => resultRef.current?.focus(), 60);
        },
      },
    );

  return (
    <section aria-labelledby="access-learners-title">
      <Title order={2} size="h3" id="access-learners-title" mb="xs">
        {noDivision ? t('access.learners.titleNoDivision') : t('access.learners.title', { division: division.code })}
      </Title>
      <Text mb="xs">{t('access.learners.intro')}</Text>
      <Text size="sm" mb="md">
        {t('access.learners.passwordNote')}
      </Text>

      {result && (
        <div ref={resultRef} tabIndex={-1} className="access-result">
          <Alert color="green" variant="light" icon={<IconCheck aria-hidden="true" />} title={t('access.learners.resultTitle')} mb="md">
            <Text size="sm">{t('access.learners.resetCount', { count: result.reset.length })}</Text>
            {result.reset.length > 0 && (
              <Text size="sm" className="admin-mono">
                {result.reset.map((r) => r.login).join(', ')}
              </Text>
            )}
            {result.skipped.length > 0 && (
              <>
                <Text size="sm" mt="xs" fw={700}>
                  {t('access.learners.skippedCount', { count: result.skipped.length })}
                </Text>
                <List size="sm">
                  {result.skipped.map((s) => (
                    <List.Item key={s.id}>
                      <span className="admin-mono">{s.login}</span> : {s.message}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
            {result.reset.length > 0 && (
              <Text size="sm" mt="xs">
                {t('access.learners.resultNote')}
              </Text>
            )}
          </Alert>
        </div>
      )}

      {rows.length === 0 ? (
        <Text>{noDivision ? t('access.learners.emptyNoDivision') : t('access.learners.empty')}</Text>
      ) : (
        <>
          <Group gap="sm" mb="sm" wrap="wrap">
            <Button
              component="a"
              href={learnersCsvUrl(divisionId)}
              download
              variant="outline"
              leftSection={<IconFileTypeCsv size={18} aria-hidden="true" />}
            >
              {noDivision ? t('access.learners.csvNoDivision') : t('access.learners.csv')}
            </Button>
            <Button
              color="red"
              leftSection={<IconRefresh size={18} aria-hidden="true" />}
              onClick={() => ticks.start(ticked, reset.reset)}
            >
              {t('access.learners.resetTicked', { count: ticked.length })}
            </Button>
          </Group>
          <Text size="sm" mb="sm" role="status">
            {ticks.statusText(ticked, rows.length, t('access.learners.tickFirst'))}
          </Text>
          <SelectableTable
            rows={rows}
            columns={columns}
            rowName={(l) => personName(l)}
            selected={ticks.selected}
            onSelectedChange={ticks.setSelected}
            caption={
              noDivision ? t('access.learners.captionNoDivision', { count: rows.length }) : t('access.learners.caption', { division: division.code, count: rows.length })
            }
          />
        </>
      )}

      <ConfirmModal
        opened={ticks.confirming}
        title={t('access.learners.confirmTitle', { count: ticks.chosen.length })}
        confirmLabel={t('access.learners.confirm')}
        onConfirm={confirm}
        onClose={ticks.close}
        pending={reset.isPending}
        error={reset.error}
        danger
      >
        <Text>{t('access.learners.confirmText')}</Text>
        <List size="sm">
          {ticks.chosen.map((l) => (
            <List.Item key={l.id}>
              {personName(l)} (<span className="admin-mono">{l.login}</span>)
              {!l.birthDate && ` — ${t('access.learners.noBirthDate')}`}
            </List.Item>
          ))}
        </List>
      </ConfirmModal>
    </section>
  );
}
