import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useParams } from 'react-router';
import type { MeResponse } from '@cerise/common';
import { useLogout, useMe } from '../../features/auth/auth.api.ts';
import { ForcedPasswordChangePage } from '../../features/auth/ForcedPasswordChangePage.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { CurrentUserContext } from '../current-user.tsx';
import { t } from '../i18n/t.ts';
import { Shell } from './Shell.tsx';

/** Where the login page sends the user back to after signing in again. */
export type LoginLocationState = { from?: string; sessionEnded?: boolean; loggedOut?: boolean; ssoLogout?: { url: string; label: string } };

function AppHeader({ me, uai, showAccount }: { me: MeResponse | null; uai: string; showAccount: boolean }) {
  const logout = useLogout(uai);
  const [isLeaving, setLeaving] = useState(false);
  const onLogout = async () => {
    setLeaving(true);
    await logout();
  };

  return (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Stack gap={0}>
        <Anchor component={Link} to={`/${uai}/accueil`} className="app-brand" aria-label={t('app.homeLink')}>
          {t('app.name')}
        </Anchor>
        {me && <Text size="sm">{me.establishment.name}</Text>}
      </Stack>
      {me && (
        <nav aria-label={t('app.headerNavLabel')}>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" visibleFrom="sm" mr="xs">
              {t('app.signedInAs', { name: `${me.user.firstName} ${me.user.lastName}` })}
            </Text>
            {showAccount && (
              <Button
                component={NavLink}
                to={`/${uai}/compte`}
                variant="outline"
                color="white"
                size="sm"
                leftSection={<IconUserCircle aria-hidden="true" size={18} />}
              >
                {t('app.account')}
              </Button>
            )}
            <Button
              variant="white"
              size="sm"
              onClick={() => void onLogout()}
              loading={isLeaving}
              leftSection={<IconLogout aria-hidden="true" size={18} />}
            >
              {t('app.logout')}
            </Button>
          </Group>
        </nav>
      )}
    </Group>
  );
}

/**
 * The frame of the signed-in pages of an establishment. It sends people without a session
 * (or with a session in another establishment) to the login page, and shows the forced
 * password change screen, whatever the address, until the initial password is replaced.
 */
export function AppLayout() {
  const { uai = '' } = useParams();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Shell header={<AppHeader me={null} uai={uai} showAccount={false} />}>
        <PageLoader />
      </Shell>
    );
  }
  if (me.isError) {
    return (
      <Shell header={<AppHeader me={null} uai={uai} showAccount={false} />}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Shell>
    );
  }
  if (!me.data || me.data.establishment.uai.toUpperCase() !== uai.toUpperCase()) {
    const state: LoginLocationState = {
      from: location.pathname + location.search,
      sessionEnded: !me.data,
    };
    return <Navigate to={`/${uai}`} replace state={state} />;
  }

  const mustChangePassword = me.data.user.mustChangePassword;
  return (
    <CurrentUserContext.Provider value={me.data}>
      <Shell header={<AppHeader me={me.data} uai={uai} showAccount={!mustChangePassword} />}>
        {mustChangePassword ? <ForcedPasswordChangePage /> : <Outlet />}
      </Shell>
    </CurrentUserContext.Provider>
  );
}
