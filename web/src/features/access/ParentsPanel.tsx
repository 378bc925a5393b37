import { deName, NO_DIVISION_ID, PASSWORD_STATE_LABELS, type AccessParent } from '@cerise/common';
import { Button, Group, List, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { hasCode } from '../../app/api.ts';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { EstablishmentIncompleteNotice } from '../settings/EstablishmentIncomplete.tsx';
import { ConfirmModal } from '../users/ConfirmModal.tsx';
import { useReturnFocus } from '../users/use-return-focus.ts';
import { frenchDateTime, personName } from '../users/format.ts';
import { PasswordResetDialog } from '../users/PasswordResetDialog.tsx';
import { useDivisionParents, useParentLetters, useResetParentPassword } from './access.api.ts';
import { SelectableTable, type Column } from './SelectableTable.tsx';
import { useTickedAction } from './use-ticked-action.ts';

function childrenText(p: AccessParent): string {
  return p.children
    .map((c) => `${personName(c)}${c.divisions.length ? ` (${c.divisions.join(', ')})` : ''}${t('access.parents.level', { level: c.level })}`)
    .join(' ; ');
}

/** A parent's password reset: the shared dialog, by mail or shown once with a letter. */
function ParentResetModal({ parent, onClose }: { parent: AccessParent; onClose: () => void }) {
  const reset = useResetParentPassword(parent.id);
  return <PasswordResetDialog person={parent} children={parent.children.map((c) => personName(c))} reset={reset} onClose={onClose} />;
}

/** « Accès parents » of a division: the parents with their children, resets and letters. */
export function ParentsPanel({ divisionId }: { divisionId: string }) {
  const parents = useDivisionParents(divisionId);
  const letters = useParentLetters(divisionId);
  const ticks = useTickedAction<AccessParent>();
  const [resetting, setResetting] = useState<AccessParent | null>(null);
  const focusReturn = useReturnFocus(() => null);

  if (parents.isPending) return <PageLoader />;
  if (parents.isError) return <ErrorAlert error={parents.error} onRetry={() => void parents.refetch()} />;
  const { division } = parents.data;
  const rows = parents.data.parents;
  const ticked = ticks.tickedOf(rows);

  const columns: Column<AccessParent>[] = [
    { id: 'name', header: t('access.parents.name'), cell: (p) => <strong>{personName(p, true)}</strong>, title: true },
    { id: 'login', header: t('access.parents.loginHeader'), cell: (p) => <span className="admin-mono">{p.login}</span>, nowrap: true },
    {
      id: 'email',
      header: t('access.parents.email'),
      cell: (p) =>
        p.email ? (
          <span className="admin-break">{p.email}</span>
        ) : (
          <Text span size="sm" fs="italic" c="dimmed">
            {t('access.parents.noEmail')}
          </Text>
        ),
    },
    { id: 'children', header: t('access.parents.children'), cell: childrenText },
    { id: 'lastLogin', header: t('access.parents.lastLogin'), cell: (p) => frenchDateTime(p.lastLoginAt) || t('access.never') },
    { id: 'password', header: t('access.parents.password'), cell: (p) => PASSWORD_STATE_LABELS[p.passwordState] },
    {
      id: 'actions',
      header: t('access.parents.actions'),
      cell: (p) => (
        <Button
          variant="light"
          size="xs"
          leftSection={<IconKey size={16} aria-hidden="true" />}
          aria-label={t('access.parents.resetName', { ofName: deName(personName(p)) })}
          onClick={(e) => {
            focusReturn.remember(e.currentTarget);
            setResetting(p);
          }}
        >
          {t('access.parents.reset')}
        </Button>
      ),
    },
  ];

  const noDivision = division.id === NO_DIVISION_ID;
  const fallbackName = `lettres-parents-${noDivision ? NO_DIVISION_ID : division.code}.pdf`;
  const incomplete = hasCode(letters.error, 'settings.establishment_incomplete');

  return (
    <section aria-labelledby="access-parents-title">
      <Title order={2} size="h3" id="access-parents-title" mb="xs">
        {noDivision ? t('access.parents.titleNoDivision') : t('access.parents.title', { division: division.code })}
      </Title>
      <Text mb="xs">{t('access.parents.intro')}</Text>
      <Text size="sm" mb="md">
        {t('access.parents.lettersNote')}
      </Text>
      {incomplete && <EstablishmentIncompleteNotice />}
      {letters.isError && !incomplete && <ErrorAlert error={letters.error} />}

      {rows.length === 0 ? (
        <Text>{noDivision ? t('access.parents.emptyNoDivision') : t('access.parents.empty')}</Text>
      ) : (
        <>
          <Group gap="sm" mb="sm">
            <Button
              variant="outline"
              leftSection={<IconFileTypePdf size={18} aria-hidden="true" />}
              onClick={() => ticks.start(ticked, letters.reset)}
            >
              {t('access.parents.letters', { count: ticked.length })}
            </Button>
          </Group>
          <Text size="sm" mb="sm" role="status">
            {ticks.statusText(ticked, rows.length, t('access.parents.tickFirst'))}
          </Text>
          <SelectableTable
            rows={rows}
            columns={columns}
            rowName={(p) => personName(p)}
            selected={ticks.selected}
            onSelectedChange={ticks.setSelected}
            caption={
              noDivision ? t('access.parents.captionNoDivision', { count: rows.length }) : t('access.parents.caption', { division: division.code, count: rows.length })
            }
            minWidth={960}
          />
        </>
      )}

      <ConfirmModal
        opened={ticks.confirming}
        title={t('access.parents.lettersTitle', { count: ticks.chosen.length })}
        confirmLabel={t('access.parents.lettersConfirm')}
        onConfirm={() =>
          letters.mutate(
            { parentIds: ticks.chosen.map((p) => p.id), fallbackName },
            {
              onSuccess: (file) => {
                ticks.finish();
                notifySuccess(t('access.parents.lettersDone', { file, count: ticks.chosen.length }));
              },
              onError: ticks.close,
            },
          )
        }
        onClose={ticks.close}
        pending={letters.isPending}
        danger
      >
        <Text>{t('access.parents.lettersText')}</Text>
        <List size="sm">
          {ticks.chosen.map((p) => (
            <List.Item key={p.id}>
              {personName(p, true)} (<span className="admin-mono">{p.login}</span>)
            </List.Item>
          ))}
        </List>
      </ConfirmModal>
      {resetting && (
        <ParentResetModal
          parent={resetting}
          onClose={() => {
            setResetting(null);
            focusReturn.restore();
          }}
        />
      )}
    </section>
  );
}
