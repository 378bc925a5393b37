import { Anchor, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { moduleTitle } from '../home/module-tiles.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { CompetencyPicker, type CompetencySelection } from './picker/CompetencyPicker.tsx';

/**
 * `/:uai/scenarios` until the scenarios module lands: says the module is coming and lets
 * teachers try the competency picker (nothing is saved).
 */
export function PickerPreviewPage() {
  const { establishment } = useCurrentUser();
  const [value, setValue] = useState<CompetencySelection[]>([]);
  return (
    <>
      <PageTitle>{moduleTitle('scenarios')}</PageTitle>
      <Text mb="md">{t('modules.comingSoon')}</Text>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" mb="lg" component="section" aria-labelledby="picker-preview">
        <Title order={2} size="h3" mb="xs" id="picker-preview">
          {t('referentials.preview.title')}
        </Title>
        <Text size="sm" mb="lg">
          {t('referentials.preview.intro')}
        </Text>
        <CompetencyPicker value={value} onChange={setValue} headingLevel={3} />
      </Paper>
      <Anchor component={Link} to={`/${establishment.uai}/accueil`}>
        {t('app.backHome')}
      </Anchor>
    </>
  );
}
