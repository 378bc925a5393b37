import { deName, MODULE_PATHS, type Profile, PROFILES, type User } from '@cerise/common';
import { Anchor, Button, Group, NativeSelect, Tabs, Text, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconMail, IconListDetails, IconSchool, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { ListFilters, ListStatus } from '../../ui/ListFilters.tsx';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { pageCountOf, Pager } from '../../ui/Pager.tsx';
import { useAddressParams } from '../../ui/use-address-params.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { EstablishmentIncompleteNotice } from '../settings/EstablishmentIncomplete.tsx';
import { useBackState } from '../settings/BackLink.tsx';
import { useSettings } from '../settings/settings.api.ts';
import { ConfirmModal } from './ConfirmModal.tsx';
import { CreateUserModal, type CreateKind } from './CreateUserModal.tsx';
import { EditUserModal } from './EditUserModal.tsx';
import { personName } from './format.ts';
import { ResetPasswordModal } from './ResetPasswordModal.tsx';
import { UsersCards, UsersTable, type UserAction } from './UserRows.tsx';
import { useReturnFocus } from './use-return-focus.ts';
import { useDivisions, useHideUser, useRestoreUser, useUsers } from './users.api.ts';
import './admin.css';

const PAGE_SIZE = 25;

type Dialog =
  | { kind: 'edit'; user: User }
  | { kind: 'reset'; user: User }
  | { kind: 'hide'; user: User }
  | { kind: 'restore'; user: User }
  | { kind: 'create'; create: CreateKind };

function isProfile(value: string | null): value is Profile {
  return (PROFILES as readonly string[]).includes(value ?? '');
}

/** `/:uai/utilisateurs`: « Gestion des utilisateurs » (docs/guide.md §3.2). Filters live in the address. */
export function UsersPage() {
  const { establishment } = useCurrentUser();
  const backState = useBackState();
  const { params, page, update, setPage } = useAddressParams();
  const hiddenView = params.get('vue') === 'masques';
  const search = params.get('q') ?? '';
  const profileParam = params.get('profil');
  const profile = isProfile(profileParam) ? profileParam : '';
  const division = params.get('classe') ?? '';
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });

  const [searchInput, setSearchInput] = useState(search);
  const [debouncedSearch] = useDebouncedValue(searchInput, 350);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  const users = useUsers({ search, profile, division, hidden: hiddenView, page, pageSize: PAGE_SIZE });
  const divisions = useDivisions();
  const settings = useSettings();
  const hide = useHideUser();
  const restore = useRestoreUser();

  // The search box writes to the address once typing pauses.
  useEffect(() => {
    if (debouncedSearch.trim() !== search.trim()) update({ q: debouncedSearch.trim() || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the typed text settles
  }, [debouncedSearch]);

  const total = users.data?.total ?? 0;
  const pageCount = pageCountOf(total, PAGE_SIZE);
  const items = users.data?.items ?? [];
  const filtered = Boolean(search || profile || division);
  const countText = hiddenView ? t('users.list.countHidden', { count: total }) : t('users.list.count', { count: total });
  const caption = `${hiddenView ? t('users.tabs.hidden') : t('users.tabs.active')} — ${countText}`;

  const focusReturn = useReturnFocus(() => listTitle.current);
  const open = (next: Dialog, trigger?: HTMLElement) => {
    focusReturn.remember(trigger);
    setDialog(next);
  };
  const onAction = (action: UserAction, user: User, trigger: HTMLElement) => open({ kind: action, user }, trigger);
  const close = () => {
    setDialog(null);
    focusReturn.restore();
  };
  const focusList = () => requestAnimationFrame(() => listTitle.current?.focus());

  const classOptions = [
    { value: '', label: t('users.filters.allClasses') },
    ...(divisions.data && divisions.data.divisions.length > 0
      ? [{ group: t('admin.classes.divisions'), items: divisions.data.divisions.map((d) => ({ value: d.id, label: d.code })) }]
      : []),
    ...(divisions.data && divisions.data.groups.length > 0
      ? [{ group: t('admin.classes.groups'), items: divisions.data.groups.map((g) => ({ value: g.id, label: g.code })) }]
      : []),
  ];

  const list = (
    <>
      <Title order={2} size="h3" mb="sm" ref={listTitle} tabIndex={-1}>
        {hiddenView ? t('users.tabs.hidden') : t('users.tabs.active')}
      </Title>
      {hiddenView && <Text mb="md">{t('users.hiddenIntro')}</Text>}
      <ListFilters label={t('users.filters.label')}>
        <SearchField
          label={t('users.filters.search')}
          description={t('users.filters.searchHint')}
          value={searchInput}
          onChange={(e) => setSearchInput(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('users.filters.profile')}
          value={profile}
          onChange={(e) => update({ profil: e.currentTarget.value || null })}
          data={[
            { value: '', label: t('users.filters.allProfiles') },
            ...PROFILES.map((p) => ({ value: p, label: t(`users.filters.profiles.${p}`) })),
          ]}
        />
        <NativeSelect
          label={t('users.filters.class')}
          value={division}
          onChange={(e) => update({ classe: e.currentTarget.value || null })}
          data={classOptions}
        />
      </ListFilters>
      <ListStatus
        text={users.data ? countText : ''}
        filtered={filtered}
        clearLabel={t('users.filters.clear')}
        onClear={() => {
          setSearchInput('');
          update({ q: null, profil: null, classe: null });
        }}
      />

      {users.isPending && <PageLoader />}
      {users.isError && <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />}
      {/* While the next page or filter loads (typing included), the current list stays, marked busy, a thin bar above it. */}
      <div
        className={users.isPlaceholderData ? 'admin-stale' : undefined}
        aria-busy={users.isFetching || searchInput.trim() !== search.trim() || undefined}
        data-users-list
        data-for={params.toString()}
      >
        {users.data && items.length === 0 && (
          <Text my="md">{filtered ? t('users.list.noMatch') : hiddenView ? t('users.list.noHidden') : t('users.list.empty')}</Text>
        )}
        {items.length > 0 &&
          (wide ? (
            <UsersTable users={items} hiddenView={hiddenView} onAction={onAction} caption={caption} />
          ) : (
            <UsersCards users={items} hiddenView={hiddenView} onAction={onAction} caption={caption} />
          ))}
      </div>
      <Pager
        label={t('users.list.pagerLabel')}
        page={Math.min(page, pageCount)}
        pageCount={pageCount}
        onChange={(p) => {
          setPage(p);
          focusList();
        }}
      />
    </>
  );

  return (
    <>
      <PageTitle>{moduleTitle('users')}</PageTitle>
      <Text mb="xs">{t('users.intro')}</Text>
      <Text size="sm" mb="md">
        {t('users.colourLegend')}
      </Text>

      {settings.data && settings.data.missing.length > 0 && <EstablishmentIncompleteNotice />}

      <Group justify="space-between" align="flex-start" mb="lg" gap="md" wrap="wrap">
        <Group gap="sm">
          <Button leftSection={<IconSchool size={18} aria-hidden="true" />} onClick={(e) => open({ kind: 'create', create: 'teacher' }, e.currentTarget)}>
            {t('users.newTeacher')}
          </Button>
          <Button
            variant="outline"
            leftSection={<IconUserPlus size={18} aria-hidden="true" />}
            onClick={(e) => open({ kind: 'create', create: 'other' }, e.currentTarget)}
          >
            {t('users.newUser')}
          </Button>
        </Group>
        <Group gap="md">
          <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}/journal`} state={backState} className="admin-icon-link" size="sm">
            <IconListDetails size={16} aria-hidden="true" />
            {t('audit.title')}
          </Anchor>
          <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.settings}/courriels`} state={backState} className="admin-icon-link" size="sm">
            <IconMail size={16} aria-hidden="true" />
            {t('mails.title')}
          </Anchor>
        </Group>
      </Group>

      <Tabs
        value={hiddenView ? 'masques' : 'actifs'}
        onChange={(value) => update({ vue: value === 'masques' ? 'masques' : null })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('users.tabs.label')} mb="md">
          <Tabs.Tab value="actifs">{t('users.tabs.active')}</Tabs.Tab>
          <Tabs.Tab value="masques">{t('users.tabs.hidden')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="actifs">{!hiddenView && list}</Tabs.Panel>
        <Tabs.Panel value="masques">{hiddenView && list}</Tabs.Panel>
      </Tabs>

      {dialog?.kind === 'create' && <CreateUserModal kind={dialog.create} onClose={close} />}
      {dialog?.kind === 'edit' && <EditUserModal user={dialog.user} onClose={close} />}
      {dialog?.kind === 'reset' && (
        <ResetPasswordModal user={dialog.user} onClose={close} />
      )}
      {dialog?.kind === 'hide' && (
        <ConfirmModal
          opened
          title={t('users.hide.title', { name: personName(dialog.user) })}
          confirmLabel={t('users.hide.confirm')}
          onConfirm={() =>
            hide.mutate(dialog.user.id, {
              onSuccess: (u) => {
                hide.reset();
                close();
                notifySuccess(t('users.hide.done', { ofName: deName(personName(u)) }));
              },
            })
          }
          onClose={() => {
            hide.reset();
            close();
          }}
          pending={hide.isPending}
          error={hide.error}
          danger
        >
          <Text>{t('users.hide.text', { name: personName(dialog.user), login: dialog.user.login })}</Text>
          <Text size="sm">{t('users.hide.restoreHint')}</Text>
        </ConfirmModal>
      )}
      {dialog?.kind === 'restore' && (
        <ConfirmModal
          opened
          title={t('users.restore.title', { name: personName(dialog.user) })}
          confirmLabel={t('users.restore.confirm')}
          onConfirm={() =>
            restore.mutate(dialog.user.id, {
              onSuccess: (u) => {
                restore.reset();
                close();
                notifySuccess(t('users.restore.done', { ofName: deName(personName(u)) }));
              },
            })
          }
          onClose={() => {
            restore.reset();
            close();
          }}
          pending={restore.isPending}
          error={restore.error}
        >
          <Text>{t('users.restore.text', { name: personName(dialog.user), login: dialog.user.login })}</Text>
        </ConfirmModal>
      )}
    </>
  );
}
