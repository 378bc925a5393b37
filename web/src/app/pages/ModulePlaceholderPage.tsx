import type { ModuleId } from '@cerise/common';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { moduleTitle } from '../../features/home/module-tiles.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { useCurrentUser } from '../current-user.tsx';
import { t } from '../i18n/t.ts';

/** Stands for a module until its feature replaces it in `routes.tsx`. */
export function ModulePlaceholderPage({ module }: { module: ModuleId }) {
  const { establishment } = useCurrentUser();
  return (
    <>
      <PageTitle>{moduleTitle(module)}</PageTitle>
      <Text mb="md">{t('modules.comingSoon')}</Text>
      <Anchor component={Link} to={`/${establishment.uai}/accueil`}>
        {t('app.backHome')}
      </Anchor>
    </>
  );
}
