import { Anchor, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useRouteError } from 'react-router';
import { PublicLayout } from '../layout/PublicLayout.tsx';
import { t } from '../i18n/t.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';

/** The router's error boundary: a page failed to render or its code failed to load. */
export function ErrorPage() {
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <PublicLayout>
      <PageTitle>{t('errors.crashTitle')}</PageTitle>
      <Text mb="md">{t('errors.crashText')}</Text>
      <Anchor href="/">{t('app.backHome')}</Anchor>
    </PublicLayout>
  );
}
