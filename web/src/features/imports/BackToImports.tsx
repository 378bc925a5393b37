import { MODULE_PATHS } from '@cerise/common';
import { Anchor } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser } from '../../app/current-user.tsx';
import { t } from '../../app/i18n/t.ts';

/** « Revenir à « Importer des fichiers » ». */
export function BackToImports() {
  const { establishment } = useCurrentUser();
  return (
    <Anchor component={Link} to={`/${establishment.uai}/${MODULE_PATHS.imports}`} className="back-link">
      <IconArrowLeft size={16} aria-hidden="true" />
      {t('imports.report.back')}
    </Anchor>
  );
}
