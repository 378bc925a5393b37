import type { ModuleId } from '@cerise/common';
import { Alert, Anchor, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { moduleTitle } from '../../features/home/module-tiles.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useCurrentUser } from '../current-user.tsx';
import { t } from '../i18n/t.ts';

/** Shown when a user opens a module their profiles do not include. */
export function ForbiddenPage({ module }: { module: ModuleId }) {
  const { establishment } = useCurrentUser();
  return (
    <>
      <PageTitle>{t('errors.forbiddenTitle')}</PageTitle>
      <Alert color="red" variant="light" icon={<IconLock aria-hidden="true" />} mb="md">
        <Text>{t('errors.forbiddenText', { module: moduleTitle(module) })}</Text>
      </Alert>
      <Anchor component={Link} to={`/${establishment.uai}/accueil`}>
        {t('app.backHome')}
      </Anchor>
    </>
  );
}
