import { MODULE_PATHS } from '@cerise/common';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { t } from '../../../app/i18n/t.ts';
import { ErrorAlert } from '../../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../../ui/PageLoader.tsx';
import { PageTitle } from '../../../ui/PageTitle.tsx';
import { useReferentials } from '../referentials.api.ts';
import { ExportButton } from './ExportButton.tsx';
import { ReferentialImport } from './ReferentialImport.tsx';
import { SettingsBreadcrumbs } from './SettingsBreadcrumbs.tsx';

/** `/:uai/parametres/referentiels`: the establishment's referentials, their export, and the import. */
export function ReferentialListPage() {
  const { establishment } = useCurrentUser();
  const list = useReferentials();
  const title = t('referentials.list.title');

  return (
    <>
      <SettingsBreadcrumbs trail={[{ label: title }]} />
      <PageTitle>{title}</PageTitle>
      <Text mb="lg">{t('referentials.list.intro')}</Text>

      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.referentials.length === 0 ? (
        <Text mb="xl">{t('referentials.list.empty')}</Text>
      ) : (
        <Stack gap="md" mb="xl" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={title}>
          {list.data.referentials.map((referential) => {
            const { counts } = referential;
            const headingId = `referential-${referential.id}`;
            return (
              <Paper key={referential.id} component="li" withBorder p={{ base: 'md', sm: 'lg' }} radius="md" aria-labelledby={headingId}>
                <Title order={2} size="h3" mb={4} id={headingId}>
                  {referential.title}
                </Title>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('referentials.list.code', { code: referential.code })}
                </Text>
                {referential.source && (
                  <Text size="sm" mb="xs">
                    {t('referentials.list.source', { source: referential.source })}
                  </Text>
                )}
                <Text size="sm">
                  {t('referentials.list.counts', {
                    poles: counts.poles,
                    classes: counts.classes,
                    situations: counts.situations,
                    competencies: counts.competencies,
                  })}
                </Text>
                <Text size="sm" mb="md" fw={600} c={counts.toComplete > 0 ? 'orange.9' : 'green.9'}>
                  {counts.toComplete > 0 ? t('referentials.list.toComplete', { count: counts.toComplete }) : t('referentials.list.allComplete')}
                </Text>
                <Group gap="sm" align="flex-start">
                  <Button
                    component={Link}
                    to={`/${establishment.uai}/${MODULE_PATHS.settings}/referentiels/${referential.id}`}
                    leftSection={<IconPencil size={18} aria-hidden="true" />}
                    aria-label={t('referentials.list.editName', { title: referential.title })}
                  >
                    {t('referentials.list.edit')}
                  </Button>
                  <ExportButton referentialId={referential.id} code={referential.code} />
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}

      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="referential-import">
        <Title order={2} size="h3" mb="xs" id="referential-import">
          {t('referentials.import.title')}
        </Title>
        <Text size="sm" mb="md">
          {t('referentials.import.intro')}
        </Text>
        <ReferentialImport />
      </Paper>
    </>
  );
}
