import { MODULE_PATHS } from '@cerise/common';
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCurrentUser } from '../../../app/current-user.tsx';
import { t } from '../../../app/i18n/t.ts';
import { moduleTitle } from '../../home/module-tiles.ts';

type Crumb = { label: string; to?: string };

/** « Paramètres › Référentiels › … »: where the page sits, the last crumb being the page itself. */
export function SettingsBreadcrumbs({ trail }: { trail: Crumb[] }) {
  const { establishment } = useCurrentUser();
  const crumbs: Crumb[] = [{ label: moduleTitle('settings'), to: `/${establishment.uai}/${MODULE_PATHS.settings}` }, ...trail];
  return (
    <nav aria-label={t('referentials.breadcrumbLabel')}>
      <Breadcrumbs mb="sm" separatorMargin={6} style={{ flexWrap: 'wrap' }}>
        {crumbs.map((crumb, i) =>
          crumb.to && i < crumbs.length - 1 ? (
            <Anchor key={crumb.label} component={Link} to={crumb.to} size="sm">
              {crumb.label}
            </Anchor>
          ) : (
            <Text key={crumb.label} size="sm" aria-current="page">
              {crumb.label}
            </Text>
          ),
        )}
      </Breadcrumbs>
    </nav>
  );
}
