import { Badge, Card, Group, SimpleGrid, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';
import { PageTitle } from '../../ui/PageTitle.tsx';
import { homeTiles, MODULE_ICONS, moduleDescription, moduleTitle } from './module-tiles.ts';

/**
 * `/:uai/accueil`: one tile per module of the user's profiles, in the guide's order (§ 2.3); a
 * module still in preparation is greyed and is not a link.
 */
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
            {homeTiles(establishment.uai, user.modules).map(({ module, href }) => {
              const ModuleIcon = MODULE_ICONS[module];
              return (
                <li key={module}>
                  <Card withBorder shadow={href ? 'xs' : undefined} padding="lg" radius="md" className={href ? 'module-tile' : 'module-tile module-tile--unavailable'}>
                    <Group gap="sm" wrap="nowrap" mb="sm" align="flex-start">
                      <ThemeIcon size={44} radius="md" variant="light" color={href ? undefined : 'gray'} aria-hidden="true">
                        <ModuleIcon size={26} stroke={1.6} />
                      </ThemeIcon>
                      <Title order={2} size="h4">
                        {href ? <Link to={href}>{moduleTitle(module)}</Link> : moduleTitle(module)}
                      </Title>
                    </Group>
                    <Text size="sm">{moduleDescription(module, user.profiles)}</Text>
                    {!href && (
                      <Badge mt="sm" variant="outline" color="gray.8">
                        {t('modules.comingSoonBadge')}
                      </Badge>
                    )}
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
