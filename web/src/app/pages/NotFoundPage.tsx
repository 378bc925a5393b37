import { Anchor, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { t } from '../i18n/t.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';

/** 404, inside an establishment (link to its home page) or outside (link to `/`). */
export function NotFoundPage({ inEstablishment = false }: { inEstablishment?: boolean }) {
  const { uai } = useParams();
  const target = inEstablishment && uai ? `/${uai}/accueil` : '/';
  return (
    <>
      <PageTitle>{t('errors.notFoundTitle')}</PageTitle>
      <Text mb="md">{t('errors.notFoundText')}</Text>
      <Anchor component={Link} to={target}>
        {inEstablishment ? t('app.backHome') : t('errors.notFoundHomeLink')}
      </Anchor>
    </>
  );
}
