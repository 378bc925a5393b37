import { MODULE_PATHS } from '@cerise/common';
import { Alert, Anchor, List, Paper, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageLoader } from '../../ui/PageLoader.tsx';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { moduleTitle } from '../home/module-tiles.ts';
import { CalculationForm } from './CalculationForm.tsx';
import { EstablishmentForm } from './EstablishmentForm.tsx';
import { RetentionForm } from './RetentionForm.tsx';
import { SchoolYearSection } from './SchoolYearSection.tsx';
import { useSettings } from './settings.api.ts';
import './settings.css';

/** `/:uai/parametres`: « Paramètres » (docs/guide.md §3.4, docs/design.md§ 5–6). */
export function SettingsPage() {
  const { establishment } = useCurrentUser();
  const settings = useSettings();
  const base = `/${establishment.uai}/${MODULE_PATHS.settings}`;

  const reload = async () => (await settings.refetch()).data;

  return (
    <>
      <PageTitle>{moduleTitle('settings')}</PageTitle>
      <Text mb="md">{t('settings.intro')}</Text>

      <nav aria-labelledby="settings-pages-title">
        <Paper withBorder p="md" radius="md" mb="xl">
          <Title order={2} size="h4" id="settings-pages-title" mb="xs">
            {t('settings.pagesTitle')}
          </Title>
          <List spacing="xs">
            <List.Item>
              <Anchor component={Link} to={`${base}/referentiels`} underline="always">
                {t('referentials.settingsLink')}
              </Anchor>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={`${base}/journal`} underline="always">
                {t('audit.title')}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {t('settings.auditHint')}
              </Text>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={`${base}/connexion-ent`} underline="always">
                {t('sso.title')}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {t('sso.settingsLinkHint')}
              </Text>
            </List.Item>
            <List.Item>
              <Anchor component={Link} to={`${base}/courriels`} underline="always">
                {t('mails.title')}
              </Anchor>{' '}
              <Text span size="sm" c="dimmed">
                {t('settings.mailsHint')}
              </Text>
            </List.Item>
          </List>
        </Paper>
      </nav>

      {settings.isPending && <PageLoader />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <>
          <Paper withBorder p="lg" radius="md" mb="xl" component="section" aria-labelledby="settings-details-title">
            <Title order={2} size="h3" id="settings-details-title" mb="xs">
              {t('settings.details.title')}
            </Title>
            <Text mb="md">{t('settings.details.intro')}</Text>
            {settings.data.missing.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} mb="md">
                {t('settings.details.missing', {
                  fields: settings.data.missing.map((f) => t(`settings.details.${f}`)).join(t('settings.details.and')),
                })}
              </Alert>
            )}
            <Text size="sm" mb="md">
              {t('settings.details.loginUrl')}{' '}
              <Anchor href={settings.data.loginUrl} className="admin-break" underline="always">
                {settings.data.loginUrl}
              </Anchor>
            </Text>
            <EstablishmentForm data={settings.data} onReload={reload} />
          </Paper>

          <SchoolYearSection data={settings.data} onReload={reload} />

          <Paper withBorder p="lg" radius="md" mb="xl" component="section" aria-labelledby="settings-calculation-title">
            <Title order={2} size="h3" id="settings-calculation-title" mb="md">
              {t('settings.calculation.title')}
            </Title>
            <CalculationForm data={settings.data} onReload={reload} />
          </Paper>

          <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="settings-retention-title">
            <Title order={2} size="h3" id="settings-retention-title" mb="md">
              {t('settings.retention.title')}
            </Title>
            <RetentionForm data={settings.data} onReload={reload} />
          </Paper>
        </>
      )}
    </>
  );
}
