import { deName, USER_SOURCE_LABELS, type User } from '@cerise/common';
import { ActionIcon, Button, Card, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconEdit, IconEyeOff, IconFileImport, IconHandStop, IconKey, IconRestore } from '@tabler/icons-react';
import { t } from '../../app/i18n/t.ts';
import { frenchDate, personName, profilesText } from './format.ts';

export type UserAction = 'edit' | 'reset' | 'hide' | 'restore';

/** The profiles, green when imported and red when created by hand, always with the words. */
export function SourceTag({ user }: { user: User }) {
  const imported = user.source === 'siecle';
  const Icon = imported ? IconFileImport : IconHandStop;
  return (
    <div className={`user-source user-source--${user.source}`}>
      <span className="user-profiles">{profilesText(user.profiles)}</span>
      <span className="user-source-label">
        <Icon size={14} aria-hidden="true" />
        {USER_SOURCE_LABELS[user.source]}
      </span>
    </div>
  );
}

export function classesText(user: User): string {
  if (user.children.length > 0) {
    return t('users.list.childrenOf', {
      ofChildren: deName(
        user.children.map((c) => `${personName(c)} (${c.divisions.length ? c.divisions.join(', ') : t('users.list.noDivision')})`).join(', '),
      ),
    });
  }
  // A learner in no division is « sans classe », whatever groups they attend (docs/design.md §4).
  if (user.profiles.includes('learner') && !user.profiles.includes('teacher') && user.divisions.length === 0) {
    return user.groups.length > 0
      ? t('users.list.noDivisionGroups', { groups: user.groups.map((g) => g.code).join(', ') })
      : t('users.list.noDivision');
  }
  return [...user.divisions, ...user.groups].map((c) => c.code).join(', ');
}

function EmailText({ user }: { user: User }) {
  return user.email ? (
    <span className="admin-break">{user.email}</span>
  ) : (
    <Text span size="sm" c="dimmed" fs="italic">
      {t('users.list.noEmail')}
    </Text>
  );
}

function HiddenNote({ user }: { user: User }) {
  return (
    <Text size="xs" c="dimmed">
      {user.hiddenAt ? t('users.list.hiddenOn', { date: frenchDate(user.hiddenAt) }) : t('users.list.hidden')}
      {!user.canRestore && ` — ${t('users.list.hiddenByImport')}`}
    </Text>
  );
}

type RowsProps = {
  users: User[];
  hiddenView: boolean;
  /** `trigger`: the button pressed, which gets focus back when the dialog closes. */
  onAction: (action: UserAction, user: User, trigger: HTMLElement) => void;
  caption: string;
};

/** Buttons of one user: icons with a French name and tooltip (table) or words (cards). */
function Actions({ user, hiddenView, onAction, compact }: { user: User; hiddenView: boolean; onAction: RowsProps['onAction']; compact: boolean }) {
  const name = personName(user);
  const actions: { action: UserAction; label: string; named: string; Icon: typeof IconEdit; color?: string }[] = hiddenView
    ? user.canRestore
      ? [{ action: 'restore', label: t('users.actions.restore'), named: t('users.actions.restoreName', { name }), Icon: IconRestore }]
      : []
    : [
        { action: 'edit', label: t('users.actions.edit'), named: t('users.actions.editName', { name }), Icon: IconEdit },
        { action: 'reset', label: t('users.actions.reset'), named: t('users.actions.resetName', { ofName: deName(name) }), Icon: IconKey },
        ...(user.canHide
          ? [{ action: 'hide' as const, label: t('users.actions.hide'), named: t('users.actions.hideName', { name }), Icon: IconEyeOff, color: 'red' }]
          : []),
      ];
  if (actions.length === 0) return null;
  if (compact) {
    return (
      <Group gap={4} wrap="nowrap">
        {actions.map(({ action, label, named, Icon, color }) => (
          <Tooltip key={action} label={label} events={{ hover: true, focus: true, touch: false }} withArrow>
            <ActionIcon variant="subtle" color={color} size="lg" aria-label={named} onClick={(e) => onAction(action, user, e.currentTarget)}>
              <Icon size={20} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
        ))}
      </Group>
    );
  }
  return (
    <Group gap="xs">
      {actions.map(({ action, label, named, Icon, color }) => (
        <Button
          key={action}
          variant="light"
          color={color}
          size="xs"
          leftSection={<Icon size={16} aria-hidden="true" />}
          aria-label={named}
          onClick={(e) => onAction(action, user, e.currentTarget)}
        >
          {label}
        </Button>
      ))}
    </Group>
  );
}

/** Wide screens: a table with one row per user. */
export function UsersTable({ users, hiddenView, onAction, caption }: RowsProps) {
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" className="users-table">
        <Table.Caption className="sr-only">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('users.list.name')}</Table.Th>
            <Table.Th scope="col">{t('users.list.login')}</Table.Th>
            <Table.Th scope="col">{t('users.list.profiles')}</Table.Th>
            <Table.Th scope="col">{t('users.list.email')}</Table.Th>
            <Table.Th scope="col">{t('users.list.classes')}</Table.Th>
            <Table.Th scope="col">{t('users.list.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Th scope="row" fw={500}>
                {user.lastName} {user.firstName}
                {hiddenView && <HiddenNote user={user} />}
              </Table.Th>
              <Table.Td className="admin-mono admin-nowrap">{user.login}</Table.Td>
              <Table.Td>
                <SourceTag user={user} />
              </Table.Td>
              <Table.Td>
                <EmailText user={user} />
              </Table.Td>
              <Table.Td>{classesText(user)}</Table.Td>
              <Table.Td>
                <Actions user={user} hiddenView={hiddenView} onAction={onAction} compact />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Narrow screens: one card per user. */
export function UsersCards({ users, hiddenView, onAction, caption }: RowsProps) {
  return (
    <Stack component="ul" gap="sm" className="admin-plain-list" aria-label={caption}>
      {users.map((user) => (
        <Card component="li" key={user.id} withBorder padding="sm" radius="md">
          <Text fw={700}>
            {user.lastName} {user.firstName}
          </Text>
          {hiddenView && <HiddenNote user={user} />}
          <dl className="user-card-details">
            <dt>{t('users.list.login')}</dt>
            <dd className="admin-mono">{user.login}</dd>
            <dt>{t('users.list.profiles')}</dt>
            <dd>
              <SourceTag user={user} />
            </dd>
            <dt>{t('users.list.email')}</dt>
            <dd>
              <EmailText user={user} />
            </dd>
            {classesText(user) && (
              <>
                <dt>{t('users.list.classes')}</dt>
                <dd>{classesText(user)}</dd>
              </>
            )}
          </dl>
          <Actions user={user} hiddenView={hiddenView} onAction={onAction} compact={false} />
        </Card>
      ))}
    </Stack>
  );
}
