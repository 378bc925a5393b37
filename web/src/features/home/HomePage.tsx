import { MODULE_PATHS } from '@cerise/common';
import { Card, Group, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { MODULE_ICONS, moduleDescription, moduleTitle } from './module-tiles.ts';

/** `/:uai/accueil`: one tile per module of the user's profiles, in the guide's order (§ 2.3). */
export function HomePage() {
  const { user, establishment } = useCurrentUser();

  return (
    <>
      <PageTitle documentTitle={t('home.documentTitle')}>
        {t('home.greeting', { name: `${user.firstName} ${user.lastName}` })}
      </PageTitle>
      {user.modules.length === 0 ? (
        <Text>{t('home.noModules')}</Text>
      ) : (
        <>
          <Text mb="lg">{t('home.intro')}</Text>
          <SimpleGrid component="ul" className="tile-list" cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg" aria-label={t('home.modulesLabel')}>
            {user.modules.map((module) => {
              const ModuleIcon = MODULE_ICONS[module];
              return (
                <li key={module}>
                  <Card withBorder shadow="xs" padding="lg" radius="md" className="module-tile">
                    <Group gap="sm" wrap="nowrap" mb="sm" align="flex-start">
                      <ThemeIcon size={44} radius="md" variant="light" aria-hidden="true">
                        <ModuleIcon size={26} stroke={1.6} />
                      </ThemeIcon>
                      <Title order={2} size="h4">
                        <Link to={`/${establishment.uai}/${MODULE_PATHS[module]}`}>{moduleTitle(module)}</Link>
                      </Title>
                    </Group>
                    <Text size="sm">{moduleDescription(module, user.profiles)}</Text>
                  </Card>
                </li>
              );
            })}
          </SimpleGrid>
        </>
      )}
    </>
  );
}
